"""The draft page's course image: its form, which sends the picture and its description or
takes it off, and its sizes shown to the draft's team. The form posts, then returns to the draft
page with what was done or why nothing was. (What a lesson holds is sent to the lesson's own
page: praxis.authoring.lesson_views.)"""

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
from praxis.authoring.services import media
from praxis.catalog import images
from praxis.core.errors import PraxisError


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
