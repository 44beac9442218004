"""People: accounts, profiles and API tokens."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from praxis.core.models import TimeStampedModel
from praxis.reference.models import Occupation


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("email_verified_at", timezone.now())
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin, TimeStampedModel):
    """A person. Staff are academy staff; superusers are platform admins."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), null=True, blank=True, on_delete=models.PROTECT
    )
    country = CountryField(_("country"), blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    preferred_language = models.CharField(
        _("interface language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("Times are shown in it unless you choose another on a page."),
    )
    data_saver = models.BooleanField(
        _("data saver"),
        default=False,
        help_text=_("Images and videos are loaded only when you ask for them."),
    )
    # Optional; research exports turn it into a generalised age band, never the year itself.
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    email_verified_at = models.DateTimeField(_("e-mail verified"), null=True, blank=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None


class ApiToken(TimeStampedModel):
    """A personal API token. Only a SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class SecurityEventKind(models.TextChoices):
    """What happened to an account. Values are stored: never rename one."""

    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    SECOND_FACTOR_FAILED = "second_factor_failed", _("Wrong two-factor code")
    TWO_FACTOR_ENABLED = "two_factor_enabled", _("Two-factor authentication turned on")
    TWO_FACTOR_DISABLED = "two_factor_disabled", _("Two-factor authentication turned off")
    RECOVERY_CODES_RENEWED = "recovery_codes_renewed", _("New recovery codes made")
    RECOVERY_CODE_USED = "recovery_code_used", _("Recovery code used")
    EMAIL_CHANGE_REQUESTED = "email_change_requested", _("E-mail change asked for")
    EMAIL_CHANGED = "email_changed", _("E-mail address changed")
    EMAIL_CHANGE_UNDONE = "email_change_undone", _("E-mail change undone")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset")
    SESSIONS_ENDED = "sessions_ended", _("Signed out of other sessions")
    ROLE_CHANGED = "role_changed", _("Roles changed")
    TOKEN_CREATED = "token_created", _("API token created")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")
    TERMS_ACCEPTED = "terms_accepted", _("Terms and privacy notice accepted")
    DATA_EXPORTED = "data_exported", _("Personal data exported")
    ACCOUNT_ERASED = "account_erased", _("Account erased")
    ERASURE_REQUESTED = "erasure_requested", _("Account deletion asked for")
    ERASURE_CANCELLED = "erasure_cancelled", _("Account deletion cancelled")
    PASSKEY_ADDED = "passkey_added", _("Passkey added")
    PASSKEY_REMOVED = "passkey_removed", _("Passkey removed")
    PASSKEY_USED = "passkey_used", _("Passkey used to sign in")
    PASSKEY_FAILED = "passkey_failed", _("Passkey refused")


class SecurityEvent(models.Model):
    """One security-relevant event on a person's account (the audit log); never edited."""

    person = models.ForeignKey(
        User,
        verbose_name=_("person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="security_events",
    )
    kind = models.CharField(_("event"), max_length=40, choices=SecurityEventKind.choices)
    # Who did it when not the person themself (a platform admin changing roles, say).
    by = models.ForeignKey(
        User,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    client_address = models.CharField(_("client address"), max_length=45, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class PersonSession(models.Model):
    """A browser session of a person, so that they can see and end it (Django's session store
    cannot be searched by person)."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="browser_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    user_agent = models.CharField(max_length=300, blank=True)
    client_address = models.CharField(max_length=45, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-last_seen_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.created_at:%Y-%m-%d %H:%M}"


class LegalDocumentKind(models.TextChoices):
    TERMS = "terms", _("Terms of use")
    PRIVACY = "privacy", _("Privacy notice")


class LegalDocument(TimeStampedModel):
    """A version of the terms of use or the privacy notice. The newest one of each kind whose
    publication time has come is in force; people accept it before going on."""

    kind = models.CharField(_("document"), max_length=10, choices=LegalDocumentKind.choices)
    version = models.CharField(_("version"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Plain text; blank lines separate paragraphs."))
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_("In force from this time; leave empty while it is a draft."),
    )

    class Meta:
        verbose_name = _("terms or privacy notice")
        verbose_name_plural = _("terms and privacy notices")
        ordering = ["kind", "-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="accounts_legal_version")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}"

    def in_language(self, language: str) -> tuple[str, str]:
        """The title and text in `language` when translated, in the original otherwise."""
        for translation in self.translations.all():
            if translation.language == language:
                return translation.title, translation.body
        return self.title, self.body


class LegalDocumentTranslation(models.Model):
    """The same version of a document in another interface language."""

    document = models.ForeignKey(
        LegalDocument, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"], name="accounts_legal_translation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.language})"


class DataExport(TimeStampedModel):
    """An archive of everything the site holds about a person, built by a background job and
    downloadable by its owner until `expires_at`; the file is deleted then."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("being built")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")
        EXPIRED = "expired", _("expired")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")

    def __str__(self) -> str:
        return str(self.uuid)


class AccountErasure(TimeStampedModel):
    """A request to erase an account: scheduled for `erase_after` (the grace period), cancelled,
    or done. Once done it names nobody erased: `user` is gone and only the dates remain, with,
    for an erasure by a platform admin, the admin and the reason given, as the record that the
    request was honoured."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        RUNNING = "running", _("being erased")
        CANCELLED = "cancelled", _("cancelled")
        DONE = "done", _("erased")

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="erasures"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    erase_after = models.DateTimeField()
    keep_posts = models.BooleanField(default=False)
    by_admin = models.BooleanField(default=False)
    # The platform admin who erased the person (never the person themself); forgotten in turn
    # when that admin's own account is erased.
    erased_by = models.ForeignKey(
        User,
        verbose_name=_("erased by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("account erasure")
        verbose_name_plural = _("account erasures")
        constraints = [
            # At most one live request per person: a second concurrent erasure is refused here.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=["scheduled", "running"]),
                name="accounts_one_live_erasure",
            )
        ]

    def __str__(self) -> str:
        return f"{self.status} {self.erase_after:%Y-%m-%d}"


class LegalAcceptance(models.Model):
    """A person accepted a version of a legal document at a time."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="legal_acceptances")
    document = models.ForeignKey(LegalDocument, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        constraints = [
            models.UniqueConstraint(fields=["person", "document"], name="accounts_accepted_once")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} · {self.document}"


class RecoveryCode(models.Model):
    """One unused recovery code of a person, kept as a keyed digest only (see
    services.recovery_codes): the code itself is shown once and never stored. Used codes are
    deleted."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return f"{self.person_id} · {self.created_at:%Y-%m-%d}"


class Passkey(models.Model):
    """A WebAuthn credential (a passkey or security key) a person registered: its public key,
    never a secret. Proves the second factor, or signs in on its own."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="passkeys")
    name = models.CharField(_("name"), max_length=100)
    # base64url of the authenticator's credential id, as browsers send it back.
    credential_id = models.CharField(max_length=1400, unique=True)
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    transports = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("passkey")
        verbose_name_plural = _("passkeys")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name
