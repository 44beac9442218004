"""Achievements, the credentials issued for them, the issuer's keys, and the CPD record."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, npgettext, pgettext_lazy

from praxis.core.languages import LanguageTagField
from praxis.core.models import TimeStampedModel
from praxis.credentials.evidence import shown_name
from praxis.organisations.models import Organisation

# The Bitstring Status List holds this many entries (16 KB before compression, the
# specification's minimum for group privacy); indexes are drawn at random within it.
STATUS_LIST_SIZE = 131_072


class SigningKey(TimeStampedModel):
    """An Ed25519 key of the issuer. The private half is encrypted with a key derived from
    SECRET_KEY; retired keys keep their public half so that old credentials still verify."""

    key_id = models.CharField(max_length=64, unique=True)
    public_key = models.BinaryField(max_length=32)
    encrypted_private_key = models.BinaryField()
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        constraints = [
            models.UniqueConstraint(
                fields=["retired_at"],
                condition=models.Q(retired_at__isnull=True),
                name="credentials_one_active_key",
            )
        ]

    def __str__(self) -> str:
        return self.key_id


def plural_count(amount: Decimal) -> int:
    """The number gettext picks a plural form by. Its rules take whole numbers; a fraction
    takes the form of 102 in the languages shipped (the plural in English, French and Spanish,
    the genitive singular in Russian, the general form in Arabic)."""
    return int(amount) if amount == amount.to_integral_value() else 102


def written_amount(amount: Decimal) -> str:
    """`amount` with as many decimals as it has, in the reader's number format: "2,5", "6"."""
    amount = Decimal(amount)
    exact = (
        amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()
    )
    return number_format(exact)


def _amount_in_shipped_unit(code: str, amount: Decimal) -> str | None:
    """ "2.5 hours" in the reader's language for the systems migration 0002 ships; None else."""
    values = {"amount": written_amount(amount)}
    count = plural_count(amount)
    if code == "cpd-hours":
        return ngettext("%(amount)s hour", "%(amount)s hours", count) % values
    if code == "ama-pra-1":
        return npgettext("credit unit", "%(amount)s credit", "%(amount)s credits", count) % values
    if code == "eaccme":
        return npgettext("credit unit", "%(amount)s ECMEC®", "%(amount)s ECMEC®s", count) % values
    if code == "iacet-ceu":
        return npgettext("credit unit", "%(amount)s CEU", "%(amount)s CEUs", count) % values
    return None


# The names and units migration 0002 ships, as stored (English). A shipped system whose stored
# name or unit is still this is written through gettext; one staff renamed keeps their words.
SHIPPED_SYSTEMS: dict[str, tuple[str, str, Any]] = {
    "cpd-hours": ("CPD hours", "hours", pgettext_lazy("credit system", "CPD hours")),
    "ama-pra-1": (
        "AMA PRA Category 1 Credits™",
        "credits",
        pgettext_lazy("credit system", "AMA PRA Category 1 Credits™"),
    ),
    "eaccme": (
        "European CME credits (ECMEC®s)",
        "ECMEC®s",
        pgettext_lazy("credit system", "European CME credits (ECMEC®s)"),
    ),
    "iacet-ceu": ("IACET CEUs", "CEUs", pgettext_lazy("credit system", "IACET CEUs")),
}


