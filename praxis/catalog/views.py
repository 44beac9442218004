"""Catalogue, course, lesson and "My learning" pages. Thin: load, check, call, render."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_cookie

from praxis.accounts import data_saver
from praxis.accounts.auth import SignedInRequest
from praxis.accounts.shared_pages import sees_the_shared_page
from praxis.catalog import external_tools, listing, media_views, packaged, queries, services
from praxis.catalog import page as course_page
from praxis.catalog.cache import cached_course_html, cached_html
from praxis.catalog.forms import FILTERS, CatalogueForm
from praxis.catalog.models import Course, Lesson, LessonFile
from praxis.catalog.permissions import enrol_in_course
from praxis.catalog.updates import course_updates
from praxis.core import fragments
from praxis.core.errors import ErrorCode, NotAuthenticated, PraxisError
from praxis.core.languages import readers_of
from praxis.core.people import signed_in
from praxis.core.permissions import is_staff
from praxis.core.refusals import attempt

# What the catalogue's results depend on besides the visitor's language; anything else in the
# query string (tracking parameters, say) is dropped, so it neither splits the cache nor shows.
CATALOGUE_PARAMETERS = (*FILTERS, "page")
# Courses on one catalogue page: few enough that the page stays within the 60 KB budget even
# when a browser fetches every card's thumbnail at once (how far ahead it loads lazy images
# depends on the connection it estimates).
CATALOGUE_PAGE_SIZE = 12


@require_GET
@vary_on_cookie  # a visitor with a session sees their own header; shared caches must know
def catalogue(request: HttpRequest) -> HttpResponse:
    language = get_language() or "en"
    query = fragments.normalised_query(request.GET, CATALOGUE_PARAMETERS)
    if sees_the_shared_page(request, query=True):
        return fragments.kept_response(
            cached_html("catalogue-page", language, query, lambda: _page(request, query)), request
        )
    return HttpResponse(_page(request, query))


def _page(request: HttpRequest, query: QueryDict) -> str:
    language = get_language() or "en"
    readers = readers_of(request.user)
    # Cached per interface language and order of reading languages: visitors sharing both
    # share the page.
    held = {"data_saver": data_saver.is_on(request), "data_saver_shown": ""}
    if held["data_saver"] and data_saver.shown(request):
        # One image asked for: this page is nobody else's.
        held["data_saver_shown"] = data_saver.shown(request)
        results = mark_safe(_catalogue_results(language, readers, query, held))  # noqa: S308  # escaped by the templates
    else:
        results = cached_html(
            "catalogue-saver" if held["data_saver"] else "catalogue",
            ",".join([language, *readers]),
            query,
            lambda: _catalogue_results(language, readers, query, held),
        )
    # The language switcher comes back to this search, written the one normal way.
    back = f"{request.path}?{query.urlencode()}" if query else request.path
    return render_to_string(
        "catalog/catalogue.html", {"results": results, "language_next": back}, request
    )


def _catalogue_results(
    language: str, readers: list[str], query: QueryDict, held: dict[str, Any]
) -> str:
    # Rendered without the request: the same HTML is served to every visitor reading the same.
    choices = listing.filter_choices()
    form = CatalogueForm(
        query or None,
        topics=choices["topics"],
        organisations=choices["organisations"],
        languages=choices["languages"],
    )
    filters = form.filters()
    page = listing.catalogue(
        readers, **filters, page=query.get("page", 1), size=CATALOGUE_PAGE_SIZE
    )
    return render_to_string(
        "catalog/_catalogue.html",
        {
            "form": form,
            "page": page,
            "searched": any(filters.values()),
            "suggestion": listing.suggestion(str(filters.get("q") or "")),
            "query": query,
            "LANGUAGE_CODE": language,
            **held,
        },
    )


@require_GET
@vary_on_cookie  # a visitor with a session sees their own enrolment; shared caches must know
def course(request: HttpRequest, slug: str) -> HttpResponse:
    if sees_the_shared_page(request):
        # Every visitor without a session sees the same page, found by its address alone while
        # no course page changes; only the enrol form's CSRF token is theirs.
        shown = queries.visitors_course(slug)
        if shown is not None:
            page = cached_course_html(
                shown.pk,
                [get_language() or "en"],
                lambda: _course_page(request, shown, {"csrf_token": fragments.CSRF_PLACEHOLDER}),
            )
            return fragments.kept_response(page, request)
    return HttpResponse(_course_page(request, queries.visible_course(request.user, slug)))


def _course_page(request: HttpRequest, found: Course, shared: dict[str, str] | None = None) -> str:
    user = request.user
    detail = queries.course_detail(user, found, about=False)
    services.note_current_enrolment(user, found, detail.enrolment)  # for the links of other apps
    updates = course_updates(detail.enrolment, detail.progress)
    # The same for every reader of the language: rendered once per version of the course; the
    # reader's own part goes in its slots.
    before, after = course_page.shared_parts(
        request, found, detail.modules, linked=detail.enrolment is not None or is_staff(user)
    )
    return render_to_string(
        "catalog/course.html",
        {
            "detail": detail,
            "course": detail.course,
            "shared_before": before,
            "shared_after": fragments.fill_slots(
                after, course_page.lesson_states(detail.progress, updates)
            ),
            "can_enrol": detail.enrolment is None
            and (not signed_in(user) or enrol_in_course.allows(user, found)),
            "links": [*queries.course_links(user, found), *course_page.shared_links(found)],
            "updates": updates,
            **(shared or {}),
        },
        request,
    )


def _course_url(course: Course) -> str:
    return reverse("catalog:course", args=[course.slug])


def _lesson_url(course: Course, lesson: Lesson) -> str:
    return reverse("catalog:lesson", args=[course.slug, lesson.uuid])


@require_POST
def enrol(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    found = queries.visible_course(user, slug)
    if not signed_in(user):
        return redirect_to_login(_course_url(found))
    attempt(
        request,
        lambda: services.enrol(user, found),
        _("You are enrolled. Start with the first lesson when ready."),
    )
    return redirect(_course_url(found))


@require_POST
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    found = queries.visible_course(user, slug)
    if not signed_in(user):
        return redirect_to_login(_course_url(found))
    attempt(
        request,
        lambda: services.withdraw(user, found),
        _("You have left this course. Your progress is kept if you come back."),
    )
    return redirect(_course_url(found))


@require_GET
def lesson(request: HttpRequest, slug: str, lesson_uuid: UUID) -> HttpResponse:
    found = queries.visible_course(request.user, slug)
    item = queries.find_lesson(found, lesson_uuid)
    # Read once for the whole page: opening the lesson, the notice of changes, the package
    # player and the links other parts of the site offer.
    enrolment = queries.current_enrolment(request.user, found)
    services.note_current_enrolment(request.user, found, enrolment)
    preview = is_staff(request.user) and enrolment is None
    # The learner's progress, read once for opening the lesson and for the page (opening it
    # completes nothing).
    opened = None
    if enrolment is not None and signed_in(request.user):
        opened = queries.lessons_opened(request.user, found)
    if not preview:
        try:
            services.open_lesson(
                request.user,
                item,
                enrolment=enrolment,
                opened=None if opened is None else opened.get(item.pk),
            )
        except NotAuthenticated:
            return redirect_to_login(request.get_full_path())
        except PraxisError as error:
            if error.code != ErrorCode.NOT_ENROLLED:
                raise
            messages.info(request, str(error.message))
            return redirect(_course_url(found))
    if not signed_in(request.user):  # open_lesson refused visitors; previews are by staff
        return redirect_to_login(request.get_full_path())
    page = queries.lesson_page(request.user, found, item, enrolment, opened)
    content = queries.lesson_shown_to(request.user, item)
    updates = None if preview else course_updates(enrolment, page.progress)
    package_player = packaged.player_url(enrolment, item) if enrolment else None
    own = {
        "preview": preview,
        "updates": updates,
        "links": queries.lesson_links(request.user, found, item),
        "package_player": package_player,
    }

    def player() -> Any:
        return media_views.lesson_player(found, item, content, request.GET.get("recording"))

    response = render(
        request,
        "catalog/lesson.html",
        {
            "page": page,
            "content": content,
            "lesson_html": course_page.lesson_html(request, page, content, player, own),
        },
    )
    if package_player:
        response.headers["Content-Security-Policy"] = packaged.frame_policy()
    elif item.tool_link is not None:
        response.headers["Content-Security-Policy"] = external_tools.form_policy(item.tool_link)
    return response


@require_POST
def launch_tool(request: HttpRequest, slug: str, lesson_uuid: UUID) -> HttpResponse:
    """Open the lesson's external tool: the learner goes to the tool's OIDC login initiation."""
    found = queries.visible_course(request.user, slug)
    item = queries.find_lesson(found, lesson_uuid)
    if not signed_in(request.user):
        return redirect_to_login(reverse("catalog:lesson", args=[found.slug, item.uuid]))
    enrolment = services.require_enrolment(request.user, found)
    services.open_lesson(request.user, item)
    return redirect(external_tools.launch_url(enrolment, item))


@require_POST
def updates_seen(request: HttpRequest, slug: str) -> HttpResponse:
    """The learner's "Got it" on the notice of what changed in the course."""
    user = request.user
    found = queries.visible_course(user, slug)
    if not signed_in(user):
        return redirect_to_login(_course_url(found))
    attempt(
        request,
        lambda: services.mark_updates_seen(user, found, request.POST.get("version")),
    )
    # Back to the page the notice was on, if it is one of this course's pages.
    back = request.POST.get("next", "")
    if not (
        back.startswith(_course_url(found))
        and url_has_allowed_host_and_scheme(back, allowed_hosts=None)
    ):
        back = _course_url(found)
    return redirect(back)


