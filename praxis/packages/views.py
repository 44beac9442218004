"""The package origin: the player page, the package's own files, and the SCORM commit endpoint.

These answer only on PACKAGE_ORIGIN's host, never on the site's own, so that a package's
scripts run where the learner's session cookie is not sent and cannot be read. The launch
credential in the path says who is learning what; it is all these views trust.
"""

from __future__ import annotations

import mimetypes
import posixpath
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praxis.core.errors import ErrorCode, PayloadTooLarge, PraxisError
from praxis.core.json_input import strict_json
from praxis.packages import cmi5, h5p, navigation, runtime, tincan
from praxis.packages.archive import safe_name
from praxis.packages.content_pages import PageWithStorageScript
from praxis.packages.launch import Launch, read_launch
from praxis.packages.models import Attempt, Package
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
    if package.kind in {Package.Kind.CMI5, Package.Kind.XAPI}:
        return _launcher(request, launch, package, token)
    if package.kind == Package.Kind.H5P:
        return _h5p_player(request, launch, package, token)
    scos = package.scos
    identifier = request.GET.get("sco") or str(scos[0]["identifier"])
    sco = runtime.find_sco(package, identifier)
    state, sequence = runtime.resume_state(launch, identifier)
    position = [str(s["identifier"]) for s in scos].index(identifier)
    tree = navigation.tree_of(package)
    choices = navigation.choices(tree, identifier)
    config: dict[str, Any] = {
        "kind": package.kind,
        "sco": identifier,
        "scos": [str(s["identifier"]) for s in scos],
        "position": position,
        "state": state,
        "sequence": sequence,
        "playerUrl": reverse("packages:player", args=[token]),
        "commitUrl": reverse("packages:commit", args=[token, identifier]),
        "navigateUrl": reverse("packages:navigate", args=[token, identifier]),
        "navigation": choices.as_json(),
        "launchUrl": reverse("packages:content", args=[token, str(sco["launch"]).split("?")[0]])
        + _query(str(sco["launch"]), str(sco.get("parameters") or "")),
    }
    with _learners_language(launch):
        response = render(
            request,
            "packages/player.html",
            {
                "package": package,
                "sco": sco,
                "parts": [
                    {**part, "chosen": part["identifier"] in choices.choice} for part in scos
                ],
                "position": position,
                "next": choices.next_sco,
                "previous": choices.previous_sco,
                "config": config,
            },
        )
    return _private(response, PLAYER_POLICY + f"frame-ancestors {settings.SITE_URL}")


def _learners_language(launch: Launch) -> translation.override:
    """The package's origin has none of the site's cookies: the launch says the learner's
    interface language."""
    known = translation.check_for_language(launch.interface)
    return translation.override(launch.interface if known else settings.LANGUAGE_CODE)


PLAYER_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; "
)


# H5P content builds its markup with inline styles. H5P's core writes the content's frame with
# one inline script (handing it H5PIntegration), allowed by its hash: the one of the pinned
# h5p-standalone (the browser test fails on any script the policy blocks).
H5P_FRAME_SCRIPT = "'sha256-8CniZYrnO46q7MvZ3m08Wom1HH/ZhyXmm29kBKTV1rk='"
H5P_POLICY = (
    f"default-src 'self'; script-src 'self' {H5P_FRAME_SCRIPT}; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; media-src 'self' blob:; font-src 'self' data:; "
    "frame-src 'self'; object-src 'none'; base-uri 'none'; "
)


H5P_SAVE_SECONDS = 10


