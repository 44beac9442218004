"""What a logged-in person must do before anything else: staff and platform admins prove a
second factor (setting one up first if they have none), and everyone accepts the terms and
privacy notice in force.

Token clients of the API are not asked (a token is made from a session that went through these
gates); pages that lead through the gates, logging out and the documents themselves are open.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import User
from praxis.accounts.services import sessions, two_factor
from praxis.core.errors import ErrorCode, PermissionDenied, ServiceUnavailable
from praxis.core.middleware import error_response, unavailable_errors

logger = logging.getLogger(__name__)

#: Set in the session once the person proved their second factor in it.
SECOND_FACTOR_SESSION_KEY = "praxis_second_factor"

OPEN_VIEWS = frozenset(
    {
        "accounts:logout",
        "accounts:two_factor",
        "accounts:two_factor_setup",
        "accounts:two_factor_verify",
        "accounts:passkey_register_options",
        "accounts:passkey_add",
        "accounts:passkey_sign_in_options",
        "accounts:passkey_sign_in",
        "accounts:legal_document",
        "accounts:accept_terms",
        "set_language",
    }
)
OPEN_PREFIXES = ("/static/", "/media/", "/xapi/", "/i18n/")


def second_factor_proven(request: HttpRequest) -> bool:
    return bool(request.session.get(SECOND_FACTOR_SESSION_KEY))


def _is_token_client(request: HttpRequest) -> bool:
    scheme = request.headers.get("Authorization", "").partition(" ")[0]
    return request.path.startswith("/api/") and scheme.lower() == "bearer"


def _refuse(request: HttpRequest, error: PermissionDenied, page: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(error.as_dict(), status=error.status)
    next_path = request.get_full_path() if request.method == "GET" else ""
    query = f"?{urlencode({'next': next_path})}" if next_path else ""
    return HttpResponseRedirect(reverse(page) + query)


class AccountGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        try:
            return self._gate(request)
        except unavailable_errors() as exc:
            # Not knowing who is calling, the gate stays shut: the same answer as a view gives.
            logger.error("A dependency is unavailable: %s", exc, exc_info=exc)
            response = error_response(request, ServiceUnavailable())
            response["Retry-After"] = "60"
            return response

    def _gate(self, request: HttpRequest) -> HttpResponse | None:
        if request.path.startswith(OPEN_PREFIXES) or _is_token_client(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        user = getattr(request, "user", None)
        if isinstance(user, LazyObject):
            # The person is read here in any case: the view and every template's `user` then
            # read them directly, rather than through Django's lazy wrapper at each of the few
            # hundred reads of a page.
            if user._wrapped is empty:
                user._setup()
            request.user = user = user._wrapped
        if not isinstance(user, User) or not user.is_authenticated:
            return None
        sessions.note_session_use(request, user)
        if two_factor.required_for(user) and not second_factor_proven(request):
            error = PermissionDenied(
                ErrorCode.SECOND_FACTOR_REQUIRED,
                _("Staff accounts need two-factor authentication: prove it to go on."),
            )
            return _refuse(request, error, "accounts:two_factor_verify")
        if getattr(user, "owes_terms", False) and not request.path.startswith("/api/"):
            error = PermissionDenied(
                ErrorCode.TERMS_NOT_ACCEPTED,
                _("Please accept the terms of use and the privacy notice to go on."),
            )
            return _refuse(request, error, "accounts:accept_terms")
        return None
