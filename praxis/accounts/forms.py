"""The account pages' forms. They only parse and label; the services decide what is valid."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.functional import lazy
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.accounts import queries, services
from praxis.accounts.languages import SPOKEN_LANGUAGE_CODES, spoken_language_choices
from praxis.accounts.validation import (
    EMAIL_MAX_LENGTH,
    FULL_NAME_MAX_LENGTH,
    ORGANISATION_MAX_LENGTH,
    PASSWORD_MAX_LENGTH,
)
from praxis.core.languages import LanguageTagProblem, standard_tag
from praxis.core.people import Person
from praxis.core.timezones import ZoneField, listed_zones, zone_label
from praxis.core.widgets import LongSelect


def _password_hint() -> str:
    return " ".join(password_validation.password_validators_help_texts())


password_hint = lazy(_password_hint, str)


def _password_field(label: Any, autocomplete: str, *, hint: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=PASSWORD_MAX_LENGTH,
        strip=False,
        help_text=password_hint() if hint else "",
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


def _email_field() -> forms.EmailField:
    return forms.EmailField(
        label=_("E-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def occupation_choices() -> list[tuple[Any, Any]]:
    """A blank choice, then the ISCO-08 occupations under their WHO group (<optgroup>)."""
    grouped: list[tuple[Any, Any]] = [("", _("Not given"))]
    for label, occupations in queries.occupations_by_group():
        grouped.append((label, [(o.isco08, o.localised_title) for o in occupations]))
    return grouped


def country_choices() -> list[tuple[str, str]]:
    """A blank choice, then every country by its name in the interface language."""
    return [("", str(_("Not given"))), *((c.code, c.name) for c in countries)]


def interface_language_choices() -> list[tuple[str, str]]:
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class SignUpForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=FULL_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    email = _email_field()
    password = _password_field(_("Password"), "new-password", hint=True)
    accept_terms = forms.BooleanField(
        label=_("I accept the terms of use and the privacy notice"), required=False
    )

    def __init__(self, *args: Any, with_terms: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_terms:
            del self.fields["accept_terms"]

    def clean(self) -> dict[str, Any]:
        """Whatever the form refuses itself, the service's judgement of the other fields is
        shown with it, so that every problem is listed at once."""
        cleaned = super().clean() or {}
        # A field the form refused itself is sent empty: its own message is the one shown.
        problems = services.sign_up_problems(
            email=cleaned.get("email", ""),
            password=cleaned.get("password", ""),
            full_name=cleaned.get("full_name", ""),
            accept_terms=cleaned.get("accept_terms", False),
        )
        for name, messages in problems.items():
            if name not in self.errors:
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        return cleaned


class LoginForm(forms.Form):
    email = _email_field()
    password = _password_field(_("Password"), "current-password")


class PasswordResetRequestForm(forms.Form):
    email = _email_field()


class SetPasswordForm(forms.Form):
    new_password = _password_field(_("New password"), "new-password", hint=True)


class PasswordChangeForm(forms.Form):
    old_password = _password_field(_("Current password"), "current-password")
    new_password = _password_field(_("New password"), "new-password", hint=True)


class ProfileForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=FULL_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}),
    )
    occupation = forms.ChoiceField(label=_("Occupation"), required=False, choices=())
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=country_choices,
        widget=forms.Select(attrs={"autocomplete": "country"}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        required=False,
        choices=spoken_language_choices,
        widget=forms.CheckboxSelectMultiple,
    )
    other_languages = forms.CharField(
        label=_("Other languages you speak"),
        required=False,
        max_length=400,
        help_text=_("Language tags separated by commas, e.g. ps, ckb, pt-BR."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Interface language"), choices=interface_language_choices
    )
    organisation_name = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=ORGANISATION_MAX_LENGTH,
        help_text=_("Where you work or study."),
        widget=forms.TextInput(attrs={"autocomplete": "organization", "dir": "auto"}),
    )
    # Text, not a number field: the service gives the clear message for every bad value.
    birth_year = forms.CharField(
        label=_("Year of birth (optional)"),
        required=False,
        max_length=20,
        help_text=_(
            "Used only for research you consent to, and only as a broad age band "
            "(such as 30–39); never shown to anyone."
        ),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "bday-year", "size": 6}
        ),
    )

    time_zone = ZoneField(
        label=_("Time zone"),
        required=False,
        choices=lambda: [("", "—"), *((zone, zone_label(zone)) for zone in listed_zones())],
        help_text=_("Times are shown in it unless you choose another on a page."),
        widget=LongSelect,
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )

    data_saver = forms.BooleanField(
        label=_("Data saver"),
        required=False,
        help_text=_(
            "Images and videos are not loaded until you ask for them: for a slow or costly "
            "connection."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read per form, not at import: the reference table is filled by a migration.
        occupation = self.fields["occupation"]
        assert isinstance(occupation, forms.ChoiceField)
        occupation.choices = occupation_choices()
        zone = self.fields["time_zone"]
        assert isinstance(zone, ZoneField)
        zone.offer_too(self.initial.get("time_zone"))

    def clean_other_languages(self) -> list[str]:
        tags = [part.strip() for part in self.cleaned_data["other_languages"].split(",")]
        try:
            return [standard_tag(tag) for tag in tags if tag]
        except LanguageTagProblem as problem:
            raise forms.ValidationError(str(problem.message), code=str(problem.code)) from problem

    def clean(self) -> dict[str, Any]:
        """The languages ticked and typed, as one list for the profile service."""
        cleaned = super().clean() or {}
        others = cleaned.pop("other_languages", None) or []
        if "languages" in cleaned:
            cleaned["languages"] = list(dict.fromkeys([*cleaned["languages"], *others]))
        return cleaned

    @staticmethod
    def initial_for(user: Person) -> dict[str, Any]:
        return {
            "full_name": user.full_name,
            "occupation": user.occupation_id or "",
            "country": str(user.country),
            "languages": [code for code in user.languages if code in SPOKEN_LANGUAGE_CODES],
            "other_languages": ", ".join(
                code for code in user.languages if code not in SPOKEN_LANGUAGE_CODES
            ),
            "preferred_language": user.preferred_language,
            "organisation_name": user.organisation_name,
            "birth_year": user.birth_year or "",
            "time_zone": user.time_zone,
            "data_saver": user.data_saver,
        }


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the tool that will use it."),
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )


class PasskeyForm(forms.Form):
    # The name only: the browser's answer travels in a hidden field that the service checks.
    name = forms.CharField(
        label=_("Name of the new passkey"),
        max_length=100,
        widget=forms.TextInput(attrs={"dir": "auto", "placeholder": _("e.g. My phone")}),
    )


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("The 6-digit code your authenticator app shows now, or a recovery code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "size": 12}
        ),
    )


class EmailChangeForm(forms.Form):
    # Text, not an e-mail field: the service gives the clear message for every bad value.
    new_email = forms.CharField(
        label=_("New e-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = _password_field(_("Current password"), "current-password")


class EmailChangeConfirmForm(forms.Form):
    end_other_sessions = forms.BooleanField(
        label=_("Sign me out on every other device"), required=False
    )


class PasswordCheckForm(forms.Form):
    password = _password_field(_("Current password"), "current-password")


class AcceptTermsForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I accept the terms of use and the privacy notice"), required=False
    )
