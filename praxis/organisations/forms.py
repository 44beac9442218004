"""Forms of the partner directory: the search form, an organisation's profile, invitations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.core.text_search import fold
from praxis.organisations.models import CollaboratingCentre, Organisation, Partnership, Role
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
    """A CSV file to check, or (to import it) the text checked, sent back hidden."""

    # An empty file is told apart by the import itself, like a file of blank lines.
    file = forms.FileField(label=_("CSV file"), required=False, allow_empty_file=True)
    text = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("file") and not cleaned.get("text") and "file" not in self.errors:
            self.add_error("file", _("Choose a file."))
        return cleaned


def country_choices() -> list[tuple[str, str]]:
    """A blank choice, then every country named in the reader's language and sorted there."""
    return [("", "—"), *((str(code), str(name)) for code, name in countries)]


class PartnerApplicationForm(forms.Form):
    name = forms.CharField(label=_("Name of the organisation"), max_length=250)
    type = forms.ChoiceField(
        label=_("Kind of organisation"),
        choices=[
            (value, label)
            for value, label in Organisation.Type.choices
            if value != Organisation.Type.ACADEMY
        ],
    )
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)
    website = forms.CharField(label=_("Website (optional)"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What the organisation does"),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        max_length=4000,
    )
    motivation = forms.CharField(
        label=_("What you would like to do with the academy"),
        help_text=_("For example: co-create courses, co-organise events, research."),
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        max_length=4000,
    )


class PartnershipForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    type = forms.ChoiceField(label=_("Kind of partnership"), choices=Partnership.Type.choices)
    other_organisation = forms.ModelChoiceField(
        label=_("With"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("The academy"),
    )
    scope = forms.CharField(
        label=_("What it covers"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        max_length=4000,
        required=False,
    )
    starts_on = forms.DateField(
        label=_("Starts (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data: Any = None, *, exclude: Organisation) -> None:
        super().__init__(data)
        field = self.fields["other_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.exclude(pk=exclude.pk).order_by("name")

    def clean(self) -> dict[str, Any]:
        # The dates are checked with the other fields, so that every problem shows at once.
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end cannot come before the start."))
        return cleaned


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        error_messages={"invalid_choice": _("Choose one of the roles offered.")},
    )


class ByDisplayedName(forms.models.ModelChoiceIterator[Organisation]):
    """The organisations in the order of the names shown (a name in the reader's language may
    start with another letter than the main name), accents and case set aside."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        if self.field.empty_label is not None:
            yield ("", str(self.field.empty_label))
        organisations: list[Organisation] = list(self.queryset)
        organisations.sort(key=lambda found: (fold(found.display_name), found.pk))
        for found in organisations:
            yield self.choice(found)


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    iterator = ByDisplayedName

    def label_from_instance(self, obj: Organisation) -> str:
        return obj.display_name


class NetworkMemberForm(forms.Form):
    """The organisation to take into a network (chosen), or out of it (sent hidden)."""

    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        empty_label=None,
        error_messages={
            "required": _("Choose an organisation."),
            "invalid_choice": _("Choose an organisation."),
        },
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class ApplicationDecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the applicant (required to decline)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class PartnershipMoveForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=1000,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
