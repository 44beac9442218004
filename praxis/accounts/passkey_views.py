"""Passkey pages: adding and removing one from the two-factor page, and using one to prove the
second factor or to sign in. Thin: parse, call, render.

The browser's part is static/accounts/passkeys.js: it asks for the options (JSON), lets the
authenticator answer, and posts the answer in an ordinary form, so every outcome is a page.

The passkey service is imported by each view, on the first ceremony, not at start-up:
py_webauthn, with the cryptography and pyOpenSSL it loads, is megabytes of every process, and
few requests are passkey ones.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from praxis.accounts import forms
from praxis.accounts.lifecycle.erasure import pending_erasure
from praxis.accounts.middleware import SECOND_FACTOR_SESSION_KEY, second_factor_proven
from praxis.accounts.models import User
from praxis.accounts.security_views import _pending_user, _viewer, two_factor_context
from praxis.accounts.services.two_factor import has_passkey, has_two_factor
from praxis.accounts.views import PENDING_LOGIN_SESSION_KEY, _next_url, _person, complete_login
from praxis.core.errors import ErrorCode, NotAuthenticated, PermissionDenied, PraxisError
from praxis.core.languages import in_sentence
from praxis.core.refusals import attempt

SIGN_IN = "sign_in"


def _unproven() -> PermissionDenied:
    return PermissionDenied(
        ErrorCode.SECOND_FACTOR_REQUIRED,
        _("Prove your second factor first: then you can add another."),
    )


def _refusal(error: PraxisError) -> JsonResponse:
    return JsonResponse(error.as_dict(), status=error.status)


@never_cache
@login_required
@require_POST
def register_options(request: HttpRequest) -> HttpResponse:
    from praxis.accounts.services import passkeys  # see the module's docstring

    user = _person(request)
    if has_two_factor(user) and not second_factor_proven(request):
        return _refusal(_unproven())
    try:
        options = passkeys.registration_options(user, request.session)
    except PraxisError as error:
        return _refusal(error)
    return HttpResponse(options, content_type="application/json")


@login_required
@require_POST
def add(request: HttpRequest) -> HttpResponse:
    from praxis.accounts.services import passkeys  # see the module's docstring

    user = _person(request)
    if has_two_factor(user) and not second_factor_proven(request):
        # Adding a factor takes proof of those already there, as replacing the app does.
        verify = reverse("accounts:two_factor_verify")
        return redirect(f"{verify}?{urlencode({'next': reverse('accounts:two_factor')})}")
    form = forms.PasskeyForm(request.POST)
    if not form.is_valid():
        context = {**two_factor_context(user), "passkey_form": form}
        return render(request, "accounts/two_factor.html", context, status=400)
    try:
        added = passkeys.add(
            user,
            request.session,
            request.POST.get("credential"),
            form.cleaned_data["name"],
            request=request,
        )
    except PraxisError as error:
        context = {**two_factor_context(user), "passkey_error": error, "code": str(error.code)}
        return render(request, "accounts/two_factor.html", context, status=error.status)
    request.session[SECOND_FACTOR_SESSION_KEY] = True
    if added.recovery_codes:
        done = {"codes": added.recovery_codes, "next": reverse("accounts:two_factor")}
        return render(request, "accounts/recovery_codes.html", done)
    messages.success(
        request, _("Passkey “%(name)s” added.") % {"name": in_sentence(added.passkey.name)}
    )
    return redirect("accounts:two_factor")


@login_required
@require_POST
def remove(request: HttpRequest, passkey_id: int) -> HttpResponse:
    from praxis.accounts.services import passkeys  # see the module's docstring

    user = _person(request)
    attempt(
        request,
        lambda: passkeys.remove(user, passkey_id, request=request),
        _("The passkey is removed."),
    )
    return redirect("accounts:two_factor")


def _proving(request: HttpRequest) -> User | None:
    """Who is proving their second factor now: the signed-in person, or the one who just gave
    their password; None for someone signing in with a passkey alone."""
    return _viewer(request) or _pending_user(request)


@never_cache
@require_POST
def sign_in_options(request: HttpRequest) -> HttpResponse:
    from praxis.accounts.services import passkeys  # see the module's docstring

    user = None if request.POST.get("purpose") == SIGN_IN else _proving(request)
    if request.POST.get("purpose") != SIGN_IN and user is None:
        return _refusal(NotAuthenticated())
    return HttpResponse(
        passkeys.authentication_options(request.session, user), content_type="application/json"
    )


@never_cache
@require_POST
def sign_in(request: HttpRequest) -> HttpResponse:
    """A passkey's answer: the second factor after the password, or a sign-in on its own."""
    from praxis.accounts.services import passkeys  # see the module's docstring

    alone = request.POST.get("purpose") == SIGN_IN
    user = None if alone else _proving(request)
    next_url = _next_url(request, settings.LOGIN_REDIRECT_URL)
    if not alone and user is None:
        messages.info(request, _("Please log in again: the passkey was not used in time."))
        return redirect("accounts:login")
    try:
        person = passkeys.authenticate(
            request.session, request.POST.get("credential"), user=user, request=request
        )
    except PraxisError as error:
        return _refused_page(request, error, alone=alone)
    if _viewer(request) is not None:
        request.session[SECOND_FACTOR_SESSION_KEY] = True
        return HttpResponseRedirect(next_url)
    request.session.pop(PENDING_LOGIN_SESSION_KEY, None)
    if alone and pending_erasure(person):
        next_url = reverse("accounts:erasure_scheduled")
    return complete_login(request, person, next_url, second_factor=True)


def _refused_page(request: HttpRequest, error: PraxisError, *, alone: bool) -> HttpResponse:
    next_value = request.POST.get("next", "")
    context = {"passkey_error": error, "code": str(error.code), "next": next_value}
    user = None if alone else _proving(request)
    if user is None:
        context |= {"form": forms.LoginForm(None), "error_code": str(error.code)}
        return render(request, "accounts/login.html", context, status=error.status)
    context |= {"form": forms.SecondFactorForm(None), "has_passkey": has_passkey(user)}
    return render(request, "accounts/two_factor_verify.html", context, status=error.status)
