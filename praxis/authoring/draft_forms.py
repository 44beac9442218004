"""Forms of a draft's own page: the course's details and image, its outline (modules, lessons,
imported packages), a new quiz, the competencies it teaches, a reviewer and the publishing note.
Like forms.py, they parse and label; the services judge what is valid (the course details ask
the service's judgement as they are checked, to list every problem together)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from praxis.authoring.form_refusals import show_refusal
from praxis.authoring.forms import number_input
from praxis.authoring.inputs import MAX_CASE_TITLE, MAX_VIGNETTE
from praxis.authoring.models import Draft, DraftQuiz
from praxis.authoring.services import CourseDetails, details_problems
from praxis.catalog import images
from praxis.competencies.models import CompetencyItem
from praxis.core import images as core_images
from praxis.core.errors import PraxisError


def _lines(label: Any, rows: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows, "dir": "auto"}),
    )


def _set_choices(form: forms.Form, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = list(choices)


class CourseDetailsForm(forms.Form):
    """What the course is: the service judges the numbers, the topics and the lists. Whatever
    the form refuses itself, the service's judgement of the other fields is shown with it, so
    that the author sees every problem at once."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={
            "required": _("Give the course a title of at most 200 characters."),
            "max_length": _("Give the course a title of at most 200 characters."),
        },
    )
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        error_messages={"max_length": _("Keep the summary under 2,000 characters.")},
    )
    objectives = _lines(_("Learning objectives (one a line)"), 4)
    estimated_hours = number_input(_("Estimated hours"), decimal=True)
    cpd_credits = number_input(_("CPD credits"), decimal=True)
    level = forms.ChoiceField(
        label=_("Level"), error_messages={"invalid_choice": _("Choose a level.")}
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose topics from the list (at most 10).")},
    )
    licence = forms.CharField(
        label=_("Licence"),
        max_length=100,
        error_messages={
            "required": _("Name the licence (at most 100 characters)."),
            "max_length": _("Name the licence (at most 100 characters)."),
        },
    )
    prerequisites = _lines(_("What to know before (one a line)"), 3)

    def __init__(
        self, *args: Any, levels: Iterable[tuple[str, Any]], topics: Iterable[Any], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "d-%s")
        super().__init__(*args, **kwargs)
        _set_choices(self, "level", levels)
        _set_choices(self, "topics", ((str(topic.pk), topic.name) for topic in topics))

    @staticmethod
    def initial_of(draft: Draft, topic_ids: Iterable[int]) -> dict[str, Any]:
        return {
            "title": draft.title,
            "summary": draft.summary,
            "objectives": "\n".join(draft.objectives),
            "estimated_hours": draft.estimated_hours,
            "cpd_credits": draft.cpd_credits,
            "level": draft.level,
            "topics": [str(pk) for pk in topic_ids],
            "licence": draft.licence,
            "prerequisites": "\n".join(draft.prerequisites),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A field the form refused itself is sent empty: its own message is the one shown.
        sent = {name: cleaned.get(name, [] if name == "topics" else "") for name in self.fields}
        for name, problems in details_problems(self._as_details(sent)).items():
            if name not in self.errors:
                for problem in problems:
                    self.add_error(name if name in self.fields else None, problem)
        return cleaned

    def values(self) -> CourseDetails:
        """The details as `services.update_details` takes them."""
        return self._as_details(self.cleaned_data)

    @staticmethod
    def _as_details(data: dict[str, Any]) -> CourseDetails:
        return CourseDetails(
            title=data["title"],
            summary=data["summary"],
            objectives=data["objectives"].splitlines(),
            estimated_hours=data["estimated_hours"],
            cpd_credits=data["cpd_credits"],
            level=data["level"],
            topic_ids=data["topics"],
            licence=data["licence"],
            prerequisites=data["prerequisites"].splitlines(),
        )


class CourseImageForm(forms.Form):
    """The course image and its description; the service judges the picture itself."""

    image = forms.FileField(
        label=_("Picture (PNG, JPEG, WebP or GIF, at most 5 MB)"),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
        error_messages={"required": _("Choose a picture.")},
    )
    alt = forms.CharField(
        label=_("What the picture shows, for those who cannot see it"),
        max_length=250,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={
            "required": _("Describe the image in a few words (at most 250 characters)."),
            "max_length": _("Describe the image in a few words (at most 250 characters)."),
        },
    )

    def __init__(self, *args: Any, has_image: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "i-%s")
        super().__init__(*args, **kwargs)
        # A course with an image may change its description alone.
        self.fields["image"].required = not has_image

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("image")
        if upload is not None and "alt" in self.errors:
            # The service judges the picture once its description is right; judged here too,
            # both problems are told at once.
            try:
                core_images.identify(
                    upload,
                    field="image",
                    max_bytes=images.MAX_BYTES,
                    too_large=_("A picture can be at most 5 MB."),
                    invalid=images.INVALID,
                )
            except PraxisError as error:
                show_refusal(self, error)
        return cleaned


class NewModuleForm(forms.Form):
    title = forms.CharField(
        label=_("New module title"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={
            "required": _("Give the module a title."),
            "max_length": _("Give the module a title."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "new-module-%s")
        super().__init__(*args, **kwargs)


class NewLessonForm(forms.Form):
    """A new lesson at the end of a module: one beside each module of the outline."""

    title = forms.CharField(
        label=_("New lesson title"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={
            "required": _("Give the lesson a title."),
            "max_length": _("Give the lesson a title."),
        },
    )


class PackageImportForm(forms.Form):
    """A content package imported as a lesson at the end of a module, beside each module."""

    package = forms.FileField(
        label=_("Or import a package as a lesson (zip: SCORM 1.2 or 2004, cmi5, xAPI, H5P)"),
        widget=forms.FileInput(attrs={"accept": ".zip,.h5p,application/zip"}),
        error_messages={"required": _("Choose the package's zip file.")},
    )


class CartridgeImportForm(forms.Form):
    """A Common Cartridge whose organisation becomes new modules at the end of the draft."""

    cartridge = forms.FileField(
        label=_("Common Cartridge file (.imscc or .zip; versions 1.1 to 1.3)"),
        widget=forms.FileInput(attrs={"accept": ".imscc,.zip,application/zip"}),
        error_messages={"required": _("Choose the Common Cartridge file (.imscc or .zip).")},
    )


class QtiImportForm(forms.Form):
    """A QTI 2.1 or 3.0 package (zip) or one item (XML) whose questions join the quiz."""

    qti = forms.FileField(
        label=_("Import questions (QTI 2.1 or 3.0: a package zip or one item XML file)"),
        help_text=_(
            "Items Praxis cannot ask are listed afterwards with the reason; nothing of them "
            "is kept."
        ),
        widget=forms.FileInput(attrs={"accept": ".zip,.xml,application/zip,application/xml"}),
    )


class ToolLessonForm(forms.Form):
    """An external tool (LTI) opened as a lesson at the end of a module, beside each module;
    `options` are the tools the author may place."""

    tool = forms.ChoiceField(
        label=_("Or open an external tool (LTI) as a lesson"),
        error_messages={"required": _("Choose a tool."), "invalid_choice": _("Choose a tool.")},
    )

    def __init__(self, *args: Any, options: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "tool", [(tool.uuid, tool.name) for tool in options])
        self.fields["tool"].widget.attrs["dir"] = "auto"


class NewQuizForm(forms.Form):
    """A quiz with the usual settings; a post-test is made from a quiz's own page."""

    title = forms.CharField(
        label=_("New quiz title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (v, label) for v, label in DraftQuiz.Kind.choices if v != DraftQuiz.Kind.POST_TEST
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "new-quiz-%s")
        super().__init__(*args, **kwargs)


class AlignmentForm(forms.Form):
    """A competency the course (or one lesson) teaches: chosen from the list or by its code."""

    item = forms.ChoiceField(label=_("Competency"), required=False)
    code = forms.CharField(label=_("Or its code"), required=False, max_length=50)
    lesson = forms.ChoiceField(label=_("Taught in"), required=False)
    level = number_input(_("Up to level"))

    def __init__(
        self,
        *args: Any,
        competencies: Iterable[CompetencyItem],
        lessons: Iterable[tuple[Any, str]],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "al-%s")
        kwargs.setdefault("initial", {"level": "2"})
        super().__init__(*args, **kwargs)
        _set_choices(self, "item", ((str(c.pk), f"{c.framework.name} — {c}") for c in competencies))
        _set_choices(
            self,
            "lesson",
            [("", _("The whole course")), *((str(key), title) for key, title in lessons)],
        )


class AssignReviewerForm(forms.Form):
    reviewer = forms.ChoiceField(label=_("Reviewer"))

    def __init__(self, *args: Any, candidates: Iterable[Any], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        _set_choices(self, "reviewer", ((str(p.pk), p.full_name) for p in candidates))


class PublishForm(forms.Form):
    note = forms.CharField(
        label=_("What changed, for learners"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)


class CaseForm(forms.Form):
    """A clinical case's title and vignette; the service checks them again (CaseText)."""

    title = forms.CharField(
        label=_("Case title"),
        max_length=MAX_CASE_TITLE,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        error_messages={
            "required": _("Give the case a title of at most 200 characters."),
            "max_length": _("Give the case a title of at most 200 characters."),
        },
    )
    vignette = forms.CharField(
        label=_("Vignette (the patient's story the questions share)"),
        max_length=MAX_VIGNETTE,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        error_messages={
            "required": _("Write the case's vignette, in at most 10,000 characters."),
            "max_length": _("Write the case's vignette, in at most 10,000 characters."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "case-%s")
        super().__init__(*args, **kwargs)
