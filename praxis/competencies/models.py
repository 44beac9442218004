"""Competency frameworks as data, proficiency scales, target profiles and a learner's evidence.

A framework is stored the way 1EdTech CASE 1.1 describes it (document, items, associations,
rubrics) so that it exports as it was imported; `parent` on an item is the isChildOf
association kept as a column for tree queries.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from praxis.core.models import TimeStampedModel, in_language
from praxis.reference.models import Occupation

# The frameworks shipped from data/frameworks.json: slug → (title as stored, the same through
# gettext), so that each reader sees the name in their language.
SHIPPED_FRAMEWORKS = {
    "who-gcof-uhc-2022": (
        "Global Competency and Outcomes Framework for Universal Health Coverage (skeleton)",
        _("Global Competency and Outcomes Framework for Universal Health Coverage (skeleton)"),
    ),
    "who-gcof-ephf-2024": (
        "Global competency and outcomes framework for the essential public health functions "
        "(skeleton)",
        _(
            "Global competency and outcomes framework for the essential public health functions "
            "(skeleton)"
        ),
    ),
}


class Framework(TimeStampedModel):
    """A CASE CFDocument: a versioned, licensed framework of competency items."""

    identifier = models.UUIDField(_("CASE identifier"), default=uuid.uuid4, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    uri = models.CharField(_("URI"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=300)
    version = models.CharField(_("version"), max_length=50, blank=True)
    creator = models.CharField(_("source"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, default="en")
    description = models.TextField(_("description"), blank=True)
    last_change = models.CharField(max_length=40, blank=True)
    # CASE fields Praxis does not model, kept so that export gives back what import received.
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("competency framework")
        verbose_name_plural = _("competency frameworks")

    def __str__(self) -> str:
        return f"{self.title} {self.version}".strip()

    @property
    def name(self) -> str:
        """The title in the reader's language: translated for a shipped framework still titled
        as shipped; any other keeps the title it was given (CASE exports keep `title`)."""
        shipped = SHIPPED_FRAMEWORKS.get(self.slug)
        if shipped and self.title == shipped[0]:
            return str(shipped[1])
        return self.title


class ProficiencyScale(models.Model):
    """A CASE CFRubric: ordered levels (for example a 5-level entrustment scale)."""

    identifier = models.UUIDField(default=uuid.uuid4, unique=True)
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="scales")
    uri = models.CharField(max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    # CFRubricCriteria as CASE gives them; `levels` below reads the first criterion.
    criteria = models.JSONField(default=list, blank=True)
    last_change = models.CharField(max_length=40, blank=True)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["framework", "id"]
        verbose_name = _("proficiency scale")

    def __str__(self) -> str:
        return self.title

    @property
    def levels(self) -> list[tuple[int, str]]:
        """(score, label) pairs, lowest first."""
        if not self.criteria:
            return []
        raw = self.criteria[0].get("CFRubricCriterionLevels", [])
        pairs = [(int(level.get("score", 0)), str(level.get("quality", ""))) for level in raw]
        return sorted(pairs)


class CompetencyItem(models.Model):
    """A CASE CFItem: a domain, competency, behaviour or practice activity."""

    class Kind(models.TextChoices):
        DOMAIN = "Domain", _("Domain")
        COMPETENCY = "Competency", _("Competency")
        BEHAVIOUR = "Behaviour", _("Behaviour")
        PRACTICE_ACTIVITY = "Practice activity", _("Practice activity")

    identifier = models.UUIDField(default=uuid.uuid4, unique=True)
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    uri = models.CharField(max_length=500, blank=True)
    code = models.CharField(_("code"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=50, blank=True)
    statement = models.TextField(_("statement"))
    abbreviated = models.CharField(_("short name"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    last_change = models.CharField(max_length=40, blank=True)
    extra = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["framework", "position", "id"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        indexes = [models.Index(fields=["framework", "code"], name="competency_item_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def name(self) -> str:
        return self.abbreviated or self.statement


class Association(models.Model):
    """A CASE CFAssociation, kept as given (isChildOf, exactMatchOf and any other type)."""

    identifier = models.UUIDField(default=uuid.uuid4, unique=True)
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="associations")
    kind = models.CharField(_("type"), max_length=50)
    origin = models.ForeignKey(
        CompetencyItem, on_delete=models.CASCADE, related_name="associations"
    )
    # The destination as CASE links it: a node in this document or a URI elsewhere.
    destination_identifier = models.CharField(max_length=300)
    destination_uri = models.CharField(max_length=500, blank=True)
    destination_title = models.CharField(max_length=500, blank=True)
    sequence = models.IntegerField(null=True, blank=True)
    uri = models.CharField(max_length=500, blank=True)
    last_change = models.CharField(max_length=40, blank=True)
    extra = models.JSONField(default=dict, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position", "id"]
        verbose_name = _("association")

    def __str__(self) -> str:
        return f"{self.origin_id} {self.kind} {self.destination_identifier}"


class TargetProfile(TimeStampedModel):
    """What an occupation or role needs: competencies at a level of the framework's scale."""

    slug = models.SlugField(max_length=80, unique=True)
    names = models.JSONField(_("names"), default=dict, help_text=_("language code → name"))
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="targets")
    occupation = models.ForeignKey(
        Occupation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("target profile")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.names, self.slug)


class TargetRequirement(models.Model):
    profile = models.ForeignKey(
        TargetProfile, on_delete=models.CASCADE, related_name="requirements"
    )
    item = models.ForeignKey(CompetencyItem, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("level needed"), default=3)

    class Meta:
        ordering = ["profile", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "item"], name="competency_target_once")
        ]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.item_id} ≥ {self.level}"


class Evidence(TimeStampedModel):
    """One piece of evidence that a learner holds a competency at a level, with its date."""

    class Source(models.TextChoices):
        ASSESSMENT = "assessment", _("Passed assessment")
        COURSE = "course", _("Completed course")
        EVENT = "event", _("Attended event")
        SELF = "self", _("Self-assessment")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competency_evidence"
    )
    item = models.ForeignKey(CompetencyItem, on_delete=models.CASCADE, related_name="evidence")
    source = models.CharField(max_length=20, choices=Source.choices)
    # What the evidence is, in the owning app's terms (e.g. "quiz:<uuid>"), and its title.
    reference = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300, blank=True)
    level = models.PositiveSmallIntegerField(_("level"))
    observed_at = models.DateTimeField(_("date"))
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        ordering = ["-observed_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        indexes = [models.Index(fields=["learner", "item"], name="competency_evidence_learner")]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "item", "source", "reference"],
                condition=~Q(source="self"),
                name="competency_evidence_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner_id} {self.item_id} {self.level}"
