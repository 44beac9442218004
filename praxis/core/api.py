"""JSON API plumbing: every refusal leaves as {"error": {"code", "message", "fields"}}."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from pydantic import BaseModel

from praxis.core import compression, fragments
from praxis.core.api_messages import field_message
from praxis.core.errors import (
    ErrorCode,
    MethodNotAllowed,
    NotAuthenticated,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    PraxisError,
    RateLimited,
    ValidationFailed,
)
from praxis.core.people import Person, signed_in

# The API's own renderer (Ninja's default), for answers an operation renders itself.
RENDERER = JSONRenderer()


def json_text(request: HttpRequest, data: Any) -> str:
    """`data` (a model's dump) as the API renders every answer."""
    return str(RENDERER.render(request, data, response_status=200))


def json_answer(text: str, *, kept: bool = False) -> HttpResponse:
    """A 200 answer of JSON `text` (from `json_text`); `kept`: text kept for everybody, which
    each worker then compresses once (praxis.core.compression)."""
    answer = HttpResponse(text, content_type=f"{RENDERER.media_type}; charset={RENDERER.charset}")
    if kept:
        compression.kept(answer, text)
    return answer


def built(request: HttpRequest, answer: BaseModel | Sequence[BaseModel]) -> HttpResponse:
    """`answer`, a response schema (or a list of them) already built, and so checked, field by
    field, sent as Ninja sends it, without Ninja checking it again: for lists, where the second
    check cost about a third of the request."""
    return json_answer(_built_text(request, answer))


def _built_text(request: HttpRequest, answer: BaseModel | Sequence[BaseModel]) -> str:
    if isinstance(answer, BaseModel):
        return json_text(request, answer.model_dump())
    return json_text(request, [item.model_dump() for item in answer])


def kept_answer(
    request: HttpRequest,
    scope: str,
    parts: Iterable[str],
    build: Callable[[], BaseModel | Sequence[BaseModel]],
    *,
    personal: bool = True,
) -> HttpResponse:
    """The answer `build` makes, sent as `built` sends it, and kept: every caller asking for
    these parts (the query, the day…) in the same language gets the one made once per version of
    `scope` (praxis.core.fragments). When the answer is `personal` (what it holds depends on who
    asks), only callers without a session or token share it; a signed-in caller's is built
    afresh."""
    if personal and signed_in(request.user):
        return built(request, build())
    key = (translation.get_language() or settings.LANGUAGE_CODE, *parts)
    return json_answer(
        fragments.cached_text(scope, key, lambda: _built_text(request, build())), kept=True
    )


def _is_json_object(body: bytes) -> bool:
    try:
        return isinstance(json.loads(body), dict)
    except ValueError:
        return False


def _field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    # pydantic locations look like ("body", "payload", "email"): where the input came from and
    # the operation's parameter come first, then the field, which may itself be named "body"
    # (a post's text) and is kept.
    parts = [
        str(part)
        for position, part in enumerate(loc)
        if not (position < 2 and part in ("body", "query", "path", "form", "payload"))
    ]
    return ".".join(parts) or "__all__"


class ObjectBodyParser(Parser):
    """Every JSON body of the API is an object; an array, a string or a number is refused
    instead of being read as an empty object."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise ValidationFailed(
                ErrorCode.MALFORMED_BODY, _("The request body must be a JSON object.")
            )
        return data


class PraxisAPI(NinjaAPI):
    """The API; its OpenAPI document declares on every operation the 400 that bad input gets
    (a malformed path value, the NUL character: refused before any operation runs), and
    reads only JSON objects as bodies."""

    # Documents kept at once (one per language asked for, as a rule): each holds a few MB.
    DOCUMENTS_KEPT = 4

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("parser", ObjectBodyParser())
        super().__init__(**kwargs)
        self._documents: dict[tuple[str, ...], OpenAPISchema] = {}

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """The OpenAPI document, made once per language and kept: it changes only with the
        code, and making it takes over half a second. Every caller is given the same one: read
        it, never change it."""
        key = (
            translation.get_language() or "",
            path_prefix or "",
            json.dumps(path_params or {}, sort_keys=True, default=str),
        )
        document = self._documents.get(key)
        if document is None:
            made = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
            document = self.complete_document(made)
            while len(self._documents) >= self.DOCUMENTS_KEPT:
                self._documents.pop(next(iter(self._documents)), None)
            self._documents[key] = document
        return document

    def complete_document(self, schema: OpenAPISchema) -> OpenAPISchema:
        """What Django Ninja's document leaves out: the 400 of every operation, and the 413 of
        every operation that reads a body (one over DATA_UPLOAD_MAX_MEMORY_SIZE is refused
        unread, whatever the operation)."""
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                responses.setdefault(400, error_response("Bad Request"))
                if "requestBody" in operation:
                    responses.setdefault(413, error_response("Content Too Large"))
        return schema


def error_response(description: str) -> dict[str, Any]:
    """An error response of the OpenAPI document: its description and the error's shape."""
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }


def use_person_language(request: HttpRequest, person: Person) -> None:
    """Answer an authenticated caller in their interface language, unless the request names
    one itself (an Accept-Language header or the language cookie), which then wins."""
    if "HTTP_ACCEPT_LANGUAGE" in request.META or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return
    language = getattr(person, "preferred_language", "")
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        request.LANGUAGE_CODE = language


MALFORMED_MESSAGE = gettext_lazy("The request body is not valid JSON of the expected shape.")


def install_error_handlers(api: NinjaAPI) -> None:
    """Register the converters once, for every router of `api`."""

    def render(request: HttpRequest, exc: PraxisError) -> HttpResponse:
        return api.create_response(request, exc.as_dict(), status=exc.status)

    @api.exception_handler(PraxisError)
    def praxis_error(request: HttpRequest, exc: PraxisError) -> HttpResponse:
        return render(request, exc)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        fields: dict[str, list[Any]] = {}
        about_body = False
        for error in exc.errors:
            about_body = about_body or tuple(error.get("loc", ()))[:1] == ("body",)
            fields.setdefault(_field_name(error.get("loc", ())), []).append(field_message(error))
        malformed = about_body and not _is_json_object(request.body)
        if malformed:
            return render(
                request,
                ValidationFailed(ErrorCode.MALFORMED_BODY, MALFORMED_MESSAGE, fields=fields),
            )
        return render(request, ValidationFailed(fields=fields))

    @api.exception_handler(AuthenticationError)
    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return render(request, NotAuthenticated())

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return render(request, NotFound())

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        # A JSON body over DATA_UPLOAD_MAX_MEMORY_SIZE: refused unread.
        return render(request, PayloadTooLarge())

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Ninja's own refusals (a body it cannot parse, say) carry English text: each is told
        # in the reader's language, as Praxis's own refusal of the same kind.
        known: dict[int, Callable[[], PraxisError]] = {
            400: lambda: ValidationFailed(ErrorCode.MALFORMED_BODY, MALFORMED_MESSAGE),
            401: NotAuthenticated,
            403: PermissionDenied,
            404: NotFound,
            405: MethodNotAllowed,
            413: PayloadTooLarge,
            429: RateLimited,
        }
        if exc.status_code in known:
            return render(request, known[exc.status_code]())
        error = ValidationFailed()
        error.status = exc.status_code
        return render(request, error)
