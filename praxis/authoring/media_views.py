"""The forms that attach pictures, recordings and files to a draft: the course image, and a
lesson's video, its other copies, its caption tracks and the files learners download. Each
posts, then returns to the page it is on with what was done or why nothing was. (A picture for
a lesson's text is sent to the lesson's own page, which shows a refusal on its form.)"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries
from praxis.authoring.forms import (
    AttachmentForm,
    CaptionsForm,
    RecordingForm,
)
from praxis.authoring.services import media
from praxis.catalog import attachments, images
from praxis.core.errors import PraxisError
from praxis.core.refusals import flash_form_errors

# The forms a lesson's page posts here, by action; the others carry no field to fill in.
LESSON_MEDIA_FORMS: dict[str, type[forms.Form]] = {
    "attach": AttachmentForm,
    "recording": RecordingForm,
    "captions": CaptionsForm,
}


def _report(
    request: SignedInRequest, error: PraxisError, form_class: type[forms.Form] | None = None
) -> None:
    """The refusal as messages: its own, then each field's under the field's label (never the
    field's internal name)."""
    messages.error(request, str(error.message))
    fields = form_class.base_fields if form_class is not None else {}
    for name, field_messages in error.fields.items():
        label = fields[name].label if name in fields else None
        for message in field_messages:
            if str(message) != str(error.message):
                messages.error(request, f"{label}: {message}" if label else str(message))


@login_required
@require_POST
def lesson_media(request: SignedInRequest, key: str, lesson_key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    item = queries.find_lesson(found, lesson_key)
    post, files = request.POST, request.FILES
    action = post.get("action", "")
    heading = "files-heading" if action in ("attach", "remove_file") else "video-heading"
    back = f"{request.path.removesuffix('media/')}#{heading}"
    form_class = LESSON_MEDIA_FORMS.get(action)
    form = form_class(post, files) if form_class else None
    if form is not None and not form.is_valid():
        flash_form_errors(request, form)
        return redirect(back)
    data = form.cleaned_data if form is not None else {}
    try:
        if action == "recording":
            media.set_recording(
                item, request.user, data["kind"], url=data["url"], upload=data["file"]
            )
            done = _("Recording saved.")
        elif action == "remove_recording":
            media.remove_recording(item, request.user, post.get("kind", ""))
            done = _("Recording removed.")
        elif action == "captions":
            media.set_captions(item, request.user, data["language"], data["captions"])
            done = _("Captions saved.")
        elif action == "attach":
            attached = media.attach_file(item, request.user, data["file"])
            done = _(
                "File attached. Link it in the text with the toolbar, or copy this line: "
                "%(markdown)s"
            ) % {"markdown": attachments.markdown_link(attached["key"], attached["name"])}
        elif action == "remove_file":
            media.remove_file(item, request.user, post.get("file", ""))
            done = _("File removed from the lesson.")
        elif action == "remove_captions":
            media.remove_captions(item, request.user, post.get("language"))
            done = _("Captions removed.")
        else:
            done = ""
            messages.error(request, _("Choose what to do."))
    except PraxisError as error:
        _report(request, error, form_class)
    else:
        if done:
            messages.success(request, done)
    return redirect(back)


@login_required
@require_POST
def course_image(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    action = request.POST.get("action", "")
    try:
        if action == "remove":
            media.remove_image(found, request.user)
            messages.success(request, _("Image removed."))
        elif request.FILES.get("image") is None and found.image:
            media.describe_image(found, request.user, request.POST.get("alt"))
            messages.success(request, _("Image description saved."))
        else:
            media.set_image(
                found, request.user, request.FILES.get("image"), request.POST.get("alt")
            )
            messages.success(request, _("Image saved."))
    except PraxisError as error:
        _report(request, error)
    return redirect(f"{request.path.removesuffix('image/')}#image-heading")


@login_required
@require_GET
def image_file(request: SignedInRequest, key: str, filename: str) -> FileResponse:
    """One size of the draft's image, for its team to see before it is published."""
    found = queries.find_draft(request.user, key)
    return images.serve(found.image, filename)