def _h5p_player(
    request: HttpRequest, launch: Launch, package: Package, token: str
) -> HttpResponseBase:
    """The H5P player (h5p-standalone) reading the package's files from this origin; a new
    session each time, whose statements the player posts back here."""
    session = h5p.open_session(launch, package)
    # H5P fills in the data type and part it reads or writes.
    user_data_url = reverse(
        "packages:h5p_user_data", args=[token, str(session.uuid), ":dataType", ":subContentId"]
    )
    config = {
        "options": {
            "h5pJsonPath": reverse("packages:content", args=[token, "h5p.json"]).rsplit("/", 1)[0],
            "frameJs": static("packages/vendor/h5p/frame.bundle.js"),
            "frameCss": static("packages/vendor/h5p/styles/h5p.css"),
            "xAPIObjectIRI": h5p.content_activity_id(package),
            "icon": False,
            "fullScreen": True,
            # Saved state: H5P saves it every SAVE_SECONDS, 3 s after the content says it
            # progressed or completed, and the player page when it is left. H5P saves only
            # for a signed-in user: it is told of one, nameless (the server knows who).
            "saveFreq": H5P_SAVE_SECONDS,
            "user": {"name": "", "mail": ""},
            "contentUserData": h5p.preloaded_user_data(launch),
            "ajax": {"contentUserDataUrl": user_data_url},
        },
        "statementsUrl": reverse("packages:h5p_statements", args=[token, str(session.uuid)]),
        "userDataUrl": user_data_url,
    }
    with _learners_language(launch):
        response = render(request, "packages/h5p.html", {"package": package, "config": config})
    return _private(response, H5P_POLICY + f"frame-ancestors {settings.SITE_URL}")


@csrf_exempt
@require_POST
def h5p_statement(request: HttpRequest, token: str, session: str) -> JsonResponse:
    """One xAPI statement the H5P content said: stored as the learner's (`{"id": …}`), or
    refused with the error's code and status."""
    try:
        launch, _package = _launch(request, token)
    except PraxisError as error:
        return JsonResponse(error.as_dict(), status=error.status)
    with _learners_language(launch):
        try:
            try:
                said = strict_json(request.body or b"null")
            except RequestDataTooBig as error:
                raise PayloadTooLarge(
                    ErrorCode.PAYLOAD_TOO_LARGE, _("The statement is too large.")
                ) from error
            except ValueError as error:
                raise PraxisError(
                    ErrorCode.MALFORMED_BODY, _("The statement is not JSON.")
                ) from error
            statement_id = h5p.record_statement(launch, session, said)
        except PraxisError as error:
            return JsonResponse(error.as_dict(), status=error.status)
    return JsonResponse({"id": statement_id})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def h5p_user_data(
    request: HttpRequest, token: str, session: str, data_type: str, part: str
) -> JsonResponse:
    """H5P's `contentUserData`: GET what the content saved as `data_type` of its part `part`
    (`{"success": true, "data": …}`, data false when nothing is saved); POST it as a form's
    `data` (H5P's), with `preload`. A refusal answers `{"success": false, "message": …}` with
    the error's code and status, as H5P and the API read it."""
    try:
        launch, _package = _launch(request, token)
    except PraxisError as error:
        return _user_data_refused(error)
    with _learners_language(launch):
        try:
            if request.method == "GET":
                data = h5p.read_user_data(launch, session, data_type, part)
                return JsonResponse({"success": True, "data": data or False})
            try:
                sent = request.POST
            except RequestDataTooBig as error:
                raise PayloadTooLarge(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    _("The content's saved state is too large to keep."),
                ) from error
            h5p.save_user_data(
                launch,
                session,
                data_type,
                part,
                sent.get("data", ""),
                preload=sent.get("preload", "1") != "0",
            )
        except PraxisError as error:
            return _user_data_refused(error)
    return JsonResponse({"success": True})


def _user_data_refused(error: PraxisError) -> JsonResponse:
    return JsonResponse(
        {"success": False, "message": str(error.message), **error.as_dict()}, status=error.status
    )


def _statement_refused(request: HttpRequest, message: str) -> HttpResponse:
    """Input no database can store (nested too deep, a NUL), refused before the view runs."""
    body = {"error": {"code": str(ErrorCode.INVALID_INPUT), "message": message, "fields": {}}}
    return JsonResponse(body, status=400)


h5p_statement.render_bad_input = _statement_refused  # type: ignore[attr-defined]  # read by the input guard
h5p_user_data.render_bad_input = _statement_refused  # type: ignore[attr-defined]  # read by the input guard


