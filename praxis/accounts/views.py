"""Account pages: sign up, log in, verify, reset, profile, tokens. Thin: parse, call, render.

The pages that keep an account safe (e-mail change, sessions, two-factor authentication, the
audit log, terms) are in security_views.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts import forms, queries, services
from praxis.accounts.lifecycle.erasure import pending_erasure
from praxis.accounts.middleware import SECOND_FACTOR_SESSION_KEY
from praxis.accounts.models import ApiToken, SecurityEventKind, User
from praxis.accounts.services import legal, two_factor
from praxis.accounts.services.login import (
    KNOWN_CLIENT_COOKIE,
    KNOWN_CLIENT_MAX_AGE,
    remember_client,
)
from praxis.core.errors import PraxisError
from praxis.core.languages import in_sentence
from praxis.core.people import signed_in
from praxis.core.ratelimit import client_ip
from praxis.core.refusals import attempt, show_form_errors

GET_POST = ["GET", "POST"]
#: Who gave the right password and still owes their second factor, and since when.
PENDING_LOGIN_SESSION_KEY = "praxis_pending_login"


def _person(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the views below require a login
    return user


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data (even when empty), or None for a GET, which shows a blank form."""
    return request.POST if request.method == "POST" else None


def _next_url(request: HttpRequest, default: str) -> str:
    """Where to go after a form: a `next` on this site, or `default` (a URL or URL name)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default)


def _with_language(response: HttpResponse, language: str) -> HttpResponse:
    """Set Django's language cookie, so the interface switches to the person's language."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _remember_client(request: HttpRequest, response: HttpResponse, user: User) -> None:
    """Mark this browser as known to `user`'s account (see services.login)."""
    response.set_cookie(
        KNOWN_CLIENT_COOKIE,
        remember_client(request.COOKIES.get(KNOWN_CLIENT_COOKIE, ""), user),
        max_age=KNOWN_CLIENT_MAX_AGE,
        path=reverse("accounts:login"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _interface_language() -> str:
    """The language the page is shown in now, if people may choose it; English otherwise."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    return current if current in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _tell_tokens_revoked(request: HttpRequest, revoked: list[ApiToken]) -> None:
    if revoked:
        message = ngettext(
            "%(count)d API token was revoked with your old password: create a new one for "
            "the tools you use.",
            "%(count)d API tokens were revoked with your old password: create new ones for "
            "the tools you use.",
            len(revoked),
        )
        messages.warning(request, message % {"count": len(revoked)})


@sensitive_post_parameters("password")
@require_http_methods(GET_POST)
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    documents = legal.texts_in_force(_interface_language())
    form = forms.SignUpForm(_posted(request), with_terms=bool(documents))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.sign_up(
                    **form.cleaned_data,
                    preferred_language=_interface_language(),
                    client_address=client_ip(request),
                )
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                # The same answer whether or not the address had an account already.
                context = {"email": form.cleaned_data["email"].strip().lower()}
                return render(request, "accounts/signup_sent.html", context)
    context = {"form": form, "documents": documents}
    return render(request, "accounts/signup.html", context, status=status)


@sensitive_post_parameters("password")
@require_http_methods(GET_POST)
def login_view(request: HttpRequest) -> HttpResponse:
    form = forms.LoginForm(_posted(request))
    status = 200
    error_code = ""
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                user = services.check_credentials(
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password"],
                    client_address=client_ip(request),
                    known_client=request.COOKIES.get(KNOWN_CLIENT_COOKIE, ""),
                )
            except PraxisError as error:
                show_form_errors(form, error)
                status, error_code = error.status, str(error.code)
            else:
                # Someone whose account is due to be erased is first offered to cancel that.
                next_url = (
                    reverse("accounts:erasure_scheduled")
                    if pending_erasure(user)
                    else _next_url(request, settings.LOGIN_REDIRECT_URL)
                )
                if two_factor.has_two_factor(user):
                    # The password is right; the session belongs to the person only once the
                    # second factor is proven too.
                    request.session[PENDING_LOGIN_SESSION_KEY] = {
                        "user": user.pk,
                        "at": time.time(),
                    }
                    verify = reverse("accounts:two_factor_verify")
                    return redirect(f"{verify}?{urlencode({'next': next_url})}")
                return complete_login(request, user, next_url, second_factor=False)
    next_url = request.POST.get("next") or request.GET.get("next", "")
    context = {"form": form, "next": next_url, "error_code": error_code}
    return render(request, "accounts/login.html", context, status=status)


def complete_login(
    request: HttpRequest, user: User, next_url: str, *, second_factor: bool
) -> HttpResponse:
    """Log `user` in (their password, and their second factor when `second_factor`, proven),
    record the session and the login, and go on to `next_url`."""
    login(request, user)
    if second_factor:
        request.session[SECOND_FACTOR_SESSION_KEY] = True
    services.record_session(request, user)
    services.record(user, SecurityEventKind.LOGIN, request=request, second_factor=second_factor)
    response = HttpResponseRedirect(next_url)
    _remember_client(request, response, user)
    return _with_language(response, user.preferred_language)


@require_http_methods(["GET"])
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user, first_time = services.confirm_email(token)
    except PraxisError as error:
        context = {"error": error, "code": str(error.code)}
        return render(request, "accounts/verify_email.html", context, status=error.status)
    if first_time and not signed_in(request.user):
        # Signing up ends here: the person has shown they read this mailbox.
        login(request, user)
        services.record_session(request, user)
        # The link is often opened in another browser (the mail app's) than the one that signed
        # up: the welcome is said in the person's language, the one the next page is shown in.
        with translation.override(user.preferred_language or translation.get_language()):
            messages.success(
                request,
                _("Welcome! Your address is confirmed. Tell us a little about your work."),
            )
        return _with_language(redirect("accounts:profile"), user.preferred_language)
    return render(request, "accounts/verify_email.html", {"verified": user})


@login_required
@require_POST
def resend_verification(request: HttpRequest) -> HttpResponse:
    if attempt(request, lambda: services.resend_verification(_person(request))):
        messages.info(request, _("We have sent you a new link. It may take a few minutes."))
    return redirect("accounts:profile")


@require_http_methods(GET_POST)
def password_reset(request: HttpRequest) -> HttpResponse:
    form = forms.PasswordResetRequestForm(_posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.request_password_reset(form.cleaned_data["email"])
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                context = {"email": form.cleaned_data["email"]}
                return render(request, "accounts/password_reset_sent.html", context)
    return render(request, "accounts/password_reset.html", {"form": form}, status=status)


@never_cache
@sensitive_post_parameters("new_password")
@require_http_methods(GET_POST)
def password_reset_confirm(request: HttpRequest, token: str) -> HttpResponse:
    form = forms.SetPasswordForm(_posted(request))
    status = 200
    if request.method == "GET" and not queries.reset_link_is_valid(token):
        context = {"invalid": True}
        return render(request, "accounts/password_reset_confirm.html", context, status=400)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                changed = services.reset_password(token, form.cleaned_data["new_password"])
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                messages.success(request, _("Your password is changed. You can log in with it."))
                _tell_tokens_revoked(request, changed.revoked_tokens)
                return redirect("accounts:login")
    return render(request, "accounts/password_reset_confirm.html", {"form": form}, status=status)


def _render_profile(
    request: HttpRequest,
    profile_form: forms.ProfileForm | None = None,
    password_form: forms.PasswordChangeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = _person(request)
    region = queries.who_region_of(user)
    context = {
        "person": user,
        "form": profile_form or forms.ProfileForm(initial=forms.ProfileForm.initial_for(user)),
        "password_form": password_form or forms.PasswordChangeForm(),
        "who_region": region,
        "who_region_name": queries.who_region_name(region),
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_http_methods(GET_POST)
def profile(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render_profile(request)
    user = _person(request)
    form = forms.ProfileForm(request.POST)
    if form.is_valid():
        try:
            services.update_profile(user, **form.cleaned_data)
        except PraxisError as error:
            show_form_errors(form, error)
            return _render_profile(request, profile_form=form, status=error.status)
        # Said in the language the next page is in, which may have just changed.
        with translation.override(user.preferred_language or translation.get_language()):
            messages.success(request, _("Your profile is saved."))
        return _with_language(redirect("accounts:profile"), user.preferred_language)
    return _render_profile(request, profile_form=form, status=400)


@login_required
@sensitive_post_parameters("old_password", "new_password")
@require_POST
def password_change(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    form = forms.PasswordChangeForm(request.POST)
    if form.is_valid():
        try:
            changed = services.change_password(
                user, form.cleaned_data["old_password"], form.cleaned_data["new_password"]
            )
        except PraxisError as error:
            show_form_errors(form, error)
            return _render_profile(request, password_form=form, status=error.status)
        # Django ends the other sessions by the password's new hash, and keeps this one;
        # their records go too, so the sessions page lists this one alone.
        update_session_auth_hash(request, user)
        services.record_session(request, user)
        services.end_other_sessions(user, keep=request.session.session_key or "")
        messages.success(request, _("Your password is changed."))
        _tell_tokens_revoked(request, changed.revoked_tokens)
        return redirect("accounts:profile")
    return _render_profile(request, password_form=form, status=400)


@never_cache
@login_required
@require_http_methods(GET_POST)
def tokens(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    form = forms.ApiTokenForm(_posted(request))
    created = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                token, plaintext = services.create_api_token(user, form.cleaned_data["name"])
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                # Shown in this response only: it is not stored, so it cannot be shown again.
                created = {"token": token, "plaintext": plaintext}
                form = forms.ApiTokenForm()
                status = 200
    context = {"form": form, "created": created, "tokens": list(queries.api_tokens_of(user))}
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponseRedirect:
    token = services.revoke_api_token(_person(request), token_id)
    messages.success(
        request, _("The token “%(name)s” is revoked.") % {"name": in_sentence(token.name)}
    )
    return redirect("accounts:tokens")
