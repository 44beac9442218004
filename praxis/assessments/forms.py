"""The learner's competency pages' forms: they parse and label; the services judge the rest."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django import forms
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _

from praxis.assessments.inputs import WHOLE_NUMBER
from praxis.assessments.models import Question
from praxis.assessments.queries import ShownQuestion
from praxis.assessments.scoring import MalformedAnswer, read_number
from praxis.competencies.models import CompetencyItem, TargetProfile
from praxis.core.errors import PraxisError


class SelfAssessmentForm(forms.Form):
    """A level the learner gives themselves in one competency. Both drop-downs start at "—":
    saving without choosing records nothing."""

    item = forms.ChoiceField(
        label=_("Competency"),
        error_messages={
            "required": _("Choose a competency."),
            "invalid_choice": _("Choose a competency."),
        },
    )
    level = forms.TypedChoiceField(
        label=_("Your level (1 to 5)"),
        choices=[("", "—"), *((level, str(level)) for level in range(1, 6))],
        coerce=int,
        error_messages={
            "required": _("Choose a level from 1 to 5."),
            "invalid_choice": _("Choose a level from 1 to 5."),
        },
    )

    def __init__(self, *args: Any, items: Iterable[CompetencyItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = {str(item.identifier): item for item in items}
        item_field = self.fields["item"]
        assert isinstance(item_field, forms.ChoiceField)
        item_field.choices = [
            ("", "—"),
            *(
                (key, f"{item.code} {truncatechars(item.name, 80)}")
                for key, item in self.items.items()
            ),
        ]

    def chosen_item(self) -> CompetencyItem:
        return self.items[self.cleaned_data["item"]]


class TargetForm(forms.Form):
    """The target role to compare one's competencies with (sent with GET)."""

    target = forms.ChoiceField(
        label=_("Target role"),
        required=False,
        error_messages={"invalid_choice": _("There is no such target role.")},
    )

    def __init__(self, *args: Any, targets: Iterable[TargetProfile], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = {target.slug: target for target in targets}
        target_field = self.fields["target"]
        assert isinstance(target_field, forms.ChoiceField)
        target_field.choices = [(slug, target.name) for slug, target in self.targets.items()]

    def chosen_target(self) -> TargetProfile | None:
        if not self.is_valid():
            return None
        return self.targets.get(self.cleaned_data["target"])


class AttemptForm(forms.Form):
    """The answers to an open attempt's questions, each question's fields named after it
    (`q-<question>`, and `q-<question>-<option>` for orderings and matchings), read as the
    answers marking expects (see scoring.py). A question left unanswered is allowed."""

    def __init__(self, *args: Any, questions: list[ShownQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        names: dict[UUID, list[str]] = {}
        for question in questions:
            fields = _fields_of(question)
            self.fields.update(fields)
            names[question.uuid] = list(fields)
        # Each question with its fields, in the order the page shows them.
        self.by_question = [
            (question, [self[name] for name in names[question.uuid]]) for question in questions
        ]

    def clean(self) -> dict[str, Any]:
        """Every question's problem at once, beside its field: orderings numbered wrongly and
        numeric answers that are not a number (as marking reads them: `scoring.read_number`)."""
        cleaned = super().clean() or {}
        for question in self.questions:
            if question.kind == Question.Kind.ORDERING:
                self._check_ranks(question, cleaned)
            elif question.kind == Question.Kind.NUMERIC:
                self._check_number(question, cleaned)
        return cleaned

    def _check_number(self, question: ShownQuestion, data: dict[str, Any]) -> None:
        """A numeric answer is left blank (unanswered) or is a number."""
        name = f"q-{question.uuid}"
        typed = (data.get(name) or "").strip()
        if not typed:
            return
        try:
            read_number(typed)
        except MalformedAnswer as problem:
            self.add_error(name, problem.args[0])

    def _check_ranks(self, question: ShownQuestion, data: dict[str, Any]) -> None:
        """An ordering is left blank (unanswered) or numbers its items 1 to n, each number
        once: a number out of range is refused beside its item, a repeated one beside the
        question's first item, and a missing one there too when every number is in range."""
        names = [f"q-{question.uuid}-{option.id}" for option in question.options]
        typed = {name: data.get(name, "").strip() for name in names}
        if not any(typed.values()):
            return
        count = len(names)
        numbers: list[int] = []
        out_of_range = False
        for name, rank in typed.items():
            number = _whole_number(rank)
            if 1 <= number <= count:
                numbers.append(number)
            elif rank:
                out_of_range = True
                self.add_error(name, WHOLE_NUMBER % {"low": 1, "high": count})
        repeated = len(set(numbers)) != len(numbers)
        if repeated or (not out_of_range and sorted(numbers) != list(range(1, count + 1))):
            self.add_error(names[0], _("Put every item in order, each once."))

    def answers(self) -> dict[str, Any]:
        """The answers as marking reads them; only for a valid form."""
        answers: dict[str, Any] = {}
        data = self.cleaned_data
        for question in self.questions:
            name = f"q-{question.uuid}"
            if question.kind == Question.Kind.ORDERING:
                ranks = {o.id: data.get(f"{name}-{o.id}", "").strip() for o in question.options}
                if any(ranks.values()):  # checked to number every item once (`clean`)
                    answers[str(question.uuid)] = sorted(ranks, key=lambda token: int(ranks[token]))
            elif question.kind == Question.Kind.MATCHING:
                answers[str(question.uuid)] = {
                    o.id: data[f"{name}-{o.id}"]
                    for o in question.options
                    if data.get(f"{name}-{o.id}")
                }
            else:
                answers[str(question.uuid)] = data.get(name, "")
        return answers

    def show_refusal(self, error: PraxisError) -> None:
        """Put marking's refusal of a question's answer on that question's first field."""
        first = {str(question.uuid): fields[0].name for question, fields in self.by_question}
        for key, field_messages in error.fields.items():
            for message in field_messages:
                self.add_error(first.get(key), str(message))


def _whole_number(text: str) -> int:
    """The number typed (in any script's digits), or 0 for anything else."""
    try:
        return int(text)
    except ValueError:
        return 0


class _AnswerChoice(forms.ChoiceField):
    """A choice among a question's options whose value marking judges (it names the option
    the learner may not have been shown, or none at all): the field only carries it."""

    def valid_value(self, value: Any) -> bool:
        return True


class _AnswerChoices(forms.MultipleChoiceField):
    """Several of a question's options, judged by marking as `_AnswerChoice` is."""

    def valid_value(self, value: Any) -> bool:
        return True


def _fields_of(question: ShownQuestion) -> dict[str, forms.Field]:
    name = f"q-{question.uuid}"
    options = [(option.id, option.text) for option in question.options]
    if question.kind in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE):
        return {
            name: _AnswerChoice(
                label=_("Your answer"),
                choices=options,
                required=False,
                widget=forms.RadioSelect,
            )
        }
    if question.kind == Question.Kind.MULTIPLE:
        return {
            name: _AnswerChoices(
                label=_("Your answers"),
                choices=options,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        }
    if question.kind == Question.Kind.NUMERIC:
        return {
            name: forms.CharField(
                label=_("Your answer (a number)"),
                max_length=40,
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            )
        }
    if question.kind == Question.Kind.ORDERING:
        return {
            f"{name}-{option_id}": forms.CharField(
                label=text,
                max_length=3,
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 3, "dir": "auto"}),
            )
            for option_id, text in options
        }
    if question.kind == Question.Kind.MATCHING:
        matches = [("", "—"), *((match.id, match.text) for match in question.matches)]
        return {
            f"{name}-{option_id}": _AnswerChoice(label=text, choices=matches, required=False)
            for option_id, text in options
        }
    return {
        name: forms.CharField(
            label=_("Your answer"),
            max_length=500,
            required=False,
            widget=forms.TextInput(attrs={"dir": "auto"}),
        )
    }