class CreditSystem(models.Model):
    """A CPD credit system with its conversion from contact hours, rounding and daily cap."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    unit = models.CharField(_("unit"), max_length=60)
    credits_per_hour = models.DecimalField(max_digits=6, decimal_places=3, default=Decimal("1"))
    step = models.DecimalField(
        _("smallest increment"), max_digits=5, decimal_places=2, default=Decimal("0.1")
    )
    rounding = models.CharField(
        max_length=10,
        choices=[("down", _("down to the step")), ("nearest", _("to the nearest step"))],
        default="down",
    )
    daily_cap = models.DecimalField(
        _("most credits in one day"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    accreditation_statement = models.TextField(_("accreditation statement"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("credit system")
        verbose_name_plural = _("credit systems")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """The system's name in the reader's language."""
        shipped = SHIPPED_SYSTEMS.get(self.code)
        if shipped and self.name == shipped[0]:
            return str(shipped[2])
        return self.name

    def amount(self, credits: Decimal) -> str:
        """`credits` with the system's unit in the reader's language: "2.5 hours"."""
        shipped = SHIPPED_SYSTEMS.get(self.code)
        if shipped and self.unit == shipped[1]:
            written = _amount_in_shipped_unit(self.code, Decimal(credits))
            if written is not None:
                return written
        return f"{written_amount(credits)} {self.unit}"


class Achievement(TimeStampedModel):
    """What a credential attests: completing a course or pathway, passing an assessment,
    attending an event. `source` names the thing in the app that owns it ("course:<uuid>")."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        PATHWAY = "pathway", _("Pathway")
        ASSESSMENT = "assessment", _("Assessment")
        EVENT = "event", _("Event")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.CharField(max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    criteria = models.TextField(_("criteria"))
    language = LanguageTagField(_("language"), default="en")
    url = models.URLField(_("page"), blank=True)
    hours = models.DecimalField(
        _("contact hours"), max_digits=6, decimal_places=2, default=Decimal("0")
    )
    alignments = models.JSONField(
        _("competency alignments"),
        default=list,
        blank=True,
        help_text=_("list of {targetName, targetUrl, targetFramework, targetCode}"),
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="achievements", verbose_name=_("issuers")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")

    def __str__(self) -> str:
        return self.name


class AchievementCredit(models.Model):
    """The credits an achievement is approved for in one credit system."""

    achievement = models.ForeignKey(Achievement, on_delete=models.CASCADE, related_name="credits")
    system = models.ForeignKey(CreditSystem, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(
        max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        verbose_name = _("approved credit")
        verbose_name_plural = _("approved credits")
        constraints = [
            models.UniqueConstraint(
                fields=["achievement", "system"], name="credentials_credit_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.system.code}"


class Credential(TimeStampedModel):
    """One signed Open Badges 3.0 credential: a learner's achievement, issued once."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    achievement = models.ForeignKey(
        Achievement, on_delete=models.PROTECT, related_name="credentials"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credentials"
    )
    issued_at = models.DateTimeField()
    valid_until = models.DateTimeField(null=True, blank=True)
    status_index = models.PositiveIntegerField(unique=True)
    signing_key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="+")
    document = models.JSONField()
    # The version of what was achieved (a course's version number), named in the signed
    # document as the achievement's "version", and the page where that version can be read.
    achievement_version = models.CharField(_("version achieved"), max_length=40, blank=True)
    achievement_version_url = models.URLField(
        _("page of the version achieved"), max_length=500, blank=True
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=250, blank=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "achievement"], name="credentials_issued_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.achievement} — {self.learner}"


class CpdActivity(TimeStampedModel):
    """One line of a learner's CPD record: credits in one system, with the evidence.

    Lines from a credential are made when it is issued; external activities are added by the
    learner and marked self-reported."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_activities"
    )
    system = models.ForeignKey(
        CreditSystem, on_delete=models.PROTECT, related_name="+", verbose_name=_("credit system")
    )
    credential = models.ForeignKey(
        Credential, null=True, blank=True, on_delete=models.CASCADE, related_name="cpd_activities"
    )
    title = models.CharField(_("activity"), max_length=250)
    provider = models.CharField(_("provider"), max_length=250, blank=True)
    date = models.DateField(_("date"))
    credits = models.DecimalField(_("credits"), max_digits=6, decimal_places=2)
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)
    evidence_file = models.FileField(_("evidence file"), upload_to="cpd-evidence/%Y/", blank=True)
    self_reported = models.BooleanField(_("self-reported"), default=False)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("CPD activity")
        verbose_name_plural = _("CPD activities")
        constraints = [
            models.UniqueConstraint(
                fields=["credential", "system"],
                condition=models.Q(credential__isnull=False),
                name="credentials_cpd_once_per_credential",
            )
        ]
        indexes = [models.Index(fields=["learner", "date"], name="credentials_cpd_learner_date")]

    def __str__(self) -> str:
        return self.title

    @property
    def evidence_name(self) -> str:
        """The evidence file's name as the learner gave it; empty without a file."""
        return shown_name(self.evidence_file.name or "") if self.evidence_file else ""


class ErasedCredentialStatus(models.Model):
    """The status-list entry of a credential that was deleted, mostly with its holder's erased
    account: its index, whether it was revoked or suspended, and nothing about the person. It
    keeps the published status list true for the copies the holder kept, and keeps the index
    from being given to another credential."""

    status_index = models.PositiveIntegerField(unique=True)
    issued_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("status of an erased holder's credential")
        verbose_name_plural = _("statuses of erased holders' credentials")

    def __str__(self) -> str:
        return f"#{self.status_index}"
