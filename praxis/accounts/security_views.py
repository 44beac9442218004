"""Pages that keep an account safe: changing the e-mail address, sessions, two-factor
authentication, the audit log, and the terms and privacy notice. Thin: parse, call, render."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts import forms, links, queries, services
from praxis.accounts.devices import describe_user_agent
from praxis.accounts.middleware import SECOND_FACTOR_SESSION_KEY, second_factor_proven
from praxis.accounts.models import LegalDocumentKind, Passkey, PersonSession, User
from praxis.accounts.services import legal, two_factor
from praxis.accounts.views import (
    GET_POST,
    PENDING_LOGIN_SESSION_KEY,
    _next_url,
    _person,
    _posted,
    complete_login,
)
from praxis.core.errors import PraxisError
from praxis.core.languages import in_sentence
from praxis.core.refusals import attempt, show_form_errors

# How long the code page waits for the second factor after the right password.
PENDING_LOGIN_MAX_AGE = 600


def _viewer(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _error_page(request: HttpRequest, error: PraxisError, title: str) -> HttpResponse:
    context = {"error": error, "code": str(error.code), "title": title}
    return render(request, "accounts/link_error.html", context, status=error.status)


# E-mail address


@login_required
@sensitive_post_parameters("password")
@require_http_methods(GET_POST)
def email_change(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    form = forms.EmailChangeForm(_posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                address = services.request_email_change(
                    user,
                    form.cleaned_data["new_email"],
                    form.cleaned_data["password"],
                    request=request,
                )
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                context = {"email": address, "days": links.EMAIL_CHANGE_MAX_AGE.days}
                return render(request, "accounts/email_change_sent.html", context)
    context = {"form": form, "person": user}
    return render(request, "accounts/email_change.html", context, status=status)


@never_cache
@require_http_methods(GET_POST)
def email_change_confirm(request: HttpRequest, token: str) -> HttpResponse:
    # Opening the link changes nothing (mail scanners open links): the button does.
    title = _("Confirm your new address")
    try:
        user, new = services.read_change_link(token, viewer=_viewer(request))
    except PraxisError as error:
        return _error_page(request, error, title)
    form = forms.EmailChangeConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.confirm_email_change(
                token,
                viewer=_viewer(request),
                end_other_sessions_too=form.cleaned_data["end_other_sessions"],
                keep_session=request.session.session_key or "",
                request=request,
            )
        except PraxisError as error:
            return _error_page(request, error, title)
        messages.success(
            request,
            _("Your e-mail address is now %(email)s.") % {"email": in_sentence(changed.user.email)},
        )
        if changed.sessions_ended:
            messages.info(request, _("You are signed out on every other device."))
        return redirect("accounts:profile" if _viewer(request) else "accounts:login")
    context = {"form": form, "new_email": new, "person": user, "title": title}
    return render(request, "accounts/email_change_confirm.html", context)


@never_cache
@require_http_methods(GET_POST)
def email_change_undo(request: HttpRequest, token: str) -> HttpResponse:
    title = _("Put your old address back")
    try:
        user, old = services.read_undo_link(token)
    except PraxisError as error:
        return _error_page(request, error, title)
    if request.method == "POST":
        try:
            services.undo_email_change(token, request=request)
        except PraxisError as error:
            return _error_page(request, error, title)
        logout(request)
        context = {"email": old, "title": title}
        return render(request, "accounts/email_change_undone.html", context)
    context = {"old_email": old, "new_email": user.email, "title": title}
    return render(request, "accounts/email_change_undo.html", context)


# Sessions


def _session_rows(request: HttpRequest, user: User) -> list[dict[str, object]]:
    current = request.session.session_key
    return [
        {
            "session": row,
            "device": describe_user_agent(row.user_agent),
            "current": row.session_key == current,
        }
        for row in queries.live_sessions_of(user)
    ]


@never_cache
@login_required
@require_http_methods(["GET"])
def sessions(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    context = {
        "rows": _session_rows(request, user),
        "tokens": [t for t in queries.api_tokens_of(user) if t.revoked_at is None],
    }
    return render(request, "accounts/sessions.html", context)


@login_required
@require_POST
def session_end(request: HttpRequest, session_id: int) -> HttpResponse:
    user = _person(request)
    row = PersonSession.objects.filter(pk=session_id, person=user).first()
    if row is not None and row.session_key == request.session.session_key:
        logout(request)
        return redirect("accounts:login")
    attempt(request, lambda: services.end_session(user, session_id), _("That session is ended."))
    return redirect("accounts:sessions")


@login_required
@require_POST
def sessions_end_others(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    count = services.end_other_sessions(
        user, keep=request.session.session_key or "", request=request
    )
    message = ngettext(
        "Signed out of %(count)d other session.", "Signed out of %(count)d other sessions.", count
    )
    messages.success(request, message % {"count": count})
    return redirect("accounts:sessions")


@login_required
@require_POST
def sessions_end_all(request: HttpRequest) -> HttpResponse:
    services.end_other_sessions(_person(request), request=request)
    logout(request)
    messages.success(request, _("You are signed out everywhere."))
    return redirect("accounts:login")


@require_http_methods(GET_POST)
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        # Logging out changes things, so only the form's POST does it; someone who comes to
        # the address itself (typed, bookmarked) is offered the form rather than a blank page.
        response = render(request, "accounts/logout.html", status=405)
        response["Allow"] = "POST"
        return response
    key = request.session.session_key
    if key:
        PersonSession.objects.filter(session_key=key).delete()
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL or "/")


# Audit log


@never_cache
@login_required
@require_http_methods(["GET"])
def activity(request: HttpRequest) -> HttpResponse:
    events = queries.security_events_of(_person(request))
    return render(request, "accounts/activity.html", {"events": events})


# Two-factor authentication


def _qr_svg(url: str) -> str:
    import segno  # imported on the first QR code, not at start-up: few requests draw one

    # Drawn here as inline SVG: the secret never leaves the site for a QR service.
    svg = segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff")
    return mark_safe(svg)  # noqa: S308 - segno's own SVG, built from our URL only


def two_factor_context(user: User) -> dict[str, object]:
    """What the two-factor page shows of `user`'s second factors."""
    return {
        "enabled": two_factor.has_two_factor(user),
        "has_app": two_factor.has_app(user),
        "passkeys": list(Passkey.objects.filter(person=user)),
        "required": two_factor.required_for(user),
        "codes_left": two_factor.recovery_codes_left(user),
        "password_form": forms.PasswordCheckForm(),
        "passkey_form": forms.PasskeyForm(),
    }


