"""Events, their programme, registrations, calls for abstracts, exhibitions and attendance.

Times are stored in UTC; each event names its IANA time zone, in which its dates are set and
shown unless a viewer chooses another zone.
"""

from __future__ import annotations

import uuid
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from praxis.catalog.models import Topic
from praxis.competencies.models import CompetencyItem
from praxis.core.languages import LanguageTagField
from praxis.core.models import TimeStampedModel
from praxis.organisations.models import Organisation
from praxis.reference.models import WhoRegion


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone."), params={"zone": value})


class Venue(models.Model):
    """A place with rooms that events book: a room is never in two sessions at once, whichever
    events they belong to."""

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="venues",
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("venue")

    def __str__(self) -> str:
        return self.name


class Event(TimeStampedModel):
    class Type(models.TextChoices):
        TRAINING = "training", _("Training programme")
        WORKSHOP = "workshop", _("Workshop")
        SEMINAR = "seminar", _("Seminar")
        WEBINAR = "webinar", _("Webinar")
        CONFERENCE = "conference", _("Conference")
        EXHIBITION = "exhibition", _("Exhibition")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=4000)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, db_index=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    language = LanguageTagField(_("language"), db_index=True)
    region = models.CharField(_("WHO region"), max_length=4, choices=WhoRegion.choices, blank=True)
    country = CountryField(_("country"), blank=True)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    place = models.ForeignKey(
        Venue,
        verbose_name=_("venue booked"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Its rooms can be booked for sessions; they are shared with other events."),
    )
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Shown to registered participants only.")
    )
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_events",
    )
    co_organisers = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="co_organised_events",
        verbose_name=_("co-organisers"),
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="events", verbose_name=_("topics")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    waitlist = models.BooleanField(_("waiting list when full"), default=True)
    approval_required = models.BooleanField(_("registrations need approval"), default=False)
    registration_opens = models.BooleanField(_("registration open"), default=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    abstracts_deadline = models.DateTimeField(
        _("deadline for abstracts"), null=True, blank=True, help_text=_("Empty: no call.")
    )
    score_min = models.PositiveSmallIntegerField(_("lowest review score"), default=1)
    score_max = models.PositiveSmallIntegerField(_("highest review score"), default=5)
    cpd_credits = models.DecimalField(
        _("CPD credits for attending"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    competencies = models.ManyToManyField(
        CompetencyItem,
        blank=True,
        related_name="events",
        verbose_name=_("competencies attendance gives evidence of"),
    )
    evidence_level = models.PositiveSmallIntegerField(
        _("proficiency level attendance shows"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="events_event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(score_max__gt=F("score_min")), name="events_event_score_scale"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_online(self) -> bool:
        return self.format != self.Format.IN_PERSON


class Track(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("name"), max_length=150)
    position = models.PositiveSmallIntegerField(default=0)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="reviewed_tracks",
        verbose_name=_("abstract reviewers"),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("track")

    def __str__(self) -> str:
        return self.name


class ReviewerInvitation(TimeStampedModel):
    """An e-mailed invitation to review a track's abstracts, accepted by the person who signs in
    with that address; it works once and until `expires_at`. Nobody's account is looked up when
    it is sent, so the organisers who send it learn nothing of whose address it is."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reviewer invitation")

    def __str__(self) -> str:
        return f"{self.email} → {self.track}"


class Room(models.Model):
    """A room of a venue, shared by the events held there, or (online, or a one-off place) an
    event's own room."""

    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.CASCADE, related_name="rooms"
    )
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("room")
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False) | Q(venue__isnull=False),
                name="events_room_has_event_or_venue",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Speaker(models.Model):
    """A speaker: a person with an account, or someone from outside named here."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    name = models.CharField(_("name"), max_length=150)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("speaker")

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    class Kind(models.TextChoices):
        TALK = "talk", _("Talk")
        KEYNOTE = "keynote", _("Keynote")
        PANEL = "panel", _("Panel")
        WORKSHOP = "workshop", _("Hands-on session")
        POSTER = "poster", _("Poster")
        BREAK = "break", _("Break")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TALK)
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    speakers = models.ManyToManyField(Speaker, blank=True, related_name="sessions")
    conference_url = models.URLField(
        _("video-conference link"),
        blank=True,
        max_length=500,
        help_text=_("Any provider; https only. Shown to confirmed registrants only."),
    )

    class Meta:
        ordering = ["starts_at", "room__position", "id"]
        verbose_name = _("session")
        indexes = [models.Index(fields=["event", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="events_session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Material(TimeStampedModel):
    """Slides or a recording of a session, put up after it: an uploaded file or a link."""

    class Kind(models.TextChoices):
        SLIDES = "slides", _("Slides")
        RECORDING = "recording", _("Recording")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="events/materials/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["kind", "created_at", "id"]
        verbose_name = _("session material")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="events_material_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A custom question on an event's registration form."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        CHECKBOX = "checkbox", _("Checkbox")
        COUNTRY = "country", _("Country")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("registration question")

    def __str__(self) -> str:
        return self.label

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


class Registration(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined")

    # Places are held by confirmed registrations and by those awaiting approval.
    HOLDING = (Status.CONFIRMED, Status.PENDING)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=~Q(status__in=["cancelled", "declined"]),
                name="events_one_live_registration",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.event}"


class Attendance(models.Model):
    """A person was there: checked in with their ticket, or joined online."""

    class Method(models.TextChoices):
        TICKET = "ticket", _("Ticket checked in")
        ONLINE = "online", _("Joined online")

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="attendance"
    )
    method = models.CharField(max_length=10, choices=Method.choices)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self) -> str:
        return f"{self.registration_id} {self.method} {self.recorded_at:%Y-%m-%d}"


class AttendanceAchievement(models.Model):
    """What attending earned: CPD credits, and the credential when one was issued."""

    attendance = models.OneToOneField(
        Attendance, on_delete=models.CASCADE, related_name="achievement"
    )
    cpd_credits = models.DecimalField(max_digits=5, decimal_places=2)
    credential_id = models.CharField(max_length=100, blank=True)
    awarded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("attendance achievement")

    def __str__(self) -> str:
        return f"{self.attendance_id}: {self.cpd_credits}"


class RegistrantMessage(TimeStampedModel):
    """A message organisers sent to an event's registrants (of the chosen statuses), delivered
    through the notification centre by a background job; `sent_at` marks it delivered."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=2000)
    statuses = models.JSONField(_("sent to"), default=list)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message to registrants")

    def __str__(self) -> str:
        return self.subject


class CalendarFeed(models.Model):
    """The secret address of a person's own calendar of the events they registered for."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar of {self.person_id}"


class Abstract(TimeStampedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Under review")
        ACCEPTED = "accepted", _("Accepted")
        POSTER = "poster", _("Accepted as a poster")
        REJECTED = "rejected", _("Not accepted")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="abstracts")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="abstracts")
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submitted_abstracts"
    )
    title = models.CharField(_("title"), max_length=250)
    body = models.TextField(_("abstract"), max_length=5000)
    authors = models.JSONField(
        _("authors"), default=list, help_text=_('[{"name": ..., "organisation": ...}]')
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="abstracts")
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    session = models.OneToOneField(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="abstract"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("abstract")

    def __str__(self) -> str:
        return self.title


class Review(TimeStampedModel):
    abstract = models.ForeignKey(Abstract, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="abstract_reviews"
    )
    score = models.SmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("review")
        constraints = [
            models.UniqueConstraint(fields=["abstract", "reviewer"], name="events_one_review")
        ]


class Exhibitor(models.Model):
    """An organisation exhibiting: a booth on the floor, a virtual booth page, or both."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="exhibitors")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    booth = models.CharField(_("booth"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    resources = models.JSONField(
        _("resources"), default=list, blank=True, help_text=_('[{"title": ..., "url": ...}]')
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        ordering = ["booth", "id"]
        verbose_name = _("exhibitor")
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="events_one_booth")
        ]

    def __str__(self) -> str:
        return str(self.organisation)
