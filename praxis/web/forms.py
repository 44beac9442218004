"""The pattern library's sample form, shown bound to empty answers so that its errors show."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SampleForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"), max_length=100, help_text=_("As it should appear on certificates.")
    )
    role = forms.ChoiceField(
        label=_("Your role"),
        widget=forms.RadioSelect,
        choices=[("nurse", _("Nurse")), ("doctor", _("Doctor")), ("other", _("Other"))],
    )
    reminders = forms.BooleanField(label=_("Send me event reminders"), required=False)