def _launcher(
    request: HttpRequest, launch: Launch, package: Package, token: str
) -> HttpResponseBase:
    """The units of a cmi5 or xAPI package, each with its state and a button that launches
    it in this frame (the AU's returnURL brings the learner back here)."""
    attempts = {
        attempt.sco: attempt
        for attempt in Attempt.objects.filter(
            learner_id=launch.learner, package=package, subject=launch.subject_uuid
        )
    }
    units = [
        {
            "title": unit.get("title") or unit.get("identifier"),
            "position": position,
            "done": attempts.get(str(unit["identifier"])) is not None
            and attempts[str(unit["identifier"])].completed_at is not None,
            # cmi5 8.1: an AU that needs its own window gets one, never this frame.
            "own_window": unit.get("launch_method") == "OwnWindow",
        }
        for position, unit in enumerate(package.launchables)
    ]
    with _learners_language(launch):
        response = render(
            request,
            "packages/launcher.html",
            {"package": package, "units": units, "token": token},
        )
    return _private(response, PLAYER_POLICY + f"frame-ancestors {settings.SITE_URL}")


@xframe_options_exempt
@csrf_exempt
@require_POST
def launch_unit(request: HttpRequest, token: str, position: int) -> HttpResponseBase:
    """Launch a cmi5 AU or an xAPI activity in this frame: a new session, then the unit."""
    launch, package = _launch(request, token)
    units = package.launchables
    if not 0 <= position < len(units):
        raise Http404
    identifier = str(units[position]["identifier"])
    if package.kind == Package.Kind.CMI5:
        url = cmi5.launch_au(launch, identifier)
    elif package.kind == Package.Kind.XAPI:
        url = tincan.launch_activity(launch, identifier)
    else:
        raise Http404
    response = HttpResponseRedirect(url, status=303)
    return _private(response, "frame-ancestors 'self' " + settings.SITE_URL)


@csrf_exempt
def cmi5_fetch(request: HttpRequest, fetch: str) -> HttpResponse:
    """The fetch URL of a cmi5 launch (POST only): the auth-token once, then the cmi5 error
    JSON, always with status 200 as cmi5 8.2.2 asks; another method is refused with 405."""
    _on_package_origin(request)
    if request.method != "POST":
        refusal = cmi5.FetchRefused("3", _("The fetch URL takes POST only."))
        response = JsonResponse(refusal.as_json(), status=405)
        response["Allow"] = "POST"
        return response
    try:
        answer: dict[str, str] = {"auth-token": cmi5.fetch_token(fetch)}
    except cmi5.FetchRefused as refusal:
        answer = refusal.as_json()
    response = JsonResponse(answer)
    response["Cache-Control"] = "no-store"
    return response


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
    response: HttpResponseBase
    if media_type == "text/html":
        page = PageWithStorageScript(storage.open(name, "rb"))
        response = StreamingHttpResponse(page, content_type=media_type)
        response.headers["Content-Length"] = str(storage.size(name) + len(page.added))
    else:
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
            body = strict_json(request.body or b"null")
        except ValueError as error:
            raise PraxisError(ErrorCode.MALFORMED_BODY, _("The commit is not JSON.")) from error
        if not isinstance(body, dict):
            raise PraxisError(ErrorCode.MALFORMED_BODY, _("The commit is not a JSON object."))
        runtime.commit(launch, sco, body.get("cmi"), body.get("sequence"))
    except PraxisError as error:
        return _scorm_answer(False, error.status, error)
    return _scorm_answer(True)


@require_GET
def navigate(request: HttpRequest, token: str, sco: str) -> JsonResponse:
    """Where the navigation request `?request=` made from the SCO `sco` leads: the player URL
    of the SCO to open, or `leave`. A request that is not valid now is answered 409 (and
    malformed input 400); either way nothing changes."""
    try:
        launch, package = _launch(request, token)
    except PraxisError as error:
        return JsonResponse({"valid": False, **error.as_dict()}, status=error.status)
    if package.kind not in {Package.Kind.SCORM_12, Package.Kind.SCORM_2004}:
        raise Http404
    with _learners_language(launch):
        try:
            runtime.find_sco(package, sco)
            asked = navigation.parse(request.GET.get("request"))
            outcome = navigation.navigate(navigation.tree_of(package), sco, asked)
        except PraxisError as error:
            return JsonResponse({"valid": False, **error.as_dict()}, status=error.status)
    answer: dict[str, Any] = {"valid": True, "leave": outcome.leave}
    if outcome.sco:
        answer["sco"] = outcome.sco
        query = urlencode({"sco": outcome.sco})
        answer["url"] = f"{reverse('packages:player', args=[token])}?{query}"
    response = JsonResponse(answer)
    response["Cache-Control"] = "private, no-store"
    return response
