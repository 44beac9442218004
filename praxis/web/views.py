"""The site shell: home page, the pattern library, language switching, the site's icon and
robots.txt."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie

from praxis.accounts import data_saver
from praxis.accounts.shared_pages import sees_the_shared_page
from praxis.core import fragments
from praxis.core.health import readiness
from praxis.core.permissions import require
from praxis.web import front_door
from praxis.web.design_tokens import colour_tokens
from praxis.web.forms import SampleForm
from praxis.web.permissions import view_design_system


@require_GET
@vary_on_cookie  # a signed-in person sees their own; shared caches must know
def home(request: HttpRequest) -> HttpResponse:
    """The front door: what Praxis offers, live, for a visitor; where to go next for a
    signed-in person."""
    if sees_the_shared_page(request):
        page = front_door.visitors_home(
            get_language() or "en",
            lambda: render_to_string(
                "web/home.html", {"home": front_door.home_for(request.user)}, request
            ),
        )
        return fragments.kept_response(page, request)
    return render(request, "web/home.html", {"home": front_door.home_for(request.user)})


@require_GET
def design(request: HttpRequest) -> HttpResponse:
    """The pattern library: every component of the design system, for the staff who build
    pages."""
    require(view_design_system, request.user)
    return render(
        request,
        "web/design.html",
        {
            "sample_moment": front_door.sample_moment(),
            "sample_number": 1234567.5,
            "form": SampleForm(data={}),
            "tokens": [name for name in colour_tokens() if name != "bg"],
        },
    )


ICON = Path(__file__).parent / "static" / "praxis" / "favicon.ico"


@cache
def _icon() -> bytes:
    return ICON.read_bytes()


@require_GET
@cache_control(public=True, max_age=7 * 24 * 3600)
def favicon(request: HttpRequest) -> HttpResponse:
    """The site's icon where browsers ask for it before reading a page (the pages link the
    same file under /static/)."""
    return HttpResponse(_icon(), content_type="image/x-icon")


# What search engines may crawl: the public pages; not the back office, the APIs, sign-in and
# account pages, or drafts in authoring.
ROBOTS = """User-agent: *
Disallow: /admin/
Disallow: /api/
Disallow: /xapi/
Disallow: /accounts/
Disallow: /authoring/
"""


@require_GET
@cache_control(public=True, max_age=24 * 3600)
def robots(request: HttpRequest) -> HttpResponse:
    """robots.txt: crawlers welcome on the public pages (courses, events, communities,
    credential verification), kept out of the rest."""
    return HttpResponse(ROBOTS, content_type="text/plain; charset=utf-8")


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers (it asks no dependency; `/readyz` does). Also the
    cheapest page, the ceiling in benchmarks."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness for load balancers: each dependency this deployment uses, ok or not; 503
    unless all are ok, so that a machine that cannot serve is taken out of rotation."""
    ready, report = readiness()
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": report},
        status=200 if ready else 503,
    )


def _back_to(request: HttpRequest) -> str:
    """The page to go back to: a path of this site (never another host: no open redirect)."""
    back = request.GET.get("next", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return back


@never_cache
@require_GET
def choose_language(request: HttpRequest) -> HttpResponse:
    """Remember the visitor's language in a cookie and go back to the page they were on.

    A GET form, so that pages carry no per-visitor CSRF token for it and can be served to every
    visitor from one cache; a language choice is all it changes. It only ever goes back to a
    path of this site (never another host: no open redirect)."""
    response = HttpResponseRedirect(_back_to(request))
    language = request.GET.get("language", "")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


@never_cache
@require_GET
def choose_data_saver(request: HttpRequest) -> HttpResponse:
    """Turn the data saver on or off in this browser (a cookie) and go back to the page.

    A GET form like the language choice, for visitors too; a signed-in person's own setting
    is in their profile. Anything but "on" or "off" changes nothing."""
    response = HttpResponseRedirect(_back_to(request))
    choice = request.GET.get("data_saver", "")
    if choice == "on":
        response.set_cookie(
            data_saver.DATA_SAVER_COOKIE,
            "on",
            max_age=data_saver.DATA_SAVER_COOKIE_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    elif choice == "off":
        response.delete_cookie(data_saver.DATA_SAVER_COOKIE, samesite="Lax")
    return response
