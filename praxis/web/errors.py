"""Django's error handlers, rendered with the same page as a PraxisError."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

from praxis.core.errors import (
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    ServerError,
    ValidationFailed,
)
from praxis.core.middleware import error_response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        # Form fields over DATA_UPLOAD_MAX_MEMORY_SIZE (files do not count): refused unread.
        return error_response(request, PayloadTooLarge())
    return error_response(request, ValidationFailed())


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, PermissionDenied())


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_response(request, NotFound())


def server_error(request: HttpRequest) -> HttpResponse:
    return error_response(request, ServerError())
