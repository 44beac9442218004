"""The platform's LTI endpoints: the OIDC authentication endpoint answered by an id_token posted
back to the tool, the platform's key set, and the OAuth 2 token endpoint. Thin: each parses the
request, calls the service and shapes its answer or refusal."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praxis.core.errors import ErrorCode, PraxisError
from praxis.core.ratelimit import RateLimit, client_ip
from praxis.lti import launching, tokens
from praxis.lti.keys import platform_jwks

# What the OAuth 2 token endpoint answers for each refusal (RFC 6749, section 5.2).
OAUTH_ERRORS = {
    ErrorCode.LTI_INVALID_REQUEST: "invalid_request",
    ErrorCode.LTI_UNKNOWN_CLIENT: "invalid_client",
    ErrorCode.LTI_BAD_SIGNATURE: "invalid_client",
    ErrorCode.LTI_INVALID_SCOPE: "invalid_scope",
    ErrorCode.RATE_LIMITED: "invalid_request",
}
STATUS = {"invalid_client": 401}
# Refused token requests allowed per client address in ten minutes, against guessing.
REFUSED_TOKENS = RateLimit("lti-token", 30, 600)


@csrf_exempt  # the tool's page sends the learner here; the request carries no form of ours
@never_cache
@require_http_methods(["GET", "POST"])
def authorize(request: HttpRequest) -> HttpResponse:
    """The tool's authentication request; the answer is a page whose form posts the id_token
    to the tool's registered redirect URL (by itself, or by a button without JavaScript)."""
    params = request.GET if request.method == "GET" else request.POST
    post = launching.authorize(request.user, {key: params.get(key, "") for key in params})
    return form_post_page(request, post)


def form_post_page(request: HttpRequest, post: launching.FormPost) -> HttpResponse:
    """The page whose form posts a signed message to the other party (by itself, or by a
    button without JavaScript)."""
    response = render(request, "lti/form_post.html", {"post": post})
    # The form goes to the other party: the site's policy lets forms post to itself alone.
    response.headers["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace(
        "form-action 'self'", f"form-action 'self' {post.url}"
    )
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    """The platform's public keys (JSON Web Key Set) that check its id_tokens."""
    response = JsonResponse(platform_jwks())
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


@csrf_exempt  # called by tools' servers, authenticated by their signed assertion
@never_cache
@require_POST
def token(request: HttpRequest) -> JsonResponse:
    """Client credentials with a JWT assertion (RFC 7523) exchanged for a bearer token."""
    address = client_ip(request)
    try:
        REFUSED_TOKENS.check(address)
        granted = tokens.grant_token({key: request.POST.get(key, "") for key in request.POST})
    except PraxisError as error:
        if error.code != ErrorCode.RATE_LIMITED:
            REFUSED_TOKENS.hit(address)
        body = {
            "error": OAUTH_ERRORS.get(error.code, "invalid_grant"),
            "error_description": str(error.message),
            "code": str(error.code),
        }
        status = 429 if error.code == ErrorCode.RATE_LIMITED else STATUS.get(body["error"], 400)
        return JsonResponse(body, status=status)
    return JsonResponse(granted)


def json_body(request: HttpRequest) -> object:
    """The request's JSON document, or None when it is not one."""
    try:
        return json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None
