"""Who is calling the JSON API: a personal token, or the site's own session.

Routers import `api_auth` for their authenticated operations. Neither method answers for an
unknown caller, so Ninja raises AuthenticationError, which the API turns into 401
NOT_AUTHENTICATED. A bearer token is read once for every API request, operations open to anyone
included (`recognise_bearer_token`): a valid one makes its owner the caller, an invalid one is
refused with 401 NOT_AUTHENTICATED rather than served as if anonymous.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from praxis.accounts.models import User
from praxis.accounts.services import authenticate_token
from praxis.core.api import use_person_language
from praxis.core.errors import ErrorCode, NotAuthenticated, PermissionDenied, PraxisError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Where recognise_bearer_token leaves the token's owner for TokenAuth, so it is looked up once.


class SignedInRequest(HttpRequest):
    """The request a view behind `login_required`, or an API operation behind `api_auth`,
    receives: its `user` is a signed-in person, never an anonymous visitor."""

    user: User


TOKEN_USER = "_praxis_token_user"  # noqa: S105 - an attribute name, not a secret


def recognise_bearer_token(request: HttpRequest) -> PraxisError | None:
    """Make the owner of the request's bearer token its user; the refusal for a bad token.

    Requests without `Authorization: Bearer` are left as they are (None).
    """
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    user = authenticate_token(token.strip())
    if user is None:
        # The same code as a missing login on any other operation: clients already handle it.
        return NotAuthenticated(
            message=_("This API token is not valid: it may have been revoked. Create a new one.")
        )
    request.user = user
    setattr(request, TOKEN_USER, user)
    return None


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a personal API token; revoked tokens are refused."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = getattr(request, TOKEN_USER, None) or authenticate_token(token.strip())
        if user is not None:
            request.user = user
            use_person_language(request, user)
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in person of the site's session; unsafe methods must carry the CSRF token.

    The CSRF check comes after the session check, so a caller without a session gets 401, and a
    logged-in page whose request lacks the token gets 403 CSRF_FAILED.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)  # checked below, once we know who is calling

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise PermissionDenied(
                ErrorCode.CSRF_FAILED,
                _("The page's security token is missing or stale. Reload the page and retry."),
            )
        use_person_language(request, user)
        return user


api_auth = [TokenAuth(), SessionAuth()]
