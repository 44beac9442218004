"""What every /xapi/ resource shares: Basic auth and scopes, the version header, CORS, the
alternate request syntax, body limits, and the mapping of refusals to the statuses the xAPI
specification requires."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt

from praxis.lrs.models import LrsClient
from praxis.lrs.queries import consistent_through
from praxis.lrs.services.clients import authenticate_client
from praxis.lrs.services.documents import DocumentConflict, DocumentNotJson, PreconditionFailed
from praxis.lrs.services.statements import StatementConflict, VoidingForbidden, WriteTooSlow
from praxis.lrs.validation import StatementInvalid, read_json

SUPPORTED_VERSIONS = ("1.0", "2.0")
# What the content type columns of documents and attachments hold.
MAX_CONTENT_TYPE = 255
ALLOWED_HEADERS = (
    "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match, "
    "Accept-Language, X-Experience-API-Hash"
)
EXPOSED_HEADERS = (
    "ETag, Last-Modified, X-Experience-API-Version, X-Experience-API-Consistent-Through, "
    "Content-Type, Content-Length"
)
ALTERNATE_HEADERS = {
    "authorization", "x-experience-api-version", "content-type", "content-length", "if-match",
    "if-none-match", "accept-language",
}  # fmt: skip


class XapiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class XapiRequest:
    method: str
    params: dict[str, str]
    headers: dict[str, str]
    body: bytes
    client: LrsClient | None = None
    version: str = "1.0.3"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def v2(self) -> bool:
        return self.version.startswith("2.")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def json(self) -> Any:
        return read_json(self.body)

    def allow_params(self, allowed: set[str]) -> None:
        unknown = set(self.params) - allowed
        if unknown:
            raise XapiError(400, f"unexpected parameters {sorted(unknown)}")

    def require_scope(self, *scopes: str) -> None:
        held = set(self.client.scopes) if self.client else set()
        if not held & {*scopes, LrsClient.Scope.ALL}:
            raise XapiError(403, "this credential may not do that")


Handler = Callable[[XapiRequest], HttpResponse]


def _headers(request: HttpRequest) -> dict[str, str]:
    return {name.lower(): value for name, value in request.headers.items()}


def _read_body(request: HttpRequest) -> bytes:
    limit = getattr(settings, "XAPI_MAX_BODY_BYTES", 16 * 1024 * 1024)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError as error:
        raise XapiError(400, "Content-Length is not a number") from error
    if length > limit:
        raise XapiError(413, "the body is too large")
    body = request.read(limit + 1)
    if len(body) > limit:
        raise XapiError(413, "the body is too large")
    return body


def _build(request: HttpRequest) -> XapiRequest:
    headers = _headers(request)
    body = _read_body(request)
    params = {key: request.GET.get(key, "") for key in request.GET}
    method = request.method or "GET"
    if method == "POST" and "method" in params:
        # The alternate request syntax: the real method in the query, headers and content
        # in a form-encoded body (xAPI 1.0.3, Communication 1.3).
        if set(params) != {"method"}:
            raise XapiError(400, "the alternate request syntax takes no other query parameters")
        method = params.pop("method").upper()
        if method not in {"GET", "PUT", "POST", "DELETE", "HEAD"}:
            raise XapiError(400, "the alternate request syntax names an unknown method")
        if not headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            raise XapiError(400, "the alternate request syntax needs a form-encoded body")
        form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        body = form.pop("content", "").encode()
        headers["content-type"] = "application/json"
        for name in list(form):
            if name.lower() in ALTERNATE_HEADERS:
                headers[name.lower()] = form.pop(name)
        params = form
        if headers.get("x-experience-api-version", "").startswith("2."):
            raise XapiError(400, "xAPI 2.0 has no alternate request syntax")
    if any("\x00" in text for pair in params.items() for text in pair):
        raise XapiError(400, "a parameter holds a NUL character")
    if len(headers.get("content-type", "")) > MAX_CONTENT_TYPE:
        raise XapiError(400, "the Content-Type header is too long")
    return XapiRequest(method=method, params=params, headers=headers, body=body)


def _authenticate(xapi: XapiRequest) -> None:
    scheme, _, credentials = xapi.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        raise XapiError(401, "authentication is required")
    try:
        key, _, secret = base64.b64decode(credentials, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError) as error:
        raise XapiError(401, "the credentials cannot be read") from error
    client = authenticate_client(key, secret)
    if client is None:
        raise XapiError(401, "the credentials are wrong")
    xapi.client = client


def _check_version(xapi: XapiRequest) -> None:
    version = xapi.headers.get("x-experience-api-version", "").strip()
    if not version:
        raise XapiError(400, "the X-Experience-API-Version header is required")
    if not any(version == v or version.startswith(v + ".") for v in SUPPORTED_VERSIONS):
        raise XapiError(400, "this xAPI version is not supported")
    xapi.version = version


def response_version(xapi: XapiRequest | None) -> str:
    if xapi is None:
        return "2.0.0"
    if "x-experience-api-version" not in xapi.headers and xapi.client is not None:
        return xapi.client.xapi_version
    return "2.0.0" if xapi.v2 else "1.0.3"


def json_response(payload: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(payload, separators=(",", ":")), status=status, content_type="application/json"
    )


def _cors(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    """Any origin may call the LRS with the Authorization header it sets itself; only the
    configured origins may have the browser add its credentials."""
    origin = request.headers.get("Origin", "")
    if origin and origin in settings.XAPI_CORS_CREDENTIAL_ORIGINS:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Credentials"] = "true"
    else:
        response["Access-Control-Allow-Origin"] = "*"
    patch_vary_headers(response, ["Origin"])
    response["Access-Control-Allow-Methods"] = "GET, PUT, POST, DELETE, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    # What the LRS answers is one client's, and changes: never kept by a browser or a proxy
    # (a document served from a browser's cache would never reach the LRS to be read).
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = "no-store"
    return response


def xapi_view(
    handlers: dict[str, Handler], *, public: bool = False, consistent: bool = False
) -> Callable[[HttpRequest], HttpResponse]:
    """A view for one resource: `handlers` maps a method to its handler."""

    @csrf_exempt
    def view(request: HttpRequest) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=200)
            response["Allow"] = ", ".join(sorted({*handlers, "OPTIONS"}))
            return _cors(response, request)
        xapi = None
        try:
            xapi = _build(request)
            handler = handlers.get("GET" if xapi.method == "HEAD" else xapi.method)
            if handler is None:
                raise XapiError(405, "this resource does not support that method")
            if not public:
                _authenticate(xapi)
                _check_version(xapi)
            elif "x-experience-api-version" in xapi.headers:
                _check_version(xapi)
            response = handler(xapi)
        except XapiError as error:
            response = json_response({"error": {"message": error.message}}, error.status)
            if error.status == 401:
                response["WWW-Authenticate"] = 'Basic realm="xAPI"'
        except StatementInvalid as error:
            response = json_response({"error": {"message": str(error)}}, 400)
        except DocumentNotJson:
            response = json_response({"error": {"message": "only JSON objects merge"}}, 400)
        except (StatementConflict, DocumentConflict):
            response = json_response(
                {"error": {"message": "this conflicts with what is stored"}}, 409
            )
        except WriteTooSlow:
            response = json_response(
                {"error": {"message": "the LRS is busy; send the statements again"}}, 503
            )
            response["Retry-After"] = "1"
        except VoidingForbidden:
            response = json_response(
                {"error": {"message": "only the authority of a statement may void it"}}, 403
            )
        except PreconditionFailed:
            response = json_response({"error": {"message": "the precondition failed"}}, 412)
        response["X-Experience-API-Version"] = response_version(xapi)
        if (
            consistent
            and xapi is not None
            and xapi.method in {"GET", "HEAD"}
            and "X-Experience-API-Consistent-Through" not in response
        ):
            response["X-Experience-API-Consistent-Through"] = consistent_through()
        if xapi is not None and xapi.method == "HEAD":
            response.content = b""
        return _cors(response, request)

    def render_bad_input(request: HttpRequest, message: str) -> HttpResponse:
        # Input refused before the view (praxis.core.input_guard), in the xAPI error format.
        response = json_response({"error": {"message": message}}, 400)
        response["X-Experience-API-Version"] = response_version(None)
        return _cors(response, request)

    view.render_bad_input = render_bad_input  # type: ignore[attr-defined]  # read back by the view's bad-input handler
    return view
