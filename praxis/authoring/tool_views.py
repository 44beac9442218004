"""External tools in co-creation: the pass mark form of a lesson opening a tool, the draft page's
Content-Security-Policy that lets its tool form reach the tools, and the address a tool posts its
choice of content back to (LTI Deep Linking). The draft page's form that places a tool as a
lesson, or goes to the tool to choose content, is sent to the draft's own page (draft_sends)."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from praxis.authoring import services
from praxis.lti.models import Tool


class ToolPassMarkForm(forms.Form):
    """The pass mark of a lesson opening an external tool; the service checks what is sent."""

    pass_mark = forms.CharField(
        label=gettext_lazy("Pass mark (%)"),
        required=False,  # an empty mark is the service's to refuse, in its own words
        help_text=gettext_lazy(
            "The lesson is completed when the tool scores the learner at this share of its "
            "maximum score or more. Learners of the versions already published keep the pass "
            "mark they have."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "tool-%s")
        super().__init__(*args, **kwargs)


def form_policy(tools: list[Tool]) -> str:
    """The site's Content-Security-Policy, letting the draft's tool form reach the tools' login
    initiation URLs (browsers check a form's redirects against form-action)."""
    origins = sorted({"{0.scheme}://{0.netloc}".format(urlsplit(t.login_url)) for t in tools})
    return settings.CONTENT_SECURITY_POLICY.replace(
        "form-action 'self'", " ".join(["form-action 'self'", *origins])
    )


@csrf_exempt  # posted by the tool's page; the signed JWT, checked against the launch, is the proof
@require_POST
def tool_content(request: HttpRequest, launch: uuid.UUID) -> HttpResponse:
    """The tool's Deep Linking response: the content chosen becomes lessons of the module."""
    module, lessons = services.add_chosen_content(launch, request.POST.get("JWT", ""))
    if not lessons:
        return redirect("authoring:draft", key=module.draft.uuid)
    return redirect("authoring:lesson", key=module.draft.uuid, lesson_key=lessons[0].key)
