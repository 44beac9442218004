"""Forms of the authoring pages: they parse and label; the services judge what is valid."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from praxis.authoring.models import (
    DraftCase,
    DraftLesson,
    DraftModule,
    DraftQuestion,
    DraftQuiz,
    ReviewItem,
)
from praxis.authoring.quizzes import options_as_text, options_from_text
from praxis.catalog import attachments, recordings
from praxis.competencies.models import CompetencyItem
from praxis.core.languages import LanguageTagFormField
from praxis.organisations.models import Organisation

COMMENT_MAX_LENGTH = 5000


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("New comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class CommentReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


VERDICTS = [("pass", _("Passes")), ("fail", _("Fails"))]


class ReviewForm(forms.Form):
    """A reviewer's verdict and comment on each checklist item, a comment on each lesson, and an
    overall comment; the decision is the button pressed."""

    def __init__(
        self, *args: Any, items: list[ReviewItem], lessons: list[DraftLesson], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.by_item = []
        for item in items:
            verdict = f"item-{item.criterion_id}"
            comment = f"comment-{item.criterion_id}"
            self.fields[verdict] = forms.ChoiceField(
                label=_("Verdict"),
                choices=VERDICTS,
                required=False,
                widget=forms.RadioSelect,
                initial="pass" if item.passed else "fail" if item.passed is False else None,
            )
            self.fields[comment] = forms.CharField(
                label=_("Comment"),
                max_length=2000,
                required=False,
                initial=item.comment,
                widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            )
            self.by_item.append((item, self[verdict], self[comment]))
        self.by_lesson = []
        for lesson in lessons:
            name = f"lesson-{lesson.key}"
            self.fields[name] = forms.CharField(
                # The lesson's title is isolated: it may run the other way from the sentence.
                label=mark_safe(  # noqa: S308 (the sentence and the title are escaped)
                    conditional_escape(gettext("On “%(title)s”"))
                    % {"title": format_html("<bdi>{}</bdi>", lesson.title)}
                ),
                max_length=COMMENT_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            )
            self.by_lesson.append((lesson, self[name]))
        self.fields["comment"] = forms.CharField(
            label=_("Overall comment"),
            max_length=COMMENT_MAX_LENGTH,
            required=False,
            widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        )

    def verdicts(self) -> dict[int, tuple[bool | None, str]]:
        """Each checklist item's verdict (None when not given) and comment, by criterion."""
        data = self.cleaned_data
        return {
            item.criterion_id: (
                {"pass": True, "fail": False}.get(data[f"item-{item.criterion_id}"]),
                data[f"comment-{item.criterion_id}"],
            )
            for item, _verdict, _comment in self.by_item
        }

    def lesson_comments(self) -> dict[str, str]:
        return {
            str(lesson.key): self.cleaned_data[f"lesson-{lesson.key}"]
            for lesson, _field in self.by_lesson
        }


def _organisation_field(label: Any) -> forms.TypedChoiceField:
    choose = _("Choose the organisation writing the course.")
    return forms.TypedChoiceField(
        label=label,
        coerce=int,
        error_messages={"required": choose, "invalid_choice": choose},
    )


class _WrittenByForm(forms.Form):
    """A form naming the organisation in whose name a course is written, among `organisations`."""

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisations = {organisation.pk: organisation for organisation in organisations}
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(pk, o.display_name) for pk, o in self.organisations.items()]

    def chosen_organisation(self) -> Organisation:
        return self.organisations[self.cleaned_data["organisation"]]


class StartDraftForm(_WrittenByForm):
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    language = LanguageTagFormField(label=_("Language"))
    organisation = _organisation_field(_("Written by"))


class TranslationForm(_WrittenByForm):
    """Any language but the course's own and those it is translated or being translated into
    (the service refuses those)."""

    language = LanguageTagFormField(label=_("Translate into"))
    organisation = _organisation_field(_("by"))


def number_input(label: Any, *, decimal: bool = False) -> forms.CharField:
    # Text, not a number field: the quiz services give the clear message for every bad value.
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal" if decimal else "numeric"}),
    )


class QuizSettingsForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=DraftQuiz.Kind.choices)
    pre_test = forms.ChoiceField(
        label=_("Pre-test it is compared with (post-tests only)"), required=False
    )
    after_module = forms.ChoiceField(label=_("Placed after module"), required=False)
    pass_mark = number_input(_("Pass mark (%)"))
    max_attempts = number_input(_("Attempts allowed (empty: no limit)"))
    time_limit_minutes = number_input(_("Time limit in minutes (empty: none)"))
    shuffle_options = forms.BooleanField(label=_("Shuffle the options"), required=False)
    review_allowed = forms.BooleanField(
        label=_("Learners may review their answers after submitting"), required=False
    )
    required_for_completion = forms.BooleanField(
        label=_("Required to complete the course"), required=False
    )

    def __init__(
        self,
        *args: Any,
        pre_tests: Iterable[DraftQuiz],
        modules: Iterable[DraftModule],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        pre_test = self.fields["pre_test"]
        assert isinstance(pre_test, forms.ChoiceField)
        pre_test.choices = [("", "—"), *((str(q.key), q.title) for q in pre_tests)]
        after_module = self.fields["after_module"]
        assert isinstance(after_module, forms.ChoiceField)
        after_module.choices = [
            ("", _("At the end of the course")),
            *((str(m.key), m.title) for m in modules),
        ]

    @staticmethod
    def initial_of(quiz: DraftQuiz) -> dict[str, Any]:
        return {
            "title": quiz.title,
            "kind": quiz.kind,
            "pre_test": str(quiz.pre_test_key or ""),
            "after_module": str(quiz.after_module.key) if quiz.after_module else "",
            "pass_mark": quiz.pass_mark,
            "max_attempts": quiz.max_attempts if quiz.max_attempts is not None else "",
            "time_limit_minutes": quiz.time_limit_minutes
            if quiz.time_limit_minutes is not None
            else "",
            "shuffle_options": quiz.shuffle_options,
            "review_allowed": quiz.review_allowed,
            "required_for_completion": quiz.required_for_completion,
        }


class RemoveQuizForm(forms.Form):
    # Removing cannot be undone: the form asks for a ticked box, even without JavaScript.
    confirm = forms.BooleanField(
        error_messages={
            "required": _(
                "Tick the box to confirm that this quiz and its questions are to be removed."
            )
        }
    )

    def __init__(self, *args: Any, quiz: DraftQuiz, questions: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if quiz.selection == DraftQuiz.Selection.RANDOM:
            label = gettext("I want to remove this quiz from the draft (its question bank stays).")
        else:
            label = ngettext(
                "I want to remove this quiz and its %(counter)s question from the draft.",
                "I want to remove this quiz and its %(counter)s questions from the draft.",
                questions,
            ) % {"counter": questions}
        self.fields["confirm"].label = label


def by_framework(items: Iterable[CompetencyItem]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Competencies as choices grouped under their framework's name (an <optgroup> each), so
    that the same code and name in two frameworks ("2 Decision-making") can be told apart."""
    groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for item in items:
        group = groups.setdefault(item.framework_id, (item.framework.name, []))
        group[1].append((str(item.pk), str(item)))
    return list(groups.values())


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Question type"), choices=DraftQuestion.Kind.choices)
    stem = forms.CharField(
        label=_("Question"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    options = forms.CharField(
        label=_("Options, one a line"),
        required=False,
        help_text=_(
            "Start a correct option with * . Add feedback after a | . For matching write “left ="
            " right”; for ordering write the items in the right order; for true or false write"
            " two lines, “True” and “False”, one marked correct. Number and short-text questions"
            " use the fields below instead."
        ),
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )
    value = number_input(_("Number answer"), decimal=True)
    tolerance = number_input(_("Tolerance (plus or minus)"), decimal=True)
    accepted = forms.CharField(
        label=_("Accepted short answers, one a line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    feedback = forms.CharField(
        label=_("Feedback after answering"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    topic = forms.CharField(label=_("Topic"), required=False, max_length=60)
    difficulty = forms.ChoiceField(
        label=_("Difficulty"),
        choices=[(str(v), label) for v, label in DraftQuestion.Difficulty.choices],
    )
    points = number_input(_("Points"))
    competencies = forms.MultipleChoiceField(
        label=_("Competencies it assesses"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    case = forms.ChoiceField(label=_("Clinical case it belongs to"), required=False)

    def __init__(
        self,
        *args: Any,
        competencies: list[CompetencyItem],
        cases: Sequence[DraftCase] = (),
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "question-%s")
        super().__init__(*args, **kwargs)
        if cases:
            case_field = self.fields["case"]
            assert isinstance(case_field, forms.ChoiceField)
            case_field.choices = [("", _("None")), *((str(c.key), c.title) for c in cases)]
        else:
            del self.fields["case"]
        if competencies:
            field = self.fields["competencies"]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = by_framework(competencies)
        else:
            del self.fields["competencies"]

    @staticmethod
    def initial_of(question: DraftQuestion | None) -> dict[str, Any]:
        if question is None:
            return {"kind": "single", "difficulty": "2", "points": "1"}
        return {
            "kind": question.kind,
            "stem": question.stem,
            "topic": question.topic,
            "difficulty": str(question.difficulty),
            "points": str(question.points),
            "feedback": question.feedback,
            "options": options_as_text(question),
            "value": question.answer_key.get("value", ""),
            "tolerance": question.answer_key.get("tolerance", ""),
            "accepted": "\n".join(question.answer_key.get("accepted", [])),
            "competencies": [str(pk) for pk in question.competency_ids],
            "case": str(question.case_key) if question.case_key else "",
        }

    def values(self) -> dict[str, Any]:
        """The question as the quiz services take it."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "stem": data["stem"],
            "topic": data["topic"],
            "difficulty": data["difficulty"],
            "points": data["points"],
            "feedback": data["feedback"],
            "options": options_from_text(data["kind"], data["options"]),
            "value": data["value"],
            "tolerance": data["tolerance"],
            "accepted": data["accepted"].splitlines(),
            "competency_ids": data.get("competencies", []),
            "case": data.get("case") or None,
        }


class LessonForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={
            "required": _("Give the lesson a title."),
            "max_length": _("Give the lesson a title of at most 200 characters."),
        },
    )
    body = forms.CharField(label=_("Text (Markdown)"), required=False, strip=False)
    estimated_minutes = number_input(_("Estimated minutes"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "l-%s")
        super().__init__(*args, **kwargs)
        # The toolbar (markdown-toolbar.js) names its buttons in the page's language.
        self.fields["body"].widget = forms.Textarea(
            attrs={
                "rows": 18,
                "dir": "auto",
                "data-markdown-toolbar": True,
                "data-label-toolbar": gettext("Formatting"),
                "data-label-bold": gettext("Bold"),
                "data-label-italic": gettext("Italic"),
                "data-label-heading": gettext("Heading"),
                "data-label-list": gettext("List"),
                "data-label-numbered": gettext("Numbered list"),
                "data-label-link": gettext("Link"),
                "data-label-file": gettext("Attached file to link"),
                "data-label-insert-file": gettext("Link the file"),
            }
        )


class LessonPictureForm(forms.Form):
    image = forms.FileField(
        label=_("Picture (PNG, JPEG, WebP or GIF, at most 5 MB)"),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
    )
    alt = forms.CharField(
        label=_("What the picture shows, for those who cannot see it"),
        max_length=250,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "p-%s")
        super().__init__(*args, **kwargs)


class AttachmentForm(forms.Form):
    """A file learners download from the lesson; its content is checked by the service."""

    file = forms.FileField(
        label=_("File (PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, CSV, TXT, MP3, Ogg, M4A or WAV)"),
        error_messages={
            "required": _("Choose a file to attach."),
            "empty": _("Choose a file that is not empty."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(limit)s. Its content must match its name.") % {
            "limit": filesizeformat(settings.LESSON_FILE_MAX_BYTES)
        }
        self.fields["file"].widget.attrs["accept"] = ",".join(
            f".{ending}" for ending in attachments.TYPES
        )


class RecordingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Which recording"), choices=list(recordings.KINDS.items()))
    file = forms.FileField(
        label=_("Upload a file (MP4, WebM or Ogg; MP3 or M4A for audio)"),
        required=False,
        widget=forms.FileInput(
            attrs={
                "accept": "video/mp4,video/webm,video/ogg,audio/mpeg,audio/mp4,audio/ogg,audio/webm"
            }
        ),
    )
    url = forms.CharField(
        label=_("Or its web address"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"inputmode": "url"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "r-%s")
        super().__init__(*args, **kwargs)


class PackageVersionForm(forms.Form):
    """The next version of a lesson's package: a zip."""

    package = forms.FileField(
        label=_("Upload a new version of the package (zip)"),
        help_text=_("Learners keep their progress on the lesson."),
        widget=forms.FileInput(attrs={"accept": ".zip,.h5p,application/zip"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "pk-%s")
        super().__init__(*args, **kwargs)


class CaptionsForm(forms.Form):
    language = LanguageTagFormField(label=_("Language of the captions"))
    captions = forms.FileField(
        label=_("Caption file (.vtt, at most 512 KB)"),
        widget=forms.FileInput(attrs={"accept": ".vtt,text/vtt"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "c-%s")
        super().__init__(*args, **kwargs)
