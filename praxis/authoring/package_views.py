"""The forms that import a content package into a draft as a lesson, or upload the next
version of a lesson's package. Each posts, then shows the lesson with what the package holds,
or returns with why nothing was imported."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries, services
from praxis.authoring.media_views import _report
from praxis.authoring.models import DraftModule
from praxis.core.errors import PraxisError


class PackageVersionForm(forms.Form):
    """The next version of a lesson's package: a zip."""

    package = forms.FileField(
        label=gettext_lazy("Upload a new version of the package (zip)"),
        help_text=gettext_lazy("Learners keep their progress on the lesson."),
        widget=forms.FileInput(attrs={"accept": ".zip,application/zip"}),
    )


def _module_key(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@login_required
@require_POST
def import_package(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    module = get_object_or_404(
        DraftModule, draft=found, key=_module_key(request.POST.get("module"))
    )
    upload = request.FILES.get("package")
    try:
        lesson = services.add_package_lesson(
            module,
            request.user,
            upload,
            size=upload.size if upload else None,
            name=upload.name or "" if upload else "",
        )
    except PraxisError as error:
        _report(request, error)
        return redirect("authoring:draft", key=found.uuid)
    messages.success(request, _("Package imported. Check what it holds below."))
    return redirect("authoring:lesson", key=found.uuid, lesson_key=lesson.key)


@login_required
@require_POST
def lesson_package(request: SignedInRequest, key: str, lesson_key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    item = queries.find_lesson(found, lesson_key)
    upload = request.FILES.get("package")
    try:
        services.replace_lesson_package(
            item,
            request.user,
            upload,
            size=upload.size if upload else None,
            name=upload.name or "" if upload else "",
        )
    except PraxisError as error:
        _report(request, error)
    else:
        messages.success(request, _("New version of the package imported."))
    return redirect("authoring:lesson", key=found.uuid, lesson_key=item.key)