@require_POST
def complete_lesson(request: HttpRequest, slug: str, lesson_uuid: UUID) -> HttpResponse:
    user = request.user
    found = queries.visible_course(user, slug)
    item = queries.find_lesson(found, lesson_uuid)
    if not signed_in(user):
        return redirect_to_login(_lesson_url(found, item))
    started = timezone.now()
    if not attempt(request, lambda: services.complete_lesson(user, item)):
        return redirect(_course_url(found))
    # Completed by this request, not earlier: the completion time is after it started.
    after = services.current_enrolment(user, found)
    if after is not None and after.completed_at is not None and after.completed_at >= started:
        messages.success(request, _("Well done: you have completed this course."))
    following = queries.lesson_after(user, found, item)
    if following is not None:
        return redirect(_lesson_url(found, following))
    return redirect(_course_url(found))


@require_GET
def lesson_file(
    request: HttpRequest, slug: str, lesson_uuid: UUID, file_id: int
) -> HttpResponseBase:
    user = request.user
    found = queries.visible_course(user, slug)
    item = queries.find_lesson(found, lesson_uuid)
    if not is_staff(user) and services.current_enrolment(user, found) is None:
        if not signed_in(user):
            return redirect_to_login(request.get_full_path())
        messages.info(request, _("Enrol in this course to download its files."))
        return redirect(_course_url(found))
    attachment = get_object_or_404(LessonFile, pk=file_id, lesson=item)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=PurePath(attachment.file.name or "file").name,
    )


@login_required
@require_GET
def my_learning(request: SignedInRequest) -> HttpResponse:
    return render(
        request, "catalog/my_learning.html", {"learning": queries.my_learning(request.user)}
    )
