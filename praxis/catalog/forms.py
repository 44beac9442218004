"""The catalogue's search and filter form (GET, works without JavaScript)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from praxis.catalog.listing import DURATION_LABELS
from praxis.catalog.models import Course, Topic
from praxis.core.languages import language_name
from praxis.organisations.models import Organisation

FILTERS = ("q", "language", "topic", "level", "organisation", "duration")


def language_choices(languages: list[str]) -> list[tuple[str, str]]:
    """The languages courses are written in, each named in the visitor's own language, in the
    order of those names."""
    named = [(tag, language_name(tag)) for tag in languages]
    return sorted(named, key=lambda choice: choice[1].casefold())


class CatalogueForm(forms.Form):
    # No length limit: a pasted paragraph is searched (truncated), never refused.
    q = forms.CharField(label=_("Search courses"), required=False, strip=True)
    language = forms.ChoiceField(label=_("Language"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    organisation = forms.ChoiceField(label=_("Co-created by"), required=False)
    duration = forms.ChoiceField(label=_("Duration"), required=False)

    def __init__(
        self,
        data: Any = None,
        *,
        topics: list[Topic],
        organisations: list[Organisation],
        languages: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.fields["q"].widget = forms.TextInput(attrs={"type": "search"})
        self._offer("language", language_choices(languages))
        self._offer("topic", [(t.slug, t.name) for t in topics])
        self._offer("level", Course.Level.choices)
        self._offer("organisation", [(o.slug, o.short_name or o.name) for o in organisations])
        self._offer("duration", list(DURATION_LABELS.items()))

    def _offer(self, name: str, choices: list[tuple[str, Any]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Any")), *choices]

    def filters(self) -> dict[str, str]:
        """The valid values given; an unknown value counts as no filter, never as an error."""
        if not self.is_bound:
            return dict.fromkeys(FILTERS, "")
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: str(cleaned.get(name) or "") for name in FILTERS}

    @property
    def active(self) -> bool:
        return any(self.filters().values())
