"""The endpoints of Praxis as an LTI 1.3 tool (login initiation, launch) and the staff page
registering learning platforms. Thin: each reads the request, calls the service and answers."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts import services as accounts
from praxis.accounts.auth import SignedInRequest
from praxis.accounts.models import SecurityEventKind
from praxis.core.errors import ErrorCode, PraxisError
from praxis.core.languages import in_sentence
from praxis.core.permissions import require
from praxis.lti import hooks
from praxis.lti.errors import refused
from praxis.lti.hooks import ToolCourse
from praxis.lti.models import Platform
from praxis.lti.tool_side import deep_linking
from praxis.lti.tool_side.deep_linking import MOST_COURSES, DeepLinkingRequest
from praxis.lti.tool_side.launching import accept_launch, initiate_login
from praxis.lti.tool_side.registration import manage_platforms, register_platform, tool_addresses
from praxis.lti.views import form_post_page
from praxis.organisations.models import Organisation

STATE_COOKIE = "praxis_lti_state_"
CHOOSING = "lti_choosing_"  # the session's key prefix of a platform's pending deep linking
BACKEND = "praxis.accounts.backends.EmailBackend"


@csrf_exempt  # the platform sends the browser here, by a link or a form of its own
@never_cache
@require_http_methods(["GET", "POST"])
def tool_login(request: HttpRequest) -> HttpResponse:
    """A platform's third-party login initiation: answered by a redirect to its
    authentication endpoint, the `state` bound to this browser by a cookie."""
    params = request.GET if request.method == "GET" else request.POST
    found = initiate_login({key: params.get(key, "") for key in params})
    response = HttpResponseRedirect(found.url)
    # The platform's answer is a cross-site form post: only a SameSite=None cookie comes back.
    response.set_cookie(
        STATE_COOKIE + found.state,
        "1",
        max_age=settings.LTI_LAUNCH_MINUTES * 60,
        secure=True,
        httponly=True,
        samesite="None",
    )
    return response


@csrf_exempt  # posted by the platform's page, authenticated by the signed id_token
@never_cache
@require_POST
def tool_launch(request: HttpRequest) -> HttpResponse:
    """The platform's id_token: the person is signed in and sent to the course's page."""
    states = {
        name.removeprefix(STATE_COOKIE) for name in request.COOKIES if name.startswith(STATE_COOKIE)
    }
    launched = accept_launch({key: request.POST.get(key, "") for key in request.POST}, states)
    login(request, launched.learner, backend=BACKEND)
    accounts.record_session(request, launched.learner)
    accounts.record(launched.learner, SecurityEventKind.LOGIN, request=request, lti=True)
    if launched.deep_linking is not None:
        key = secrets.token_urlsafe(16)
        request.session[CHOOSING + key] = launched.deep_linking.as_session()
        response = HttpResponseRedirect(reverse("lti:tool_deep_linking", args=[key]))
    else:
        response = HttpResponseRedirect(launched.course_url)
    response.delete_cookie(STATE_COOKIE + request.POST.get("state", ""), samesite="None")
    return response


class CourseSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the courses"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class CourseChoiceForm(forms.Form):
    course = forms.MultipleChoiceField(
        label=_("Courses"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose among the courses shown.")},
    )

    def __init__(
        self, data: Any, *, courses: list[ToolCourse], multiple: bool, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        field = self.fields["course"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(course.slug, course.title) for course in courses]
        if not multiple:
            field.widget = forms.RadioSelect(choices=field.choices)

    def clean_course(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["course"]
        if self.data.get("cancel") is None and not chosen:
            raise forms.ValidationError(gettext("Choose at least one course."))
        if len(chosen) > MOST_COURSES:
            raise forms.ValidationError(
                gettext("Choose at most %(count)d courses at a time.") % {"count": MOST_COURSES}
            )
        return chosen


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tool_deep_linking(request: SignedInRequest, key: str) -> HttpResponse:
    """A platform's instructor chooses published courses; the signed answer goes back to the
    platform through their browser (cancelling answers with none)."""
    kept = request.session.get(CHOOSING + key)
    if not isinstance(kept, dict):
        raise refused(ErrorCode.LTI_LAUNCH_EXPIRED)
    choosing = DeepLinkingRequest.from_session(kept)
    search = CourseSearchForm(request.GET)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    languages = list(getattr(request.user, "languages", None) or [get_language() or "en"])
    courses = [
        course
        for answer in hooks.course_choices.ask(q=q, languages=languages, limit=MOST_COURSES)
        for course in answer
    ]
    if request.method == "POST":
        # Chosen after another search than this page's (its address keeps the search): the
        # published courses the form names are offered too.
        shown = {course.slug for course in courses}
        courses += [
            found
            for slug in request.POST.getlist("course")[: MOST_COURSES + 1]
            if slug not in shown
            for found in hooks.published_course.ask(slug=slug[:120])
            if found is not None
        ]
    form = CourseChoiceForm(
        request.POST if request.method == "POST" else None,
        courses=courses,
        multiple=choosing.accept_multiple,
    )
    if form.is_valid():
        chosen = form.cleaned_data["course"]
        picked = [course for course in courses if course.slug in chosen]
        post = deep_linking.answer(choosing, [] if "cancel" in request.POST else picked)
        del request.session[CHOOSING + key]
        return form_post_page(request, post)
    return render(
        request,
        "lti/deep_linking.html",
        {
            "form": form,
            "search": search,
            "courses": courses,
            "platform": Platform.objects.filter(pk=choosing.platform).first(),
            "title": choosing.title,
            "multiple": choosing.accept_multiple,
        },
    )


class PlatformForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    issuer = forms.CharField(label=_("Issuer"), max_length=255)
    client_id = forms.CharField(label=_("Client id"), max_length=255)
    auth_url = forms.CharField(label=_("OIDC authentication request URL"), max_length=1000)
    token_url = forms.CharField(label=_("Access token URL"), max_length=1000)
    jwks_url = forms.CharField(label=_("JWKS URL"), max_length=1000, required=False)
    public_key = forms.CharField(
        label=_("Or its public key (PEM)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
    )
    deployment_ids = forms.CharField(
        label=_("Deployment ids"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line, as the platform shows them."),
        max_length=6000,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type] # Form's own keyword arguments
        choices = [("", gettext("None"))]
        choices += [(o.slug, o.name) for o in Organisation.objects.order_by("name")]
        self.fields["organisation"].choices = choices  # type: ignore[attr-defined] # a ChoiceField


@login_required
@require_http_methods(["GET", "POST"])
def platforms(request: SignedInRequest) -> HttpResponse:
    """Staff register learning platforms and read what to enter in them."""
    require(manage_platforms, request.user, None)
    form = PlatformForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            platform = register_platform(request.user, dict(form.cleaned_data))
        except PraxisError as error:
            form.add_error(None, str(error.message))
            for name, problems in error.fields.items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, str(problem))
        else:
            messages.success(
                request, gettext("%(name)s is registered.") % {"name": in_sentence(platform.name)}
            )
            return redirect("lti:platforms")
    return render(
        request,
        "lti/platforms.html",
        {
            "form": form,
            "platforms": Platform.objects.select_related("organisation").order_by("name"),
            "tool": tool_addresses(),
        },
    )
