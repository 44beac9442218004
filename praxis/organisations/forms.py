"""Forms of the partner directory: the search form, an organisation's profile, invitations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.organisations.models import CollaboratingCentre, Organisation, Role
from praxis.reference.models import WhoRegion

FILTERS = ("q", "type", "region", "country", "topic", "status")


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Search partners"), required=False, strip=True)
    type = forms.ChoiceField(label=_("Type"), required=False)
    region = forms.ChoiceField(label=_("WHO region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    status = forms.ChoiceField(label=_("Collaborating Centre status"), required=False)

    def __init__(self, data: Any = None, *, topics: list[str]) -> None:
        super().__init__(data)
        anything: list[tuple[str, Any]] = [("", _("Any"))]
        choices: dict[str, list[tuple[str, Any]]] = {
            "type": list(Organisation.Type.choices),
            "region": list(WhoRegion.choices),
            "country": [(code, name) for code, name in countries],
            "topic": [(t, t) for t in topics],
            "status": list(CollaboratingCentre.Status.choices),
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = anything + options

    def filters(self) -> dict[str, str]:
        """The valid filters; anything invalid is dropped rather than refused."""
        if not self.is_bound:
            return dict.fromkeys(FILTERS, "")
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: str(cleaned.get(name) or "") for name in FILTERS}


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=250)
    short_name = forms.CharField(label=_("Short name"), max_length=50, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    topics = forms.CharField(
        label=_("Topics"), required=False, help_text=_("Separate topics with semicolons.")
    )

    def clean_topics(self) -> list[str]:
        return [t.strip()[:100] for t in self.cleaned_data["topics"].split(";") if t.strip()][:30]


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=_("Logo"), help_text=_("PNG, JPEG, WebP or GIF; at most 200 KB and 1024 pixels.")
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), required=False)
    text = forms.CharField(widget=forms.HiddenInput, required=False)
