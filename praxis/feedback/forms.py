"""The feedback page's forms: a rating with its review, and the end-of-course survey."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from praxis.feedback.models import MAX_REVIEW_LENGTH
from praxis.feedback.survey import QUESTIONS, SCALE

RATING_REQUIRED = _("Choose a rating from 1 to 5 stars.")


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": RATING_REQUIRED, "invalid_choice": RATING_REQUIRED},
    )
    review = forms.CharField(
        label=_("Short review (optional)"),
        required=False,
        max_length=MAX_REVIEW_LENGTH,
        help_text=_("Up to 1000 characters. It is shown on this page without your name."),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60, "dir": "auto"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stars = self.fields["stars"]
        assert isinstance(stars, forms.ChoiceField)
        stars.choices = [
            (point, ngettext("%(counter)s star", "%(counter)s stars", point) % {"counter": point})
            for point in SCALE
        ]


class SurveyForm(forms.Form):
    """Each statement on the scale of agreement; any may be skipped, but not all."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, statement in QUESTIONS.items():
            self.fields[key] = forms.TypedChoiceField(
                label=str(statement),
                choices=list(SCALE.items()),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose from 1 to 5.")},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and all(value is None for value in cleaned.values()):
            raise forms.ValidationError(
                _("Answer at least one question of the survey."), code="no_answer"
            )
        return cleaned

    def answers(self) -> dict[str, int]:
        return {key: value for key, value in self.cleaned_data.items() if value is not None}
