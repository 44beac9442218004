"""The draft page's forms for external tools: place a tool as a lesson, or choose content in it
(LTI Deep Linking), and the address the tool posts its choice back to."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries, services
from praxis.authoring.media_views import _report
from praxis.authoring.models import DraftModule
from praxis.authoring.package_views import _module_key
from praxis.core.errors import PraxisError
from praxis.lti.models import Tool


class ToolPassMarkForm(forms.Form):
    """The pass mark of a lesson opening an external tool; the service checks what is sent."""

    pass_mark = forms.CharField(
        label=gettext_lazy("Pass mark (%)"),
        help_text=gettext_lazy(
            "The lesson is completed when the tool scores the learner at this share of its "
            "maximum score or more. Learners of the versions already published keep the pass "
            "mark they have."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
    )


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


@login_required
@require_POST
def lesson_tool(request: SignedInRequest, key: str, lesson_key: str) -> HttpResponse:
    """Save the pass mark of the lesson's external tool."""
    found = queries.find_draft(request.user, key)
    item = queries.find_lesson(found, lesson_key)
    try:
        services.set_tool_pass_mark(item, request.user, request.POST.get("pass_mark", ""))
    except PraxisError as error:
        # The form has one field: its own message says what to change.
        for message in error.fields.get("pass_mark") or [error.message]:
            messages.error(request, str(message))
    else:
        messages.success(request, _("Pass mark saved."))
    back = reverse("authoring:lesson", args=[found.uuid, item.key])
    return redirect(f"{back}#tool-heading")


@csrf_exempt  # posted by the tool's page; the signed JWT, checked against the launch, is the proof
@require_POST
def tool_content(request: HttpRequest, launch: uuid.UUID) -> HttpResponse:
    """The tool's Deep Linking response: the content chosen becomes lessons of the module."""
    module, lessons = services.add_chosen_content(launch, request.POST.get("JWT", ""))
    if not lessons:
        return redirect("authoring:draft", key=module.draft.uuid)
    return redirect("authoring:lesson", key=module.draft.uuid, lesson_key=lessons[0].key)
