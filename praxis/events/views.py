"""Events pages for visitors and registrants: listing, event, timetable, registration, ticket,
calendar files and the exhibition. Thin: load, check, call, render. Organisers' pages are in
`organiser_views`, the call for abstracts in `abstract_views`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_cookie

from praxis.accounts.auth import SignedInRequest
from praxis.accounts.shared_pages import sees_the_shared_page
from praxis.core import fragments
from praxis.core.errors import PraxisError
from praxis.core.people import signed_in
from praxis.core.refusals import attempt, result_of
from praxis.core.timezones import is_zone, profile_zone
from praxis.events import calendar, queries, services
from praxis.events.forms import (
    TIME_ZONE_COOKIE,
    TIME_ZONE_COOKIE_AGE,
    CalendarForm,
    ContactForm,
    EventFilterForm,
    RegistrationForm,
    TimeZoneForm,
)
from praxis.events.models import Event, Exhibitor, Registration, Session
from praxis.events.permissions import manage_event
from praxis.events.programme_cache import (
    cached_event_calendar,
    cached_event_content,
    cached_event_list,
    cached_event_page,
    cached_programme,
    cached_registration_fields,
    cached_timetable_page,
)
from praxis.events.services.attendance import online_link_opens_at
from praxis.events.tickets import ticket_code, ticket_svg

ICS = "text/calendar; charset=utf-8"


def _zone(request: HttpRequest, event: Event | None = None) -> Any:
    return queries.viewer_zone(request.COOKIES.get(TIME_ZONE_COOKIE), event, request.user)


def _zone_name(request: HttpRequest) -> str | None:
    """The zone a list shows every event in, if the viewer chose one (page, then profile);
    else None: each event in its own zone."""
    chosen = request.COOKIES.get(TIME_ZONE_COOKIE)
    if is_zone(chosen):
        return chosen
    zone = profile_zone(request.user)
    return str(zone) if zone else None


def _event_url(event: Event) -> str:
    return reverse("events:detail", args=[event.slug])


# What the events list's results depend on besides the reader's language and zone; anything
# else in the query string is dropped, so it neither splits the kept lists nor shows.
EVENT_LIST_PARAMETERS = ("q", "type", "region", "language", "topic", "when", "online", "page")


@require_GET
@vary_on_cookie  # a signed-in person sees their own link and zone; shared caches must know
def event_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    query = fragments.normalised_query(request.GET, EVENT_LIST_PARAMETERS)
    language = get_language() or "en"
    zone = _zone_name(request)

    def listing() -> str:
        # Rendered without the request: the same HTML for everybody reading the same.
        form = EventFilterForm(query or None)
        filters = form.filters()
        page = queries.events(user, **filters, page=query.get("page", 1))
        context = {
            "form": form,
            "page": page,
            "searched": bool(filters),
            "zone": zone,
            "query": query,
            "LANGUAGE_CODE": language,
        }
        return render_to_string("events/_list.html", context)

    # Whether the reader manages any event, asked once: they then see their drafts listed, and
    # may create an event (create_event asks the same of them).
    manages = manage_event.allows(user)
    shown = cached_event_list(user, language, query, zone or "", listing, manages=manages)
    own = {}
    if signed_in(user):
        own["mine"] = format_html(
            '<p><a href="{}">{}</a></p>', reverse("events:mine"), _("My events and calendar feed")
        )
        if manages:
            own["mine"] += format_html(
                '<p><a class="button" href="{}">{}</a></p>',
                reverse("events:new"),
                _("Create an event"),
            )
    # The language switcher comes back to this list, written the one normal way.
    back = f"{request.path}?{query.urlencode()}" if query else request.path
    return render(
        request,
        "events/list.html",
        {"listing": fragments.fill_slots(shown, own), "language_next": back},
    )


def _detail_context(
    request: HttpRequest,
    event: Event,
    form: Any = None,
    taken: tuple[int, int] | None = None,
    *,
    shared_page: bool = False,
) -> dict[str, Any]:
    """The event page's context: its `content`, the part every reader sees kept, with the
    reader's own parts in its slots. `shared_page`: rendered for every visitor without a
    session, with the CSRF placeholder for a token."""
    detail = queries.event_page(request.user, event, taken)
    registration = detail.registration
    language = get_language() or "en"
    fields = None
    if form is None:
        # The same fields for every reader not registered, and for every registrant who gave
        # the same answers: rendered once, the questions read only then. Empty when the event
        # asks nothing.
        initial = {
            f"q{key}": value
            for key, value in ((registration and registration.answers) or {}).items()
        }

        def render_fields() -> str:
            questions = list(event.questions.all())
            if not questions:
                return ""
            context = {
                "form": RegistrationForm(questions, initial=initial),
                "LANGUAGE_CODE": language,
            }
            return render_to_string("components/form_fields.html", context)

        answers = "" if registration is None else repr(sorted(initial.items()))
        fields = cached_registration_fields(event, language, render_fields, answers)
    zone = _zone(request, event)
    path = request.get_full_path()

    def content() -> str:
        # Rendered without the request: the same HTML for every reader of the event in the
        # same language and zone, whatever their own state.
        shared = {
            # Without the reader's own state, which never goes into what is kept.
            "detail": replace(detail, registration=None, reviews_abstracts=False, manages=False),
            "event": event,
            "zone": zone,
            "zone_form": TimeZoneForm(event.time_zone, initial={"time_zone": str(zone)}),
            "zone_next": path,
            "LANGUAGE_CODE": language,
        }
        return render_to_string("events/_detail.html", shared)

    if request.META.get("QUERY_STRING"):
        # Kept by the address only as every visitor asks for it: other queries are not kept.
        shared_content = content()
    else:
        shared_content = cached_event_content(event, language, str(zone), path, content)
    own = {
        "detail": detail,
        "event": event,
        "form": form,
        "fields": fields,
        "zone": zone,
        "places_left": None if event.capacity is None else max(0, event.capacity - detail.held),
        "link_opens_at": online_link_opens_at(event),
        "link_open": timezone.now() >= online_link_opens_at(event),
        "can_manage": detail.manages,
        "registration_open": services.registration_open(event),
        "user": request.user,
        "LANGUAGE_CODE": language,
        **({"csrf_token": fragments.CSRF_PLACEHOLDER} if shared_page else csrf(request)),
    }
    # The reader's own parts, rendered for them alone, each in its slot of the shared page.
    values = fragments.slot_values(render_to_string("events/_detail_own.html", own))
    return {"event": event, "content": fragments.fill_slots(shared_content, values)}


@require_GET
@vary_on_cookie  # a visitor with a session sees their own registration; shared caches must know
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = queries.visible_event(request.user, slug)
    if sees_the_shared_page(request):
        # Every visitor without a session sees the same page for the same places taken; only
        # the registration form's CSRF token is theirs.
        taken = queries.places_taken(event)

        def page() -> str:
            context = _detail_context(request, event, taken=taken, shared_page=True)
            context["csrf_token"] = fragments.CSRF_PLACEHOLDER
            return render_to_string("events/detail.html", context, request)

        shared = cached_event_page(
            event, get_language() or "en", taken, services.registration_open(event), page
        )
        return fragments.kept_response(shared, request)
    return render(request, "events/detail.html", _detail_context(request, event))


@require_POST
def register(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = queries.visible_event(user, slug)
    if not signed_in(user):
        return redirect_to_login(_event_url(event))
    questions = list(event.questions.all())
    form = RegistrationForm(questions, request.POST)
    changing = services.current_registration(user, event) is not None
    try:
        if changing:
            services.update_answers(user, event, dict(request.POST.items()))
        else:
            registration = services.register(user, event, dict(request.POST.items()))
    except PraxisError as error:
        messages.error(request, str(error.message))
        for name, errors in error.fields.items():
            if name in form.fields:
                for message in errors:
                    form.add_error(name, str(message))
        context = _detail_context(request, event, form)
        return render(request, "events/detail.html", context, status=error.status)
    if changing:
        messages.success(request, _("Your answers are saved."))
    elif registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. Your ticket is below."))
    elif registration.status == Registration.Status.WAITLISTED:
        messages.info(request, _("The event is full: you are on the waiting list."))
    else:
        messages.info(request, _("Your registration awaits the organisers' approval."))
    return redirect(_event_url(event))


@require_POST
def cancel(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = queries.visible_event(user, slug)
    if not signed_in(user):
        return redirect_to_login(_event_url(event))
    attempt(
        request,
        lambda: services.cancel_registration(user, event),
        _("Your registration is cancelled."),
    )
    return redirect(_event_url(event))


def _confirmed_registration(request: HttpRequest, event: Event) -> Registration:
    registration = services.current_registration(request.user, event)
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        raise Http404
    return registration


@login_required
@require_GET
def ticket(request: HttpRequest, slug: str) -> HttpResponse:
    event = queries.visible_event(request.user, slug)
    registration = _confirmed_registration(request, event)
    return render(
        request,
        "events/ticket.html",
        {
            "event": event,
            "registration": registration,
            "code": ticket_code(registration),
            "zone": _zone(request, event),
        },
    )


@login_required
@require_GET
def ticket_qr(request: HttpRequest, slug: str) -> HttpResponse:
    event = queries.visible_event(request.user, slug)
    registration = _confirmed_registration(request, event)
    response = HttpResponse(ticket_svg(registration), content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    user = request.user
    event = queries.visible_event(user, slug)
    if not signed_in(user):
        return redirect_to_login(_event_url(event))
    url = result_of(request, lambda: services.join_online(user, event))
    return redirect(_event_url(event) if url is None else url)


@require_GET
@vary_on_cookie  # a registrant or organiser sees the calls' links; shared caches must know
def timetable(request: HttpRequest, slug: str) -> HttpResponse:
    event = queries.visible_event(request.user, slug)
    zone = _zone(request, event)
    registration = services.current_registration(request.user, event)
    can_manage = manage_event.allows(request.user, event)
    # The video-conference links are for confirmed registrants (and organisers) only.
    show_links = can_manage or (
        registration is not None and registration.status == Registration.Status.CONFIRMED
    )

    def grid() -> str:
        days = queries.timetable(event, zone)
        context = {
            "event": event,
            "grid": queries.programme_grid(days),
            "zone": zone,
            "show_links": show_links,
            "can_manage": can_manage,
        }
        return render_to_string("events/_programme.html", context, request)

    view = (get_language() or "", str(zone), str(show_links), str(can_manage))

    def page(shared: bool = False) -> str:
        context = {
            "event": event,
            "programme": cached_programme(event, view, grid),
            "zone_form": TimeZoneForm(event.time_zone, initial={"time_zone": str(zone)}),
            "can_manage": can_manage,
        }
        if shared:
            context["csrf_token"] = fragments.CSRF_PLACEHOLDER
        return render_to_string("events/timetable.html", context, request)

    if sees_the_shared_page(request):
        # Every visitor without a session sees the same page, in the event's own zone.
        shared = cached_timetable_page(event, view, lambda: page(shared=True))
        return fragments.kept_response(shared, request)
    return HttpResponse(page())


@require_GET
def set_time_zone(request: HttpRequest) -> HttpResponse:
    """Remember, in a cookie, the zone the visitor wants times shown in, and go back.

    A GET form, like the language switcher: shared pages then carry no per-visitor token."""
    chosen = request.GET.get("time_zone", "")[:64]
    form = TimeZoneForm(data={"time_zone": chosen})
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("events:list")
    response = redirect(target)
    if form.is_valid():
        response.set_cookie(
            TIME_ZONE_COOKIE,
            form.cleaned_data["time_zone"],
            max_age=TIME_ZONE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    else:
        messages.error(request, _("Choose a time zone from the list."))
    return response


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = queries.visible_event(request.user, slug)
    return _calendar_response(calendar.event_calendar(event), f"{event.slug}.ics")


@require_GET
def session_ics(request: HttpRequest, slug: str, session_uuid: UUID) -> HttpResponse:
    event = queries.visible_event(request.user, slug)
    session = get_object_or_404(
        Session.objects.select_related("room", "event"), event=event, uuid=session_uuid
    )
    return _calendar_response(calendar.session_calendar(session), f"session-{session.uuid}.ics")


@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    found = queries.feed_events(token)
    if found is None:
        raise Http404
    person, events = found
    name = _("%(name)s: events") % {"name": person.full_name}
    return _calendar_response(calendar.personal_calendar(name, events), "my-events.ics")


@login_required
@require_GET
def my_events(request: SignedInRequest) -> HttpResponse:
    token = services.calendar_feed_token(request.user)
    feed_url = request.build_absolute_uri(reverse("events:personal_feed", args=[token]))
    return render(
        request,
        "events/my_events.html",
        {
            "registrations": queries.my_events(request.user),
            "feed_url": feed_url,
            "zone": _zone_name(request),
        },
    )


@require_GET
@vary_on_cookie  # a signed-in person sees the calendar in their own zone; shared caches must know
def calendar_page(request: HttpRequest) -> HttpResponse:
    """Events by month or week, in the viewer's zone; a list of days on a phone."""
    form = CalendarForm(request.GET or None)
    zone = _zone(request)
    today = timezone.now().astimezone(zone).date()
    span, around = "month", today
    if form.is_bound and form.is_valid():
        span = form.cleaned_data["span"] or "month"
        around = form.cleaned_data["date"] or today
    language = get_language() or "en"

    def content() -> str:
        # Rendered without the request: the same HTML for everybody seeing the same days.
        view = queries.calendar_view(request.user, zone, around=around, span=span)
        context = {
            "view": view,
            "span": span,
            "form": CalendarForm(initial={"span": span, "date": around.isoformat()}),
            "zone": zone,
            "zone_form": TimeZoneForm(initial={"time_zone": str(zone)}),
            # The zone form comes back to these days, written the one normal way.
            "zone_next": f"{request.path}?{urlencode({'span': span, 'date': around})}",
            "today": today,
            "weekdays": [week_day.day for week_day in view.weeks[0]],
            "LANGUAGE_CODE": language,
        }
        return render_to_string("events/_calendar.html", context)

    shown = cached_event_calendar(
        request.user, language, str(zone), span, around.isoformat(), today.isoformat(), content
    )
    return render(request, "events/calendar.html", {"calendar": shown})


@require_GET
def exhibition(request: HttpRequest, slug: str) -> HttpResponse:
    event = queries.visible_event(request.user, slug)
    return render(
        request, "events/exhibition.html", {"event": event, "exhibitors": queries.exhibitors(event)}
    )


@require_http_methods(["GET", "POST"])
def booth(request: HttpRequest, slug: str, exhibitor_id: int) -> HttpResponse:
    user = request.user
    event = queries.visible_event(user, slug)
    exhibitor = get_object_or_404(
        Exhibitor.objects.select_related("organisation"), pk=exhibitor_id, event=event
    )
    form = ContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not signed_in(user):
            return redirect_to_login(request.get_full_path())
        try:
            services.contact_exhibitor(user, exhibitor, request.POST.get("message", ""))
        except PraxisError as error:
            messages.error(request, str(error.message))
            status = error.status
        else:
            messages.success(request, _("Your message is sent."))
            return redirect(reverse("events:booth", args=[event.slug, exhibitor.pk]))
    return render(
        request,
        "events/booth.html",
        {"event": event, "exhibitor": exhibitor, "form": form},
        status=status,
    )
