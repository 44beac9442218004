"""Forms for the verification page and the CPD record."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from praxis.credentials.courses import DEFAULT_COURSE_SYSTEM
from praxis.credentials.verification import MAX_DOCUMENT_BYTES

MAX_CREDITS = 1000  # the message below names it


class VerifyForm(forms.Form):
    """A credential to check: pasted JSON, an uploaded file, or its address on this site."""

    document = forms.CharField(
        label=_("Paste the credential (JSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "ltr", "spellcheck": "false"}),
        max_length=MAX_DOCUMENT_BYTES,
    )
    file = forms.FileField(label=_("or upload the credential file"), required=False)
    url = forms.URLField(
        assume_scheme="https",
        label=_("or give its address on this site"),
        required=False,
        max_length=500,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [name for name in ("document", "file", "url") if data.get(name)]
        if not given and not self.errors:
            raise forms.ValidationError(_("Paste, upload or link a credential to verify it."))
        upload = data.get("file")
        if upload is not None and upload.size > MAX_DOCUMENT_BYTES:
            self.add_error("file", _("A credential file is never that large."))
        return data


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot come before the start."))
        return data


class ExternalActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=250)
    provider = forms.CharField(label=_("Provider"), max_length=250, required=False)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    system = forms.ChoiceField(label=_("Credit system"))
    # The range is checked once the number is read, so that a number far out of it gets that
    # one message rather than one for each rule it breaks (range, digits).
    credits = forms.DecimalField(
        label=_("Credits"),
        decimal_places=2,
        widget=forms.NumberInput(attrs={"min": "0", "max": str(MAX_CREDITS)}),
    )
    evidence_url = forms.URLField(
        assume_scheme="https", label=_("Evidence link"), required=False, max_length=500
    )
    evidence_file = forms.FileField(label=_("Evidence file"), required=False)

    def __init__(self, *args: Any, systems: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        system = self.fields["system"]
        assert isinstance(system, forms.ChoiceField)
        system.choices = systems
        # The system a course's credits are recorded in comes first to hand, rather than
        # whichever system's name sorts first.
        if any(code == DEFAULT_COURSE_SYSTEM for code, _label in systems):
            system.initial = DEFAULT_COURSE_SYSTEM

    def clean_credits(self) -> Decimal:
        credits: Decimal = self.cleaned_data["credits"]
        if not 0 < credits <= MAX_CREDITS:
            raise forms.ValidationError(_("Enter credits between 0 and 1,000."))
        return credits


class StatusForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("suspend", _("Suspend")),
            ("reinstate", _("Reinstate")),
            ("revoke", _("Revoke")),
        ],
    )
    reason = forms.CharField(label=_("Reason"), max_length=250, required=False)
