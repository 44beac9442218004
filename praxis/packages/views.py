"""The package origin: the player page, the package's own files, and the SCORM commit endpoint.

These answer only on PACKAGE_ORIGIN's host, never on the site's own, so that a package's
scripts run where the learner's session cookie is not sent and cannot be read. The launch
credential in the path says who is learning what; it is all these views trust.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from praxis.core.errors import ErrorCode, PraxisError
from praxis.packages import runtime
from praxis.packages.archive import safe_name
from praxis.packages.launch import Launch, read_launch
from praxis.packages.models import Package
from praxis.packages.storage import package_storage


def _on_package_origin(request: HttpRequest) -> None:
    if request.get_host() != urlsplit(settings.PACKAGE_ORIGIN).netloc:
        raise Http404


def _launch(request: HttpRequest, token: str) -> tuple[Launch, Package]:
    _on_package_origin(request)
    launch = read_launch(token)
    package = Package.objects.filter(pk=launch.package).first()
    if package is None:
        raise Http404
    return launch, package


def _private(response: HttpResponseBase, policy: str) -> HttpResponseBase:
    response.headers["Content-Security-Policy"] = policy
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@xframe_options_exempt
@require_GET
def player(request: HttpRequest, token: str) -> HttpResponseBase:
    launch, package = _launch(request, token)
    if not package.is_playable or not package.scos:
        raise Http404
    scos = package.scos
    identifier = request.GET.get("sco") or str(scos[0]["identifier"])
    sco = runtime.find_sco(package, identifier)
    state, sequence = runtime.resume_state(launch, identifier)
    position = [str(s["identifier"]) for s in scos].index(identifier)
    config: dict[str, Any] = {
        "kind": package.kind,
        "sco": identifier,
        "scos": [str(s["identifier"]) for s in scos],
        "position": position,
        "state": state,
        "sequence": sequence,
        "playerUrl": reverse("packages:player", args=[token]),
        "commitUrl": reverse("packages:commit", args=[token, identifier]),
        "launchUrl": reverse("packages:content", args=[token, str(sco["launch"]).split("?")[0]])
        + _query(str(sco["launch"]), str(sco.get("parameters") or "")),
    }
    # The package's origin has none of the site's cookies: the launch says the learner's language.
    interface = launch.interface if translation.check_for_language(launch.interface) else None
    with translation.override(interface or settings.LANGUAGE_CODE):
        response = render(
            request,
            "packages/player.html",
            {"package": package, "sco": sco, "scos": scos, "position": position, "config": config},
        )
    return _private(
        response,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "frame-src 'self'; object-src 'none'; base-uri 'none'; "
        f"frame-ancestors {settings.SITE_URL}",
    )


def _query(launch: str, parameters: str) -> str:
    """The launch file's own query, then the item's parameters (as SCORM's content packaging
    says: "?" or "&" as the query needs)."""
    query = launch.split("?", 1)[1] if "?" in launch else ""
    parameters = parameters.lstrip("?&")
    joined = "&".join(part for part in (query, parameters) if part)
    return f"?{joined}" if joined else ""


@xframe_options_exempt
@require_GET
def content(request: HttpRequest, token: str, path: str) -> HttpResponseBase:
    package = _launch(request, token)[1]
    clean = safe_name(path)
    if clean is None or clean != posixpath.normpath(path):
        raise Http404
    storage = package_storage()
    name = f"{package.uuid}/{clean}"
    if not storage.exists(name):
        raise Http404
    media_type, _encoding = mimetypes.guess_type(clean)
    response = FileResponse(
        storage.open(name, "rb"), content_type=media_type or "application/octet-stream"
    )
    # The package does what it does (its own requests included); it is only kept in its frame.
    # (frame-ancestors names every frame above, the site's lesson page included.)
    return _private(response, f"frame-ancestors 'self' {settings.SITE_URL}")


def _scorm_answer(ok: bool, status: int = 200, error: PraxisError | None = None) -> JsonResponse:
    body: dict[str, Any] = {"result": "true" if ok else "false", "errorCode": 0 if ok else 101}
    if error is not None:
        body.update(error.as_dict())
    return JsonResponse(body, status=status)


@csrf_exempt
@require_POST
def commit(request: HttpRequest, token: str, sco: str) -> HttpResponse:
    try:
        launch, _package = _launch(request, token)
        try:
            body = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError) as error:
            raise PraxisError(ErrorCode.MALFORMED_BODY, _("The commit is not JSON.")) from error
        if not isinstance(body, dict):
            raise PraxisError(ErrorCode.MALFORMED_BODY, _("The commit is not a JSON object."))
        runtime.commit(launch, sco, body.get("cmi"), body.get("sequence"))
    except PraxisError as error:
        return _scorm_answer(False, error.status, error)
    return _scorm_answer(True)
