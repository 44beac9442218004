"""Forms for the events pages (all work without JavaScript)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.catalog.models import Topic
from praxis.core.languages import LanguageTagFormField, language_name
from praxis.core.people import Person
from praxis.core.permissions import is_staff
from praxis.core.timezones import VIEWER_ZONE_COOKIE, ZoneField, is_zone, listed_zones, zone_label
from praxis.core.widgets import LongSelect
from praxis.events.models import Event, Material, Question, Registration, Track
from praxis.events.permissions import EVENT_MANAGER_ROLES
from praxis.events.queries import (
    REGISTRANT_FILTER_ABSENT,
    REGISTRANT_FILTER_ATTENDED,
    WHEN_ANY,
    WHEN_PAST,
    WHEN_UPCOMING,
)
from praxis.events.services.event_settings import (
    CAPACITY_MESSAGE,
    CPD_MESSAGE,
    DATE_TIME_MESSAGE,
    FORMAT_MESSAGE,
    ORGANISER_MESSAGE,
    REGION_MESSAGE,
    TYPE_MESSAGE,
    ZONE_MESSAGE,
    EventSettings,
    settings_of,
)
from praxis.events.services.organising import (
    BODY_MESSAGE,
    STATUSES_MESSAGE,
    SUBJECT_MESSAGE,
)
from praxis.events.services.tracks import NAME_LONGEST as TRACK_NAME_LONGEST
from praxis.events.services.tracks import POSITION_HIGHEST as TRACK_POSITION_HIGHEST
from praxis.events.services.tracks import TrackSettings
from praxis.organisations.models import Organisation
from praxis.organisations.permissions import organisation_ids_with_role
from praxis.reference.models import WhoRegion

# The viewer's choice of zone is kept in a cookie for a year; without one, an event's times are
# shown in the event's own zone (and lists show each event in its own zone).
TIME_ZONE_COOKIE = VIEWER_ZONE_COOKIE
TIME_ZONE_COOKIE_AGE = 365 * 24 * 3600


def _languages() -> list[tuple[str, str]]:
    """The languages published events are held in, named in the reader's language."""
    tags = (
        Event.objects.filter(status=Event.Status.PUBLISHED)
        .values_list("language", flat=True)
        .distinct()
        .order_by()
    )
    return sorted(((tag, language_name(tag)) for tag in tags), key=lambda c: c[1].casefold())


@cache
def _country_options(language: str) -> tuple[tuple[str, str], ...]:
    """The "—" choice and every country in `language`, sorted by name there; made once per
    language and process."""
    return (("", "—"), *((str(code), str(name)) for code, name in countries))


def country_choices() -> tuple[tuple[str, str], ...]:
    """The "—" choice and every country, named in the active language."""
    return _country_options(get_language() or settings.LANGUAGE_CODE)


class EventFilterForm(forms.Form):
    # Each drop-down's options rendered once per list of choices (LongSelect): through Django's
    # option templates, its 30 options took half of the events list's time.
    q = forms.CharField(label=_("Search events"), required=False, strip=True)
    type = forms.ChoiceField(label=_("Type"), required=False, widget=LongSelect)
    region = forms.ChoiceField(label=_("Region"), required=False, widget=LongSelect)
    language = forms.ChoiceField(label=_("Language"), required=False, widget=LongSelect)
    topic = forms.ChoiceField(label=_("Topic"), required=False, widget=LongSelect)
    when = forms.ChoiceField(label=_("When"), required=False, widget=LongSelect)
    online = forms.BooleanField(label=_("Online or hybrid only"), required=False)

    def __init__(self, data: Any = None) -> None:
        super().__init__(data)
        anything = [("", _("Any"))]
        fields: dict[str, Any] = self.fields
        fields["type"].choices = anything + list(Event.Type.choices)
        fields["region"].choices = anything + list(WhoRegion.choices)
        fields["language"].choices = anything + _languages()
        fields["topic"].choices = anything + [
            (topic.slug, topic.name)
            for topic in Topic.objects.filter(events__isnull=False).distinct()
        ]
        # Upcoming first: what the list shows unless asked otherwise.
        fields["when"].choices = [
            (WHEN_UPCOMING, _("Upcoming")),
            (WHEN_PAST, _("Past")),
            (WHEN_ANY, _("Any time")),
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters; an invalid one is ignored rather than refused."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) for name in self.fields if self.cleaned_data.get(name)
        }


