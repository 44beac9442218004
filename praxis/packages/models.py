"""Imported content packages and each learner's attempts at their SCOs.

A package's files lie in the package storage under its UUID, unpacked and checked on import;
an upload that replaces a package is a new package whose `previous` is the one it replaces.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from praxis.core.models import TimeStampedModel


class Package(TimeStampedModel):
    class Kind(models.TextChoices):
        SCORM_12 = "scorm12", _("SCORM 1.2")
        SCORM_2004 = "scorm2004", _("SCORM 2004")
        CMI5 = "cmi5", _("cmi5")
        XAPI = "xapi", _("xAPI (TinCan)")
        H5P = "h5p", _("H5P")
        COMMON_CARTRIDGE = "common_cartridge", _("Common Cartridge")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    edition = models.CharField(_("edition"), max_length=100, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    # What the manifest holds: see praxis.packages.manifests.Summary.
    summary = models.JSONField(default=dict)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("size unpacked"), default=0)
    file_count = models.PositiveIntegerField(default=0)
    number = models.PositiveIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("content package")
        verbose_name_plural = _("content packages")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_kind_display()} v{self.number})"

    @property
    def is_playable(self) -> bool:
        return self.kind in PLAYED

    @property
    def launchables(self) -> list[dict[str, object]]:
        return list(self.summary.get("launchables", []))

    @property
    def scos(self) -> list[dict[str, object]]:
        return [item for item in self.launchables if item.get("launch")]


PLAYED = {
    Package.Kind.SCORM_12,
    Package.Kind.SCORM_2004,
    Package.Kind.CMI5,
    Package.Kind.XAPI,
    Package.Kind.H5P,
}


class Attempt(TimeStampedModel):
    """A learner's state in one SCO of a package, as played in one place (`subject`: the
    lesson's UUID). `sequence` is the last commit applied: a commit with a number not above it
    is a repeat and changes nothing."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="package_attempts"
    )
    package = models.ForeignKey(Package, on_delete=models.PROTECT, related_name="attempts")
    sco = models.CharField(max_length=255)
    subject = models.UUIDField()
    sequence = models.PositiveIntegerField(default=0)
    cmi = models.JSONField(default=dict)
    location = models.CharField(max_length=1000, blank=True)
    suspend_data = models.TextField(blank=True)
    completion_status = models.CharField(max_length=20, blank=True)
    success_status = models.CharField(max_length=20, blank=True)
    score_scaled = models.FloatField(null=True, blank=True)
    score_raw = models.FloatField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("package attempt")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "package", "sco", "subject"], name="packages_attempt_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.package} · {self.sco}"


class Session(TimeStampedModel):
    """One launch of a cmi5 AU, an xAPI (TinCan) activity or H5P content for a learner: its
    session id (`uuid`), the one-time fetch token (kept as a digest) and the LRS credential the
    content uses, bound to the learner and the registration. A cmi5 session ends when the AU says
    `terminated`, or is abandoned when the learner launches again first."""

    class Kind(models.TextChoices):
        CMI5 = "cmi5", _("cmi5")
        XAPI = "xapi", _("xAPI (TinCan)")
        H5P = "h5p", _("H5P")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="package_sessions"
    )
    package = models.ForeignKey(Package, on_delete=models.PROTECT, related_name="sessions")
    au = models.CharField(max_length=255)
    subject = models.UUIDField()
    registration = models.UUIDField()
    activity_id = models.CharField(max_length=2048)
    launch_mode = models.CharField(max_length=10, default="Normal")
    fetch_digest = models.CharField(max_length=64, blank=True, db_index=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    client = models.OneToOneField(
        "lrs.LrsClient",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="package_session",
    )
    expires = models.DateTimeField()
    # When the AU read the learner's preferences, which it does before saying initialized.
    preferences_read_at = models.DateTimeField(null=True, blank=True)
    initialized_at = models.DateTimeField(null=True, blank=True)
    terminated_at = models.DateTimeField(null=True, blank=True)
    abandoned_at = models.DateTimeField(null=True, blank=True)
    last_statement_at = models.DateTimeField(null=True, blank=True)
    # The cmi5 defined verbs the AU has said in this session, in order.
    verbs = models.JSONField(default=list)

    class Meta:
        verbose_name = _("package session")
        indexes = [
            models.Index(fields=["learner", "registration"], name="packages_session_reg"),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.au} · {self.uuid}"

    @property
    def is_open(self) -> bool:
        return self.terminated_at is None and self.abandoned_at is None


class ContentUserData(TimeStampedModel):
    """What H5P content saved to resume from (H5P's `contentUserData`): for one learner, in one
    version of the package played in one place (`subject`: the lesson's UUID), one value per
    data type (`state`, the content's own answers and place) and part (`sub_content_id`, "0"
    for the whole content). `data` is the content's JSON, as text, kept as H5P sent it.
    `preload`: H5P asked to have it in the page that opens the content."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="h5p_user_data"
    )
    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="user_data")
    subject = models.UUIDField()
    data_type = models.CharField(max_length=64)
    sub_content_id = models.CharField(max_length=36)
    data = models.TextField()
    preload = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("H5P saved state")
        verbose_name_plural = _("H5P saved states")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "package", "subject", "data_type", "sub_content_id"],
                name="packages_user_data_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.package} · {self.data_type}"


class ConformanceCourse(TimeStampedModel):
    """A cmi5 course imported through the conformance API (only where
    PRAXIS_CMI5_CONFORMANCE is on), outside any draft: a test suite plays it as the LMS would,
    then deletes it."""

    package = models.OneToOneField(
        Package, on_delete=models.CASCADE, related_name="conformance_course"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("cmi5 conformance course")

    def __str__(self) -> str:
        return str(self.package)