@never_cache
@login_required
@require_http_methods(["GET"])
def two_factor_page(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/two_factor.html", two_factor_context(_person(request)))


@never_cache
@login_required
@require_http_methods(GET_POST)
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    if two_factor.has_two_factor(user) and not second_factor_proven(request):
        # Replacing an app takes proof of the current one first.
        return redirect(f"{reverse('accounts:two_factor_verify')}?{_next_query(request)}")
    form = forms.SecondFactorForm(_posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                codes = two_factor.confirm_setup(user, form.cleaned_data["code"], request=request)
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                request.session[SECOND_FACTOR_SESSION_KEY] = True
                done = {"codes": codes, "next": _next_url(request, "accounts:two_factor")}
                return render(request, "accounts/recovery_codes.html", done)
    device = two_factor.begin_setup(user)
    context: dict[str, object] = {
        "form": form,
        "qr": _qr_svg(device.config_url),
        "secret": two_factor.secret_of(device),
        "required": two_factor.required_for(user),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=status)


def _next_query(request: HttpRequest) -> str:
    return urlencode({"next": request.POST.get("next") or request.GET.get("next", "")})


def _pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(PENDING_LOGIN_SESSION_KEY)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_LOGIN_MAX_AGE:
        return None
    user_id = pending.get("user")
    if not isinstance(user_id, int):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(GET_POST)
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    next_url = _next_url(request, settings.LOGIN_REDIRECT_URL)
    if viewer is not None:
        if second_factor_proven(request):
            return HttpResponseRedirect(next_url)
        if not two_factor.has_two_factor(viewer):
            return redirect(f"{reverse('accounts:two_factor_setup')}?{_next_query(request)}")
    user = viewer or _pending_user(request)
    if user is None:
        messages.info(request, _("Please log in again: the code was not given in time."))
        return redirect("accounts:login")
    if viewer is None and user.preferred_language in dict(settings.LANGUAGES):
        # Once the password is right the person is known: this page speaks their language, as
        # every page after it will.
        translation.activate(user.preferred_language)
        request.LANGUAGE_CODE = user.preferred_language
    form = forms.SecondFactorForm(_posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                two_factor.check_code(user, form.cleaned_data["code"], request=request)
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                if viewer is None:
                    request.session.pop(PENDING_LOGIN_SESSION_KEY, None)
                    return complete_login(request, user, next_url, second_factor=True)
                request.session[SECOND_FACTOR_SESSION_KEY] = True
                return HttpResponseRedirect(next_url)
    context = {
        "form": form,
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "has_passkey": two_factor.has_passkey(user),
    }
    return render(request, "accounts/two_factor_verify.html", context, status=status)


@login_required
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    try:
        codes = two_factor.renew_recovery_codes(user, request=request)
    except PraxisError as error:
        messages.error(request, str(error.message))
        return redirect("accounts:two_factor")
    context = {"codes": codes, "next": reverse("accounts:two_factor")}
    return render(request, "accounts/recovery_codes.html", context)


@login_required
@sensitive_post_parameters("password")
@require_POST
def two_factor_off(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    form = forms.PasswordCheckForm(request.POST)
    password = form.cleaned_data["password"] if form.is_valid() else None
    if attempt(
        request,
        lambda: two_factor.turn_off(user, password, request=request),
        _("Two-factor authentication is off."),
        field_messages=True,
    ):
        request.session.pop(SECOND_FACTOR_SESSION_KEY, None)
    return redirect("accounts:two_factor")


# Terms and privacy notice


@require_http_methods(["GET"])
def legal_document(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in LegalDocumentKind.values:
        raise Http404
    texts = legal.texts_in_force(get_language() or settings.LANGUAGE_CODE)
    text = next((t for t in texts if t.kind == kind), None)
    if text is None:
        raise Http404
    return render(request, "accounts/legal_document.html", {"text": text})


@never_cache
@login_required
@require_http_methods(GET_POST)
def accept_terms(request: HttpRequest) -> HttpResponse:
    user = _person(request)
    documents = legal.texts_in_force(get_language() or settings.LANGUAGE_CODE)
    form = forms.AcceptTermsForm(_posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.accept_documents_in_force(
                    user, form.cleaned_data["accept"], request=request
                )
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                return HttpResponseRedirect(_next_url(request, settings.LOGIN_REDIRECT_URL))
    context = {
        "form": form,
        "documents": documents,
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }
    return render(request, "accounts/accept_terms.html", context, status=status)
