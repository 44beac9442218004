"""Partner organisations, WHO Collaborating Centres, partnerships, networks and membership.

An organisation's WHO region is never stored: it follows from its country and the day asked
about (reference.queries.who_region), because region membership changes over time.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from praxis.core.models import TimeStampedModel

TERM_YEARS = 4
# A centre whose term ends within this many days is due for redesignation.
REDESIGNATION_WINDOW_DAYS = 180


class Organisation(TimeStampedModel):
    class Type(models.TextChoices):
        MEMBER_STATE_BODY = "member_state_body", _("Member State body")
        UNIVERSITY = "university", _("University or research institute")
        COLLABORATING_CENTRE = "collaborating_centre", _("WHO Collaborating Centre")
        INTERNATIONAL = "international", _("International organisation")
        UN_AGENCY = "un_agency", _("UN agency")
        NGO = "ngo", _("Non-governmental organisation")
        PROFESSIONAL_ASSOCIATION = "professional_association", _("Professional association")
        PRIVATE = "private", _("Private company")
        ACADEMY = "academy", _("Academy")

    name = models.CharField(_("name"), max_length=250)
    names = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        help_text=_("language code → name"),
    )
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    type = models.CharField(_("type"), max_length=40, choices=Type.choices)
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisation-logos/", blank=True)
    description = models.TextField(_("description"), blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    @property
    def logo_filename(self) -> str:
        """The stored logo's own name, the last part of the address it is served at."""
        return (self.logo.name or "").rsplit("/", 1)[-1]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the current language when one is given, else the main name."""
        language = (get_language() or "en").lower()
        return str(self.names.get(language) or self.name)


class CollaboratingCentre(TimeStampedModel):
    """The WHO designation of an organisation: terms of four years, renewed by redesignation."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PENDING = "pending_redesignation", _("Pending redesignation")
        EXPIRED = "expired", _("Expired")

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="collaborating_centre"
    )
    reference_number = models.CharField(_("reference number"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=300)
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)
    activity_types = models.JSONField(_("activity types"), default=list, blank=True)
    designated_on = models.DateField(_("designated"))
    redesignated_on = models.DateField(_("last redesignated"), null=True, blank=True)
    expires_on = models.DateField(_("expires"), db_index=True)
    technical_unit = models.CharField(_("responsible technical unit"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("WHO Collaborating Centre")
        verbose_name_plural = _("WHO Collaborating Centres")

    def __str__(self) -> str:
        return f"{self.reference_number} {self.title}"

    def status_on(self, day: datetime.date | None = None) -> str:
        day = day or timezone.now().date()
        if day >= self.expires_on:
            return self.Status.EXPIRED
        if (self.expires_on - day).days <= REDESIGNATION_WINDOW_DAYS:
            return self.Status.PENDING
        return self.Status.ACTIVE

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)


def term_end(designated_on: datetime.date, redesignated_on: datetime.date | None) -> datetime.date:
    """The day a four-year term that began on the later of the two dates ends."""
    start = redesignated_on or designated_on
    try:
        return start.replace(year=start.year + TERM_YEARS)
    except ValueError:  # 29 February
        return start.replace(year=start.year + TERM_YEARS, day=28)


class Partnership(TimeStampedModel):
    """A partnership of the academy with an organisation, or between two organisations."""

    class Type(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding")
        CO_CREATION = "co_creation", _("Course co-creation")
        EVENT = "event", _("Event co-organisation")
        RESEARCH = "research", _("Research")
        FUNDING = "funding", _("Funding")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        UNDER_REVIEW = "under_review", _("Under review")
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="partnerships"
    )
    other_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="partnerships_as_other",
        help_text=_("Leave empty for a partnership with the academy."),
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    title = models.CharField(_("title"), max_length=250)
    scope = models.TextField(_("scope"), blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="organisations_partnership_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PartnershipEvent(models.Model):
    """One step in a partnership's life: who moved it from which status to which, and when."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.partnership} {self.from_status} → {self.to_status}"

    @property
    def from_label(self) -> str:
        return str(dict(Partnership.Status.choices).get(self.from_status, self.from_status))

    @property
    def to_label(self) -> str:
        return str(dict(Partnership.Status.choices).get(self.to_status, self.to_status))


class PartnershipDocument(TimeStampedModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="partnership-documents/%Y/")

    class Meta:
        verbose_name = _("partnership document")

    def __str__(self) -> str:
        return self.title


class Network(TimeStampedModel):
    """A named alliance or network of organisations, with a lead."""

    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    lead = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="leads"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name


class NetworkMember(models.Model):
    """An organisation's membership of a network, from the day it joined to the day it left."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="network_memberships"
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["joined_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=Q(left_on__isnull=True),
                name="organisations_network_member_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.network}"


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    AUTHOR = "author", _("Author")
    REVIEWER = "reviewer", _("Reviewer")
    ADMIN = "admin", _("Organisation admin")


class Membership(TimeStampedModel):
    """A person's place in an organisation. `listed`: shown on the organisation's public page."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    listed = models.BooleanField(_("show me on the organisation's page"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "user"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status__in=["requested", "active"]),
                name="organisations_membership_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} ({self.role})"


class Invitation(TimeStampedModel):
    """An invitation e-mailed as a signed link; it works once and until `expires_at`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class PartnerApplication(TimeStampedModel):
    """An institution asking to join the partner network: reviewed by the academy's staff; on
    approval the organisation is created with the applicant as its first admin."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_applications"
    )
    name = models.CharField(_("name of the organisation"), max_length=250)
    type = models.CharField(
        _("kind of organisation"), max_length=40, choices=Organisation.Type.choices
    )
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("what the organisation does"), max_length=4000)
    motivation = models.TextField(_("what you would like to do with the academy"), max_length=4000)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True, max_length=2000)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant"],
                condition=Q(status="submitted"),
                name="organisations_one_open_application",
            )
        ]

    def __str__(self) -> str:
        return self.name
