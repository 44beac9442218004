"""The preferences page's form: one group of choices per kind of notification."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from praxis.notifications.kinds import Delivery
from praxis.notifications.queries import Choice

FIELD_PREFIX = "kind-"


class PreferencesForm(forms.Form):
    """A kind left out of the posted form keeps its delivery; an unknown kind or delivery, or an
    empty one, refuses the whole change."""

    def __init__(self, choices: list[Choice], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for choice in choices:
            self.fields[FIELD_PREFIX + choice.kind.key] = forms.ChoiceField(
                label=str(choice.kind.label),
                choices=Delivery.choices,
                required=False,
                initial=choice.delivery,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the ways offered.")},
            )
        # A kind the form was not sent with shows its current delivery when the form comes back.
        self.sent = frozenset(self.data)
        if self.is_bound:
            current = {FIELD_PREFIX + choice.kind.key: choice.delivery for choice in choices}
            self.data = {**current, **{key: self.data.get(key) for key in self.sent}}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in self.fields:
            if name in self.sent and not cleaned.get(name):
                self.add_error(name, _("Choose one of the ways offered."))
        if any(key.startswith(FIELD_PREFIX) and key not in self.fields for key in self.sent):
            raise forms.ValidationError(
                _("There is no such kind of notification."), code="unknown_notice_kind"
            )
        if self.errors:
            raise forms.ValidationError(
                _("Choose how you want to receive each kind of notification."),
                code="invalid_delivery",
            )
        return cleaned

    def chosen(self) -> dict[str, str]:
        """The delivery of each kind the form was sent with, by the kind's key."""
        return {
            name[len(FIELD_PREFIX) :]: value
            for name, value in self.cleaned_data.items()
            if name in self.sent
        }
