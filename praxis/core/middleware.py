"""Request/response plumbing shared by every page."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable

from praxis.core.errors import MethodNotAllowed, PraxisError, ServiceUnavailable
from praxis.core.input_guard import request_problem
from praxis.core.timezones import VIEWER_ZONE_COOKIE, zone_named

logger = logging.getLogger(__name__)

_DATABASE_OR_BROKER_UNAVAILABLE = (OperationalError, InterfaceError, BrokerUnavailable)


def unavailable_errors() -> tuple[type[Exception], ...]:
    """Errors that mean a database, cache or broker cannot be reached now: a 503, not a 500.

    The Redis cache's (`praxis.core.cache.UNREACHABLE`) are among them once Django has made a
    Redis cache, which loads that module; without one, no Redis error can be raised, and the
    Redis client (about 5 MB of imports) stays out of every process."""
    redis_cache = sys.modules.get("praxis.core.cache")
    if redis_cache is None:
        return _DATABASE_OR_BROKER_UNAVAILABLE
    return (*_DATABASE_OR_BROKER_UNAVAILABLE, *redis_cache.UNREACHABLE)


#: What a view may carry as `view.render_bad_input` to refuse bad input in its own format.
BadInputRenderer = Callable[[HttpRequest, str], HttpResponse]


class ContentSecurityPolicyMiddleware:
    """A strict CSP on every response: no inline script, no third-party requests."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class InputGuardMiddleware:
    """Refuses, before the view runs, input no database can store (`input_guard`): a 400 as
    the JSON API's error, in the view's own format (`view.render_bad_input`, the LRS's), or
    the error page. It runs before CSRF, so that every caller sees the same refusal."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        problem = request_problem(request)
        if problem is None:
            return None
        render: BadInputRenderer | None = getattr(view_func, "render_bad_input", None)
        if render is not None:
            return render(request, str(problem.message))
        return error_response(request, problem)


class PraxisErrorMiddleware:
    """Converts a `PraxisError` that escaped a view: JSON under /api/, an error page elsewhere.
    The bare answer Django and the API's router give a method a view does not take (a visit to
    an address that takes a form's submission) becomes the same page or JSON, saying what to
    do."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and (
            not response.content or request.path.startswith("/api/")
        ):
            explained = error_response(request, MethodNotAllowed())
            explained["Allow"] = response["Allow"]
            return explained
        return response

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, unavailable_errors()):
            logger.error("A dependency is unavailable: %s", exc, exc_info=exc)
            response = error_response(request, ServiceUnavailable())
            response["Retry-After"] = "60"
            return response
        if not isinstance(exc, PraxisError):
            return None
        return error_response(request, exc)


def error_response(request: HttpRequest, exc: PraxisError) -> HttpResponse:
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(exc.as_dict(), status=exc.status)
    response = TemplateResponse(
        request, "error.html", {"error": exc, "code": str(exc.code)}, status=exc.status
    )
    return response.render()


class RetryReadAfterLostConnection:
    """Runs a GET or HEAD again, once, when its database connection was lost under it (the
    server restarted, a proxy or an administrator ended the session): reads are safe to repeat,
    and the person sees the page instead of an error. Writes are never repeated.

    Last in MIDDLEWARE, so that its `process_exception` is asked first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if (
            request.method not in {"GET", "HEAD"}
            or not isinstance(exc, OperationalError | InterfaceError)
            or getattr(request, "_read_retried", False)
            or request.resolver_match is None
        ):
            return None
        lost = [db for db in connections.all(initialized_only=True) if db.connection is not None]
        if any(db.in_atomic_block for db in lost):
            return None  # a transaction cannot be resumed on a new connection
        for db in lost:
            db.close()
        request._read_retried = True  # type: ignore[attr-defined]  # marks a request already retried once
        logger.warning("Database connection lost; reading %s again.", request.path)
        match = request.resolver_match
        try:
            response: HttpResponse = match.func(request, *match.args, **match.kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
        except DatabaseError:
            return None  # the other handlers answer for the first error
        return response


class ViewerTimeZoneMiddleware:
    """Shows times in the zone the viewer chose ("Show times in", kept in a cookie); UTC
    otherwise. Pages that show an event's own zone say so with their own `{% timezone %}`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        zone = zone_named(request.COOKIES.get(VIEWER_ZONE_COOKIE))
        if zone is None:
            return self.get_response(request)
        timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
