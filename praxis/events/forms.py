"""Forms for the events pages (all work without JavaScript)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.catalog.models import Topic
from praxis.core.timezones import VIEWER_ZONE_COOKIE
from praxis.events.models import Event, Question, Track
from praxis.events.queries import WHEN_PAST, WHEN_UPCOMING
from praxis.reference.models import WhoRegion

# The zones a viewer can pick to see times in: one or two per region, plus the event's own.
TIME_ZONES = (
    "UTC",
    "Africa/Abidjan",
    "Africa/Cairo",
    "Africa/Johannesburg",
    "Africa/Lagos",
    "Africa/Nairobi",
    "America/Bogota",
    "America/Mexico_City",
    "America/New_York",
    "America/Sao_Paulo",
    "America/Los_Angeles",
    "Asia/Bangkok",
    "Asia/Dhaka",
    "Asia/Dubai",
    "Asia/Jakarta",
    "Asia/Kolkata",
    "Asia/Manila",
    "Asia/Riyadh",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Europe/Berlin",
    "Europe/Copenhagen",
    "Europe/Zurich",
    "Europe/London",
    "Europe/Moscow",
    "Europe/Paris",
    "Pacific/Auckland",
    "Pacific/Fiji",
)

# The viewer's choice of zone is kept in a cookie for a year; without one, an event's times are
# shown in the event's own zone (and lists show each event in its own zone).
TIME_ZONE_COOKIE = VIEWER_ZONE_COOKIE
TIME_ZONE_COOKIE_AGE = 365 * 24 * 3600


def _languages() -> list[tuple[str, str]]:
    return [
        (code, str(get_language_info(code)["name_translated"])) for code, _n in settings.LANGUAGES
    ]


@cache
def _country_options(language: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """(choices, one <option> each) of the country list in `language`, sorted by name there.
    Made once per language and process: the list is long and the same for every visitor."""
    choices = (("", "—"), *((str(code), str(name)) for code, name in countries))
    return choices, tuple(format_html('<option value="{}">{}</option>', *pair) for pair in choices)


def country_choices() -> tuple[tuple[str, str], ...]:
    """The "—" choice and every country, named in the active language."""
    return _country_options(get_language() or settings.LANGUAGE_CODE)[0]


class CountrySelect(forms.Select):
    """A drop-down of the ~250 countries, its options rendered once per language rather than
    through a template per option on every page."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        choices, options = _country_options(get_language() or settings.LANGUAGE_CODE)
        chosen = "" if value in (None, []) else str(value[0] if isinstance(value, list) else value)
        parts: list[str] = [
            format_html(
                "<select{}>", flatatt({**self.build_attrs(self.attrs, attrs), "name": name})
            )
        ]
        for (code, _name), option in zip(choices, options, strict=True):
            parts.append(
                option.replace("<option ", "<option selected ", 1) if code == chosen else option
            )
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 - each part escaped by format_html


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search events"), required=False, strip=True)
    type = forms.ChoiceField(label=_("Type"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    when = forms.ChoiceField(label=_("When"), required=False)
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
        fields["when"].choices = [
            ("", _("Any time")),
            (WHEN_UPCOMING, _("Upcoming")),
            (WHEN_PAST, _("Past")),
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
    """The event's own questions, one field each, named "q<id>"."""

    def __init__(self, questions: list[Question], data: Any = None, initial: Any = None) -> None:
        super().__init__(data, initial=initial)
        for question in questions:
            field: forms.Field
            if question.kind == Question.Kind.CHECKBOX:
                field = forms.BooleanField()
            elif question.kind == Question.Kind.CHOICE:
                field = forms.ChoiceField(choices=[("", "—")] + [(c, c) for c in question.choices])
            elif question.kind == Question.Kind.COUNTRY:
                field = forms.ChoiceField(choices=country_choices, widget=CountrySelect)
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
            field.label = question.label
            field.required = question.required
            self.fields[question.field_name] = field


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
        score: Any = self.fields["score"]
        score.min_value, score.max_value = event.score_min, event.score_max
        score.widget.attrs.update(min=event.score_min, max=event.score_max)


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Ticket code"), max_length=100)


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(label=_("Show times in"))

    def __init__(self, event_zone: str, data: Any = None, initial: Any = None) -> None:
        super().__init__(data, initial=initial)
        zones = sorted({event_zone, *TIME_ZONES})
        field: Any = self.fields["time_zone"]
        field.choices = [(zone, zone.replace("_", " ")) for zone in zones]


class ContactForm(forms.Form):
    message = forms.CharField(label=_("Message"), max_length=3000, widget=forms.Textarea)
