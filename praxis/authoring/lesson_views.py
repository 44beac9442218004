"""The lesson editor: the lesson's text, with its preview and the check against a newer save, and
the forms beside it that add a picture for the text, a recording, captions or a file for
learners, or take one of them off, and those of a lesson that is an imported package (its next
version) or opens an external tool (its pass mark).

The forms that send something post to the lesson's own page. A refusal shows the page again with
the error on the form that was sent, keeping what was typed in it (the form's address ends in
#error-summary, so the browser lands on it); what was done is told in the section of the page
the form belongs to, where the browser then lands (see section_messages).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries, section_messages, services
from praxis.authoring.editing import require_editable
from praxis.authoring.form_refusals import flash_refusal, messages_of, show_refusal
from praxis.authoring.forms import (
    AttachmentForm,
    CaptionsForm,
    LessonForm,
    LessonPictureForm,
    PackageVersionForm,
    RecordingForm,
)
from praxis.authoring.models import Draft, DraftLesson
from praxis.authoring.permissions import edit_draft
from praxis.authoring.services import media
from praxis.authoring.tool_views import ToolPassMarkForm
from praxis.authoring.views import _number
from praxis.catalog import attachments, recordings
from praxis.catalog.content import render_markdown
from praxis.catalog.models import Lesson
from praxis.core.errors import ErrorCode, PraxisError
from praxis.core.people import Person
from praxis.core.refusals import show_form_errors


def _add_picture(item: DraftLesson, by: Person, data: dict[str, Any]) -> str:
    markdown = media.add_lesson_image(item, by, data["image"], data["alt"])
    return _("Picture added. Copy this line into the text where it belongs: %(markdown)s") % {
        "markdown": markdown
    }


def _save_recording(item: DraftLesson, by: Person, data: dict[str, Any]) -> str:
    media.set_recording(item, by, data["kind"], url=data["url"], upload=data["file"])
    return _("Recording saved.")


def _save_captions(item: DraftLesson, by: Person, data: dict[str, Any]) -> str:
    media.set_captions(item, by, data["language"], data["captions"])
    return _("Captions saved.")


def _attach_file(item: DraftLesson, by: Person, data: dict[str, Any]) -> str:
    attached = media.attach_file(item, by, data["file"])
    return _(
        "File attached. Link it in the text with the toolbar, or copy this line: %(markdown)s"
    ) % {"markdown": attachments.markdown_link(attached["key"], attached["name"])}


def _replace_package(item: DraftLesson, by: Person, data: dict[str, Any]) -> str:
    upload = data["package"]
    services.replace_lesson_package(item, by, upload, size=upload.size, name=upload.name or "")
    return _("New version of the package imported.")


def _save_pass_mark(item: DraftLesson, by: Person, data: dict[str, Any]) -> str:
    services.set_tool_pass_mark(item, by, data["pass_mark"])
    return _("Pass mark saved.")


@dataclass(frozen=True)
class Upload:
    """A form of the lesson's page that sends a file: its class, its name in the page's context,
    the section of the page it is in (whose heading's id is `<section>-heading`), and what keeps
    what it sent and says what was done."""

    form: type[forms.Form]
    name: str
    section: str
    keep: Callable[[DraftLesson, Person, dict[str, Any]], str]


# The forms posted to the lesson's page, by the action they send.
UPLOADS = {
    "image": Upload(LessonPictureForm, "picture_form", "picture", _add_picture),
    "recording": Upload(RecordingForm, "recording_form", "video", _save_recording),
    "captions": Upload(CaptionsForm, "captions_form", "captions", _save_captions),
    "attach": Upload(AttachmentForm, "attachment_form", "files", _attach_file),
    "package": Upload(PackageVersionForm, "package_form", "package", _replace_package),
    "pass_mark": Upload(ToolPassMarkForm, "tool_form", "tool", _save_pass_mark),
}


def _lesson_url(found: Draft, item: DraftLesson, section: str = "") -> str:
    url = reverse("authoring:lesson", args=[found.uuid, item.key])
    return f"{url}#{section}-heading" if section else url


@login_required
@require_http_methods(["GET", "POST"])
def lesson(request: SignedInRequest, key: str, lesson_key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    item = queries.find_lesson(found, lesson_key)
    posted = request.method == "POST"
    upload = UPLOADS.get(request.POST.get("action", "")) if posted else None
    if upload is not None:
        return _send(request, found, item, upload)
    conflict = False
    revision = item.revision
    preview = render_markdown(item.body)
    source = queries.source_lessons(found).get(item.source_key) if item.source_key else None
    status = 200
    initial = _lesson_initial(item)
    if posted and request.POST.get("action") == "preview":
        # A preview saves nothing, so it finds no fault: the text comes back as it was sent.
        form = LessonForm(initial={name: request.POST.get(name, "") for name in initial})
    else:
        form = LessonForm(request.POST if posted else None, initial=initial)
    if posted:
        revision = _number(request.POST.get("revision"))
        preview = render_markdown(request.POST.get("body", ""))
        if form.is_bound and not form.is_valid():
            status = 400
        elif form.is_bound:
            try:
                services.save_lesson(
                    item,
                    request.user,
                    revision=revision,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    estimated_minutes=form.cleaned_data["estimated_minutes"],
                    source_digest=request.POST.get("source_digest") if source else None,
                )
            except PraxisError as error:
                show_form_errors(form, error)
                conflict = error.code == ErrorCode.STALE_SAVE
                status = error.status
                item.refresh_from_db()
            else:
                messages.success(request, _("Lesson saved."))
                return redirect(_lesson_url(found, item))
    return _lesson_page(
        request,
        found,
        item,
        source,
        form=form,
        revision=item.revision if conflict else revision,
        preview=preview,
        conflict=conflict,
        status=status,
    )


def _lesson_initial(item: DraftLesson) -> dict[str, Any]:
    return {"title": item.title, "body": item.body, "estimated_minutes": item.estimated_minutes}


def _send(
    request: SignedInRequest, found: Draft, item: DraftLesson, upload: Upload
) -> HttpResponse:
    """Keep what an upload form sent and tell what was done in its section. A refusal is shown
    on the form, with what was typed in it and the lesson's text as saved."""
    try:
        require_editable(found, request.user)
    except PraxisError as error:
        # The page no longer shows the form: say why above it.
        flash_refusal(request, error)
        return redirect(_lesson_url(found, item))
    form = upload.form(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        try:
            done = upload.keep(item, request.user, form.cleaned_data)
        except PraxisError as error:
            show_refusal(form, error)
            status = error.status
        else:
            section_messages.tell(request, upload.section, messages.SUCCESS, done)
            return redirect(_lesson_url(found, item, upload.section))
    source = queries.source_lessons(found).get(item.source_key) if item.source_key else None
    return _lesson_page(request, found, item, source, sent={upload.name: form}, status=status)


def _lesson_page(
    request: SignedInRequest,
    found: Draft,
    item: DraftLesson,
    source: Lesson | None,
    *,
    form: LessonForm | None = None,
    revision: int | None = None,
    preview: str | None = None,
    conflict: bool = False,
    sent: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The lesson editor; the text's form, its revision and preview are the saved lesson's
    unless given (what was sent, when it is shown again), and so are the upload forms in `sent`
    (by their name in UPLOADS)."""
    source_digest = services.digest(source.title, source.body) if source else ""
    told_in_sections, told_above = section_messages.by_section(request)
    return render(
        request,
        "authoring/lesson.html",
        {
            "draft": found,
            "lesson": item,
            "form": form if form is not None else LessonForm(initial=_lesson_initial(item)),
            "revision": item.revision if revision is None else revision,
            "preview": render_markdown(item.body) if preview is None else preview,
            "conflict": conflict,
            "can_edit": found.is_editable and edit_draft.allows(request.user, found),
            "source": source,
            "source_html": render_markdown(source.body) if source else "",
            "source_digest": source_digest,
            "source_changed": bool(source and source_digest != item.source_digest),
            "threads": queries.threads(found, f"lesson:{item.key}"),
            "anchor": f"lesson:{item.key}",
            "picture_form": LessonPictureForm(),
            "recording_form": RecordingForm(),
            "captions_form": CaptionsForm(initial={"language": found.language}),
            "attachment_form": AttachmentForm(),
            "package_form": PackageVersionForm() if item.package_id else None,
            "tool_form": (
                ToolPassMarkForm(initial={"pass_mark": item.tool_link.pass_mark})
                if item.tool_link is not None
                else None
            ),
            **(sent or {}),
            "recording_rows": [
                (kind, label, item.recordings.get(kind)) for kind, label in recordings.KINDS.items()
            ],
            "caption_choices": recordings.caption_choices(item.captions),
            "attachments": [
                {
                    **attached,
                    "kind": attachments.LABELS.get(attached["type"], ""),
                    "markdown": attachments.markdown_link(attached["key"], attached["name"]),
                }
                for attached in item.attachments
            ],
            # What was told of a section is shown in it; the rest above the page, as on every
            # page (this takes the place of the messages the site's layout would show).
            "section_messages": told_in_sections,
            "messages": told_above,
        },
        status=status,
    )


@dataclass(frozen=True)
class Removal:
    """A button that takes something off the lesson: the field naming what, the service that
    takes it off, the section of the page it is in, and what to tell once it is done."""

    field: str
    remove: Callable[[DraftLesson, Person, str], Any]
    section: str
    done: str | Promise


# The buttons posted to the lesson's media address, by the action they send.
REMOVALS = {
    "remove_recording": Removal(
        "kind", media.remove_recording, "video", gettext_lazy("Recording removed.")
    ),
    "remove_captions": Removal(
        "language", media.remove_captions, "captions", gettext_lazy("Captions removed.")
    ),
    "remove_file": Removal(
        "file", media.remove_file, "files", gettext_lazy("File removed from the lesson.")
    ),
}


@login_required
@require_POST
def lesson_media(request: SignedInRequest, key: str, lesson_key: str) -> HttpResponse:
    """Take a recording, a caption track or a file off the lesson, and tell what was done (or
    why nothing was) in its section of the lesson's page."""
    found = queries.find_draft(request.user, key)
    item = queries.find_lesson(found, lesson_key)
    removal = REMOVALS.get(request.POST.get("action", ""))
    if removal is None:
        messages.error(request, _("Choose what to do."))
        return redirect(_lesson_url(found, item))
    try:
        removal.remove(item, request.user, request.POST.get(removal.field, ""))
    except PraxisError as error:
        for message in messages_of(error):
            section_messages.tell(request, removal.section, messages.ERROR, message)
    else:
        section_messages.tell(request, removal.section, messages.SUCCESS, str(removal.done))
    return redirect(_lesson_url(found, item, removal.section))
