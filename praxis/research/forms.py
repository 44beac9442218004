"""Forms of the research pages: parse and type the input; the services decide."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.core.validators import slug_re
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from praxis.assessments.models import Quiz
from praxis.catalog.models import Course, Lesson
from praxis.core.languages import language_name
from praxis.organisations.models import Organisation
from praxis.research.models import DEFAULT_K, Experiment, ExportColumn, Project, TimePrecision
from praxis.research.verbs import STATEMENT_TYPES


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    aims = forms.CharField(
        label=_("Aims"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    partner = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=Organisation.objects.all(), required=False
    )
    ethics_reference = forms.CharField(label=_("Ethics approval reference"), max_length=100)
    ethics_expires_on = forms.DateField(
        label=_("Ethics approval expires on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    verbs = forms.MultipleChoiceField(
        label=_("Statement types requested"),
        help_text=_("Tick none to ask for every type of statement."),
        choices=STATEMENT_TYPES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    date_from = forms.DateField(
        label=_("Data from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Data until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    # Not required here: the service refuses an empty choice with its own code and message.
    columns = forms.MultipleChoiceField(
        label=_("Data fields requested"),
        help_text=_(
            "Ask only for what the study needs. Every export also has the learner's "
            "pseudonym; WHO region, occupation group, organisation and age band are "
            "generalised until each combination is shared by at least k learners."
        ),
        choices=ExportColumn.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    k = forms.IntegerField(
        label=_("k: the smallest group of learners that may be told apart"),
        initial=DEFAULT_K,
        min_value=2,
        max_value=1000,
    )
    time_precision = forms.ChoiceField(
        label=_("Times of statements exported to the"),
        help_text=_(
            "Each time is written as the first day of its day, week or month. The time, the "
            "statement type and the activity are counted with the other quasi-identifiers: "
            "times are made coarser, and rare activities shown as “other”, until each "
            "combination is shared by at least k learners."
        ),
        choices=TimePrecision.choices,
        initial=TimePrecision.WEEK,
        required=False,  # the week when none is chosen
        widget=forms.RadioSelect,
    )

    def service_fields(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


DECISIONS: dict[str, str | Promise] = {
    Project.Status.UNDER_REVIEW: _("Under review"),
    Project.Status.APPROVED: _("Approve with conditions"),
    Project.Status.REJECTED: _("Reject"),
    Project.Status.EXPIRED: _("Mark as expired"),
}


class DecisionForm(forms.Form):
    """A research officer's decision. Only the statuses the request may move to from where it
    is are offered (`statuses`, from services.next_statuses); any other is still read, so that
    a decision sent from an out-of-date page gets the service's refusal."""

    status = forms.ChoiceField(label=_("Decision"), choices=list(DECISIONS.items()))
    note = forms.CharField(
        label=_("Conditions or reasons"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, statuses: Iterable[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["status"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = [(status, DECISIONS[status]) for status in statuses]


def course_slug(typed: str) -> str:
    """The address name of the course that `typed` names: the name itself, or a link to the
    course or to one of its pages, pasted whole ("https://…/courses/hand-hygiene-en/")."""
    text = typed.strip()
    if "/" not in text:
        return text
    parts = [part for part in urlsplit(text).path.split("/") if part]
    if "courses" in parts[:-1]:
        return parts[parts.index("courses") + 1]
    return parts[-1] if parts else ""


class CourseInput(forms.TextInput):
    """A text box naming a course, offering the courses to choose from as it is typed (a
    <datalist> of their address names, each labelled with its title and language); a course's
    link may be pasted in it as well."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {"autocomplete": "off", "spellcheck": "false", "dir": "ltr", **(attrs or {})}
        super().__init__(attrs)
        self.offered: list[tuple[str, str]] = []

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = dict(attrs or {})
        offered = f"{attrs.get('id') or name}-courses"
        attrs["list"] = offered
        options = format_html_join("", '<option value="{}">{}</option>', self.offered)
        box = super().render(name, value, attrs, renderer)
        return format_html('{}<datalist id="{}">{}</datalist>', box, offered, options)


def course_options(courses: QuerySet[Course]) -> list[tuple[str, str]]:
    """(address name, "title (language)") of each of `courses`, sorted by title, then by the
    name of the language in the reader's language: a course and its translations side by
    side."""
    named = [
        (title, language_name(language), slug)
        for slug, title, language in courses.values_list("slug", "title", "language")
    ]
    named.sort(key=lambda row: (row[0].casefold(), row[1].casefold(), row[2]))
    return [(slug, f"{title} ({language})") for title, language, slug in named]


class CourseChoiceForm(forms.Form):
    """The course a new experiment is about (sent with GET): one of `courses` (those the
    person may experiment on), chosen among those still open or named by a pasted link. An
    archived course is refused by name; any other course is answered like an unknown one, so
    other teams' courses stay unseen."""

    course = forms.CharField(
        label=_("Course"),
        help_text=_("Type part of its title and choose it, or paste its link."),
        max_length=500,
        error_messages={"required": _("Name the course the experiment is about.")},
        widget=CourseInput,
    )

    def __init__(self, *args: Any, courses: QuerySet[Course], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.courses = courses
        widget = self.fields["course"].widget
        assert isinstance(widget, CourseInput)
        widget.offered = course_options(courses.exclude(status=Course.Status.ARCHIVED))

    def clean_course(self) -> Course:
        slug = course_slug(self.cleaned_data["course"])
        found = (
            self.courses.filter(slug=slug).first()
            if len(slug) <= 120 and slug_re.fullmatch(slug)
            else None
        )
        if found is None:
            raise forms.ValidationError(_("There is no course with this name."), code="unknown")
        if found.status == Course.Status.ARCHIVED:
            raise forms.ValidationError(
                _("This course is archived: no learner can enrol in it any more."),
                code="archived",
            )
        return found


class AnalyticsFilterForm(forms.Form):
    """The course the dashboard is about (sent with GET): chosen among a partner's courses, or
    named by its address; the dashboard refuses a course the viewer may not see."""

    course = forms.CharField(
        label=_("One course only (its address name; empty for all courses)"),
        help_text=_("Type part of its title and choose it, or paste its link."),
        max_length=500,
        required=False,
        widget=CourseInput,
    )

    def __init__(
        self,
        *args: Any,
        courses: QuerySet[Course] | None,
        offered: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """`courses`: a partner's own, chosen from a list; else any course, typed, with
        `offered` (`course_options`) proposed as it is typed."""
        super().__init__(*args, **kwargs)
        widget = self.fields["course"].widget
        if isinstance(widget, CourseInput):
            widget.offered = offered or []
        if courses is not None:
            self.fields["course"] = forms.ChoiceField(
                label=_("Course"),
                required=False,
                error_messages={"invalid_choice": _("There is no course with this name.")},
                choices=[
                    ("", _("All the courses of my organisations")),
                    *((course.slug, course.title) for course in courses),
                ],
            )


class ExperimentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    hypothesis = forms.CharField(
        label=_("Hypothesis"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Not required here: the service asks for exactly one of the two, with its own code.
    lesson = forms.ModelChoiceField(
        label=_("Lesson to vary"), queryset=Lesson.objects.none(), required=False
    )
    quiz = forms.ModelChoiceField(
        label=_("Or a quiz to vary"),
        help_text=_("Choose a lesson or a quiz; the variants will be of the same kind."),
        queryset=Quiz.objects.none(),
        required=False,
    )
    stratify_by = forms.ChoiceField(
        label=_("Stratify by"), choices=Experiment.Stratum.choices, required=False
    )

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lesson_field = self.fields["lesson"]
        assert isinstance(lesson_field, forms.ModelChoiceField)
        lesson_field.queryset = Lesson.objects.filter(module__course=course, archived=False)
        quiz_field = self.fields["quiz"]
        assert isinstance(quiz_field, forms.ModelChoiceField)
        quiz_field.queryset = Quiz.objects.filter(course=course, published=True)


class VariantForm(forms.Form):
    """A variant's name and, as the experiment varies, its lesson or its quiz."""

    name = forms.CharField(label=_("Variant name"), max_length=100)
    lesson = forms.ModelChoiceField(label=_("Lesson shown"), queryset=Lesson.objects.none())
    quiz = forms.ModelChoiceField(label=_("Quiz taken"), queryset=Quiz.objects.none())

    def __init__(self, *args: Any, experiment: Experiment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if experiment.varies_quiz:
            del self.fields["lesson"]
            quiz_field = self.fields["quiz"]
            assert isinstance(quiz_field, forms.ModelChoiceField)
            quiz_field.queryset = Quiz.objects.filter(
                course_id=experiment.course_id, published=True
            )
        else:
            del self.fields["quiz"]
            lesson_field = self.fields["lesson"]
            assert isinstance(lesson_field, forms.ModelChoiceField)
            lesson_field.queryset = Lesson.objects.filter(
                module__course_id=experiment.course_id, archived=False
            )
