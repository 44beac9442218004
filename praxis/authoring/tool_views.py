"""The draft page's forms for external tools: place a tool as a lesson, or choose content in it
(LTI Deep Linking), and the address the tool posts its choice back to."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries, services
from praxis.authoring.media_views import _report
from praxis.authoring.models import DraftModule
from praxis.authoring.package_views import _module_key
from praxis.core.errors import PraxisError
from praxis.lti.models import Tool


def form_policy(tools: list[Tool]) -> str:
    """The site's Content-Security-Policy, letting the draft's tool form reach the tools' login
    initiation URLs (browsers check a form's redirects against form-action)."""
    origins = sorted({"{0.scheme}://{0.netloc}".format(urlsplit(t.login_url)) for t in tools})
    return settings.CONTENT_SECURITY_POLICY.replace(
        "form-action 'self'", " ".join(["form-action 'self'", *origins])
    )


@login_required
@require_POST
def add_tool(request: SignedInRequest, key: str) -> HttpResponse:
    """Place the chosen tool as a lesson of the module, or go to the tool to choose content."""
    found = queries.find_draft(request.user, key)
    module = get_object_or_404(
        DraftModule, draft=found, key=_module_key(request.POST.get("module"))
    )
    tool = _module_key(request.POST.get("tool")) or uuid.UUID(int=0)
    try:
        if request.POST.get("action") == "choose":
            return redirect(
                services.choose_tool_content(
                    module,
                    request.user,
                    tool=tool,
                    return_url_for=lambda launch: (
                        settings.SITE_URL + reverse("authoring:tool_content", args=[launch])
                    ),
                )
            )
        lesson = services.add_tool_lesson(module, request.user, tool=tool)
    except PraxisError as error:
        _report(request, error)
        return redirect("authoring:draft", key=found.uuid)
    messages.success(request, _("The external tool is now a lesson."))
    return redirect("authoring:lesson", key=found.uuid, lesson_key=lesson.key)


@csrf_exempt  # posted by the tool's page; the signed JWT, checked against the launch, is the proof
@require_POST
def tool_content(request: HttpRequest, launch: uuid.UUID) -> HttpResponse:
    """The tool's Deep Linking response: the content chosen becomes lessons of the module."""
    module, lessons = services.add_chosen_content(launch, request.POST.get("JWT", ""))
    if not lessons:
        return redirect("authoring:draft", key=module.draft.uuid)
    return redirect("authoring:lesson", key=module.draft.uuid, lesson_key=lessons[0].key)
