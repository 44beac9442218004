"""Assignment and Grade Services over HTTP: line items, scores and results, each call
authorised by a bearer token from the token endpoint holding the scope it needs."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from praxis.core.errors import ErrorCode, PraxisError
from praxis.lti import grades, members
from praxis.lti.claims import AGS_SCOPE, NRPS_SCOPE
from praxis.lti.errors import refused
from praxis.lti.tokens import AccessToken, read_token
from praxis.lti.views import json_body

LINE_ITEM = "application/vnd.ims.lis.v2.lineitem+json"
LINE_ITEMS = "application/vnd.ims.lis.v2.lineitemcontainer+json"
RESULTS = "application/vnd.ims.lis.v2.resultcontainer+json"
MEMBERSHIPS = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json"
READ = (AGS_SCOPE + "lineitem", AGS_SCOPE + "lineitem.readonly")
WRITE = (AGS_SCOPE + "lineitem",)

View = Callable[..., HttpResponse]


def service(view: View) -> View:
    """A grade service endpoint: no CSRF (tools call it from their servers), never cached, and
    every refusal as the API's JSON error with its status."""

    @csrf_exempt
    @never_cache
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PraxisError as error:
            response = JsonResponse(error.as_dict(), status=error.status)
            if error.code == ErrorCode.LTI_TOKEN_INVALID:
                response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response

    return wrapped


def _token(request: HttpRequest, *scopes: str) -> AccessToken:
    return read_token(request.headers.get("Authorization", ""), *scopes)


def _not_allowed() -> JsonResponse:
    error = PraxisError(ErrorCode.METHOD_NOT_ALLOWED)
    return JsonResponse(error.as_dict(), status=405)


@service
def line_items(request: HttpRequest, context: str) -> HttpResponse:
    """GET: the tool's line items in the course; POST: a new one."""
    if request.method == "GET":
        access = _token(request, *READ)
        found = grades.line_items(access.tool, context, request.GET)
        return JsonResponse(
            [grades.line_item_json(item) for item in found], safe=False, content_type=LINE_ITEMS
        )
    if request.method == "POST":
        access = _token(request, *WRITE)
        item = grades.add_line_item(access.tool, context, json_body(request))
        return JsonResponse(grades.line_item_json(item), status=201, content_type=LINE_ITEM)
    return _not_allowed()


@service
def line_item(request: HttpRequest, key: uuid.UUID) -> HttpResponse:
    """GET, PUT or DELETE one of the tool's line items."""
    if request.method not in {"GET", "PUT", "DELETE"}:
        return _not_allowed()
    access = _token(request, *(READ if request.method == "GET" else WRITE))
    item = grades.find_line_item(access.tool, key)
    if request.method == "PUT":
        item = grades.update_line_item(access.tool, item, json_body(request))
    elif request.method == "DELETE":
        grades.delete_line_item(access.tool, item)
        return HttpResponse(status=204)
    return JsonResponse(grades.line_item_json(item), content_type=LINE_ITEM)


@service
def scores(request: HttpRequest, key: uuid.UUID) -> HttpResponse:
    """POST a learner's score on the line item."""
    if request.method != "POST":
        return _not_allowed()
    access = _token(request, AGS_SCOPE + "score")
    item = grades.find_line_item(access.tool, key)
    body = json_body(request)
    if body is None:
        raise refused(ErrorCode.LTI_INVALID_SCORE)
    grades.record_score(access.tool, item, body)
    return HttpResponse(status=204)


@service
def results(request: HttpRequest, key: uuid.UUID) -> HttpResponse:
    """GET the latest result of each learner on the line item (`user_id` for one)."""
    if request.method != "GET":
        return _not_allowed()
    access = _token(request, AGS_SCOPE + "result.readonly")
    item = grades.find_line_item(access.tool, key)
    found = grades.results(access.tool, item, request.GET.get("user_id", ""))
    return JsonResponse(
        [grades.result_json(item, score, sub) for score, sub in found],
        safe=False,
        content_type=RESULTS,
    )


@service
def memberships(request: HttpRequest, context: str) -> HttpResponse:
    """GET the course's members the tool has met (Names and Role Provisioning Services)."""
    if request.method != "GET":
        return _not_allowed()
    access = _token(request, NRPS_SCOPE)
    return JsonResponse(members.memberships(access.tool, context), content_type=MEMBERSHIPS)
