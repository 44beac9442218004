"""Forms for the events pages (all work without JavaScript)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.catalog.models import Topic
from praxis.core.languages import language_name
from praxis.core.timezones import VIEWER_ZONE_COOKIE, ZoneField, listed_zones, zone_label
from praxis.core.widgets import LongSelect
from praxis.events.models import Event, Material, Question, Registration, Track
from praxis.events.queries import (
    REGISTRANT_FILTER_ABSENT,
    REGISTRANT_FILTER_ATTENDED,
    WHEN_ANY,
    WHEN_PAST,
    WHEN_UPCOMING,
)
from praxis.events.services.organising import (
    BODY_MESSAGE,
    STATUSES_MESSAGE,
    SUBJECT_MESSAGE,
)
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