class RegistrationForm(forms.Form):
    """The event's own questions, one field each, named "q<id>".

    The registration service judges the answers (for the API too); the form shows its
    judgement beside each question (`add_error`) and checks nothing itself, so that an answer
    is never refused twice in two wordings."""

    def __init__(self, questions: list[Question], data: Any = None, initial: Any = None) -> None:
        super().__init__(data, initial=initial)
        for question in questions:
            field: forms.Field
            if question.kind == Question.Kind.CHECKBOX:
                field = forms.BooleanField()
            elif question.kind == Question.Kind.CHOICE:
                field = forms.ChoiceField(choices=[("", "—")] + [(c, c) for c in question.choices])
            elif question.kind == Question.Kind.COUNTRY:
                field = forms.ChoiceField(choices=country_choices, widget=LongSelect)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
            field.label = question.label
            field.required = question.required
            self.fields[question.field_name] = field

    def full_clean(self) -> None:
        self._errors = ErrorDict()
        self.cleaned_data = {}


class AbstractForm(forms.Form):
    track = forms.ModelChoiceField(label=_("Track"), queryset=Track.objects.none())
    title = forms.CharField(label=_("Title"), max_length=250)
    body = forms.CharField(label=_("Abstract"), max_length=5000, widget=forms.Textarea)
    authors = forms.CharField(
        label=_("Authors"),
        help_text=_("One author a line: name, then a semicolon, then organisation."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=6000,
    )

    def __init__(self, event: Event, data: Any = None) -> None:
        super().__init__(data)
        self.fields["track"].queryset = event.tracks.all()  # type: ignore[attr-defined]  # the track field is a ModelChoiceField

    def author_list(self) -> list[dict[str, str]]:
        authors = []
        for line in self.cleaned_data["authors"].splitlines():
            name, _semicolon, organisation = line.partition(";")
            if name.strip():
                authors.append({"name": name.strip(), "organisation": organisation.strip()})
        return authors


class DecisionForm(forms.Form):
    """An organiser's decision on an abstract under review: `decisions` are the choices, each
    with the words the page gives it."""

    decision = forms.ChoiceField(label=_("Decision"))

    def __init__(self, decisions: Iterable[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        field = self.fields["decision"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *decisions]


class ReviewForm(forms.Form):
    score = forms.IntegerField(label=_("Score"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, event: Event, data: Any = None, prefix: str | None = None) -> None:
        super().__init__(data, prefix=prefix)
        # The scale is the event's: the field is made for it, so that its bounds are checked
        # (and given to the input) and a score outside them is refused beside the field.
        out_of_scale = _("Give a score from %(low)s to %(high)s.") % {
            "low": event.score_min,
            "high": event.score_max,
        }
        self.fields["score"] = forms.IntegerField(
            label=_("Score"),
            min_value=event.score_min,
            max_value=event.score_max,
            error_messages={"min_value": out_of_scale, "max_value": out_of_scale},
        )


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Ticket code"), max_length=100)


@cache
def _zone_options() -> tuple[tuple[str, str], ...]:
    return tuple((zone, zone_label(zone)) for zone in listed_zones())


class TimeZoneForm(forms.Form):
    """The viewer's zone, any of the tz database's (the event's own among them)."""

    # Given as the function that makes them: each form copies its fields, and a list of 400
    # choices copied and normalised on every page took longer than rendering them.
    time_zone = ZoneField(label=_("Show times in"), widget=LongSelect, choices=_zone_options)

    def __init__(self, event_zone: str = "UTC", data: Any = None, initial: Any = None) -> None:
        super().__init__(data, initial=initial)
        field = self.fields["time_zone"]
        assert isinstance(field, ZoneField)
        field.offer_too((initial or {}).get("time_zone"))


class ContactForm(forms.Form):
    message = forms.CharField(label=_("Message"), max_length=3000, widget=forms.Textarea)


class CalendarForm(forms.Form):
    """Which stretch of the calendar to show; a bad value falls back to this month."""

    span = forms.ChoiceField(
        label=_("Show"), required=False, choices=[("month", _("Month")), ("week", _("Week"))]
    )
    date = forms.DateField(
        label=_("Around"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class RegistrantFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False)
    attended = forms.ChoiceField(
        label=_("Attendance"),
        required=False,
        choices=[
            ("", _("Any")),
            (REGISTRANT_FILTER_ATTENDED, _("Attended")),
            (REGISTRANT_FILTER_ABSENT, _("Not yet attended")),
        ],
    )

    def __init__(self, data: Any = None) -> None:
        super().__init__(data)
        status: Any = self.fields["status"]
        status.choices = [("", _("Any")), *Registration.Status.choices]

    def filters(self) -> dict[str, str]:
        """The valid filters; an invalid one is ignored rather than refused."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class BadgeForm(forms.Form):
    layout = forms.ChoiceField(
        label=_("Layout"),
        choices=[
            ("a4", _("A4, one badge a page")),
            ("labels", _("Label sheet, eight badges an A4 page")),
        ],
    )


class NameCheckInForm(forms.Form):
    q = forms.CharField(label=_("Find by name or e-mail"), max_length=200)


class MessageForm(forms.Form):
    """A message to an event's registrants. A refused field says what
    `services.message_registrants` says of it, once; no group ticked means the confirmed
    registrants, as the service reads it."""

    subject = forms.CharField(
        label=_("Subject"),
        max_length=150,
        error_messages={"required": SUBJECT_MESSAGE, "max_length": SUBJECT_MESSAGE},
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": BODY_MESSAGE, "max_length": BODY_MESSAGE},
    )
    statuses = forms.MultipleChoiceField(
        label=_("Send to"),
        required=False,
        error_messages={"invalid_choice": STATUSES_MESSAGE},
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (Registration.Status.CONFIRMED, _("Confirmed")),
            (Registration.Status.PENDING, _("Awaiting approval")),
            (Registration.Status.WAITLISTED, _("On the waiting list")),
        ],
        initial=[Registration.Status.CONFIRMED],
    )


class MaterialForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Material.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("Slides: PDF, ODP or PPTX. Recordings: MP4, WebM or MP3. Up to 200 MB."),
    )
    url = forms.URLField(
        label=_("Or a link"), required=False, assume_scheme="https", max_length=500
    )


class ConferenceLinkForm(forms.Form):
    conference_url = forms.CharField(
        label=_("Video-conference link"),
        required=False,
        max_length=500,
        help_text=_("Any provider; https only. Shown to confirmed registrants only."),
    )


class WallClockField(forms.DateTimeField):
    """A date and time as the event's clock shows it, without a zone: the event's settings put
    it in the event's time zone (never the reader's or the server's)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
    default_error_messages = {"invalid": DATE_TIME_MESSAGE}

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        text = str(value).strip()
        for pattern in self.input_formats:
            try:
                return datetime.strptime(text, pattern)
            except ValueError:
                continue
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


def _on_its_clock(moment: datetime | None, zone: Any) -> datetime | None:
    return None if moment is None else moment.astimezone(zone).replace(tzinfo=None)


class EventForm(forms.Form):
    """An event's settings, as its organisers create or change it. The form reads what was
    typed; `services.create_event` and `update_event` judge it, and a refused field shows their
    words beside it (`show_form_errors`), so that nothing is refused twice in two wordings."""

    title = forms.CharField(
        label=_("Title"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, error_messages={"invalid_choice": TYPE_MESSAGE}
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        strip=False,
        help_text=_("What the event is about and who it is for, up to 4,000 characters."),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
    )
    language = LanguageTagFormField(label=_("Language"), required=False)
    region = forms.ChoiceField(
        label=_("WHO region"), required=False, error_messages={"invalid_choice": REGION_MESSAGE}
    )
    organiser = forms.ModelChoiceField(
        label=_("Organiser"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="—",
        error_messages={"invalid_choice": ORGANISER_MESSAGE},
    )
    co_organisers = forms.ModelMultipleChoiceField(
        label=_("Co-organisers"),
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("Their admins manage the event too."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    time_zone = ZoneField(
        label=_("Time zone"),
        required=False,
        widget=LongSelect,
        choices=_zone_options,
        error_messages={"invalid_choice": ZONE_MESSAGE},
    )
    starts_at = WallClockField(
        label=pgettext_lazy("when an event starts", "Starts"), required=False
    )
    ends_at = WallClockField(label=pgettext_lazy("when an event ends", "Ends"), required=False)
    format = forms.ChoiceField(
        label=pgettext_lazy("an event held in person, online or both", "Held"),
        required=False,
        widget=forms.RadioSelect,
        choices=Event.Format.choices,
        error_messages={"invalid_choice": FORMAT_MESSAGE},
    )
    venue = forms.CharField(
        label=_("Venue"),
        required=False,
        help_text=_("For an event held in person or hybrid: the place and its address."),
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    online_url = forms.CharField(
        label=_("Online link"),
        required=False,
        help_text=_("For an online or hybrid event: https:// only. Shown to registrants only."),
        widget=forms.URLInput(attrs={"maxlength": 200, "dir": "ltr"}),
    )
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        help_text=_("Places; empty for no limit."),
        error_messages={"invalid": CAPACITY_MESSAGE},
    )
    waitlist = forms.BooleanField(label=_("Waiting list when full"), required=False)
    registration_deadline = WallClockField(
        label=_("Registration deadline"), required=False, help_text=_("Empty: until it ends.")
    )
    cpd_credits = forms.DecimalField(
        label=_("CPD credits for attending"),
        required=False,
        error_messages={"invalid": CPD_MESSAGE},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, by: Person, event: Event | None = None, data: Any = None) -> None:
        # A new event starts on its organiser's own clock and in their language.
        zone_name = getattr(by, "time_zone", "") or "UTC"
        zone_name = zone_name if is_zone(zone_name) else "UTC"
        initial: dict[str, Any] = {
            "time_zone": zone_name,
            "language": get_language() or "en",
            "format": Event.Format.IN_PERSON,
            "waitlist": True,
            "cpd_credits": 0,
        }
        if event is not None:
            now = settings_of(event)
            zone_name = event.time_zone
            initial = {
                **{name: getattr(now, name) for name in ("title", "type", "summary", "language")},
                **{name: getattr(now, name) for name in ("region", "time_zone", "format")},
                **{name: getattr(now, name) for name in ("venue", "online_url", "capacity")},
                "waitlist": now.waitlist,
                "cpd_credits": now.cpd_credits,
                "organiser": now.organiser,
                "co_organisers": list(now.co_organisers),
                "topics": list(now.topics),
                "starts_at": _on_its_clock(now.starts_at, event.zone),
                "ends_at": _on_its_clock(now.ends_at, event.zone),
                "registration_deadline": _on_its_clock(now.registration_deadline, event.zone),
            }
        super().__init__(data, initial=initial)
        if data is not None and is_zone(data.get("time_zone")):
            zone_name = data["time_zone"]
        fields: dict[str, Any] = self.fields
        fields["type"].choices = [("", "—"), *Event.Type.choices]
        fields["region"].choices = [("", "—"), *WhoRegion.choices]
        # Staff organise for any organisation; a partner's admins for their own (and keep the
        # organiser an event they co-organise already has).
        organisers = Organisation.objects.all()
        if not is_staff(by):
            own = organisation_ids_with_role(by, EVENT_MANAGER_ROLES)
            if event is not None and event.organiser_id:
                own.add(event.organiser_id)
            organisers = organisers.filter(pk__in=own)
        fields["organiser"].queryset = organisers
        fields["time_zone"].offer_too(zone_name)
        on_the_clock = _("On the event's clock, in its time zone (%(zone)s).") % {"zone": zone_name}
        for name in ("starts_at", "ends_at"):
            fields[name].help_text = on_the_clock

    def settings(self) -> EventSettings:
        """The settings as typed (the form being valid), for the service to judge."""
        data = self.cleaned_data
        credits = data.get("cpd_credits")
        return EventSettings(
            title=data.get("title") or "",
            type=data.get("type") or "",
            summary=data.get("summary") or "",
            language=data.get("language") or "",
            region=data.get("region") or "",
            time_zone=data.get("time_zone") or "",
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
            format=data.get("format") or "",
            venue=data.get("venue") or "",
            online_url=data.get("online_url") or "",
            capacity=data.get("capacity"),
            waitlist=bool(data.get("waitlist")),
            registration_deadline=data.get("registration_deadline"),
            cpd_credits=credits if credits is not None else Decimal("0"),
            organiser=data.get("organiser"),
            co_organisers=tuple(data.get("co_organisers") or ()),
            topics=tuple(data.get("topics") or ()),
        )


class ReviewerForm(forms.Form):
    """Who to add to a track's reviewers; the service judges what is given."""

    who = forms.CharField(
        label=_("E-mail address or @handle"),
        help_text=_(
            "A member's @handle adds them at once. An e-mail address is sent an invitation, "
            "and the person becomes a reviewer when they accept it."
        ),
        max_length=254,
        required=False,
    )


class TrackForm(forms.Form):
    """A track's name and place in the list; the service judges them, beside each field."""

    name = forms.CharField(
        label=_("Name"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"maxlength": TRACK_NAME_LONGEST}),
    )
    position = forms.IntegerField(
        label=_("Place in the list"),
        help_text=_(
            "Tracks are listed from the lowest number. Leave it empty to add a track last."
        ),
        required=False,
        widget=forms.NumberInput(attrs={"min": 0, "max": TRACK_POSITION_HIGHEST}),
    )

    def settings(self) -> TrackSettings:
        """The track's settings as typed, for the service to judge."""
        data = getattr(self, "cleaned_data", {})
        return TrackSettings(name=data.get("name") or "", position=data.get("position"))
