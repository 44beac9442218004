"""Organisers' pages of an event: registrants (search, filters, CSV), badges (PDF), the
check-in desk and its live attendance counts, messages to registrants, and a session's materials
and video-conference link. Each loads the event, requires `manage_event`, then calls a query or
service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import npgettext
from django.views.decorators.http import require_GET, require_http_methods

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import PraxisError
from praxis.core.pagination import paginate
from praxis.core.permissions import require
from praxis.core.refusals import show_form_errors
from praxis.events import exports, queries, services
from praxis.events.forms import (
    TIME_ZONE_COOKIE,
    BadgeForm,
    CheckInForm,
    ConferenceLinkForm,
    MaterialForm,
    MessageForm,
    NameCheckInForm,
    RegistrantFilterForm,
)
from praxis.events.models import Event, Material, Registration, Session
from praxis.events.permissions import manage_event


@dataclass(frozen=True)
class CountShown:
    """One attendance count as the organisers' pages show it: its key in the counts the page
    polls, the number, and the words after it, agreeing with the number."""

    key: str
    number: int
    label: str


def shown_counts(counts: queries.AttendanceCounts) -> list[CountShown]:
    """The attendance counts with their words, in the order the pages show them."""
    # Each context is written out: message extraction reads only literal contexts.
    present, checked_in, online = counts.present, counts.checked_in, counts.online
    return [
        CountShown(
            "present",
            present,
            npgettext("people counted at an event", "present", "present", present),
        ),
        CountShown(
            "checked_in",
            checked_in,
            npgettext(
                "people counted at an event",
                "checked in at the desk",
                "checked in at the desk",
                checked_in,
            ),
        ),
        CountShown(
            "online",
            online,
            npgettext("people counted at an event", "joined online", "joined online", online),
        ),
        CountShown(
            "confirmed",
            counts.confirmed,
            npgettext("people counted at an event", "confirmed", "confirmed", counts.confirmed),
        ),
    ]


def _managed(request: SignedInRequest, slug: str) -> Event:
    event = queries.visible_event(request.user, slug, fresh=True)
    require(manage_event, request.user, event)
    return event


@login_required
@require_GET
def registrants(request: SignedInRequest, slug: str) -> HttpResponse:
    event = _managed(request, slug)
    form = RegistrantFilterForm(request.GET or None)
    filters = form.filters()
    page = paginate(queries.registrants(event, **filters), request.GET.get("page", 1), 50)
    return render(
        request,
        "events/registrants.html",
        {
            "event": event,
            "form": form,
            "page": page,
            "filtered": bool(filters),
            "query": request.GET.urlencode(),
            "counts": shown_counts(queries.attendance_counts(event)),
            "badge_form": BadgeForm(initial={"layout": "a4"}),
        },
    )


@login_required
@require_GET
def registrants_csv(request: SignedInRequest, slug: str) -> HttpResponse:
    event = _managed(request, slug)
    filters = RegistrantFilterForm(request.GET or None).filters()
    body = exports.registrants_csv(event, queries.registrants(event, **filters))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrants.csv"'
    return response


@login_required
@require_GET
def badges(request: SignedInRequest, slug: str) -> HttpResponse:
    """Badges of the confirmed registrants matching the filters, as a PDF to print."""
    event = _managed(request, slug)
    form = BadgeForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose a badge layout."))
        return redirect(reverse("events:registrants", args=[event.slug]))
    filters = RegistrantFilterForm(request.GET).filters()
    filters["status"] = Registration.Status.CONFIRMED
    pdf = exports.badges_pdf(
        event, queries.registrants(event, **filters), form.cleaned_data["layout"]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{event.slug}-badges.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: SignedInRequest, slug: str) -> HttpResponse:
    """The check-in desk: a phone's camera reads the QR code where the browser can, the typed
    code works everywhere, and a registrant without their ticket is found by name. The counts
    at the top refresh themselves where JavaScript runs (and on every reload elsewhere)."""
    event = queries.visible_event(request.user, slug)
    require(manage_event, request.user, event)
    form = CheckInForm(request.POST if "code" in request.POST else None)
    search = NameCheckInForm(request.GET if "q" in request.GET else None)
    attendance = None
    status = 200
    if request.method == "POST":
        try:
            if "registration" in request.POST:
                attendance = services.check_in_registration(
                    request.POST["registration"], event, by=request.user
                )
            elif form.is_valid():
                attendance = services.check_in(form.cleaned_data["code"], event, by=request.user)
                form = CheckInForm()
            else:
                status = 400
        except PraxisError as error:
            if "registration" in request.POST:
                messages.error(request, str(error.message))
            else:
                form.add_error("code", str(error.message))
            status = error.status
    found = None
    if search.is_bound and search.is_valid():
        found = list(
            queries.registrants(
                event, q=search.cleaned_data["q"], status=Registration.Status.CONFIRMED
            )[:20]
        )
    return render(
        request,
        "events/check_in.html",
        {
            "event": event,
            "form": form,
            "search": search,
            "found": found,
            "attendance": attendance,
            "counts": shown_counts(queries.attendance_counts(event)),
        },
        status=status,
    )


@login_required
@require_GET
def attendance_counts(request: SignedInRequest, slug: str) -> JsonResponse:
    """The counts the check-in page polls while people arrive."""
    event = _managed(request, slug)
    shown = shown_counts(queries.attendance_counts(event))
    # The words go with the numbers: in many languages they change with the number.
    response = JsonResponse(
        {
            **{count.key: count.number for count in shown},
            "labels": {count.key: count.label for count in shown},
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def message(request: SignedInRequest, slug: str) -> HttpResponse:
    event = _managed(request, slug)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        # The form refuses with the service's own words, so a field shows one message.
        status = 400
        if form.is_valid():
            try:
                services.message_registrants(
                    event,
                    by=request.user,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    statuses=form.cleaned_data["statuses"],
                )
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                messages.success(request, _("Your message is on its way to the registrants."))
                return redirect(reverse("events:message", args=[event.slug]))
    return render(
        request,
        "events/message.html",
        {
            "event": event,
            "form": form,
            "sent": queries.messages_sent(event),
            # When each went, in the zone the organiser reads the event's times in.
            "zone": queries.viewer_zone(request.COOKIES.get(TIME_ZONE_COOKIE), event, request.user),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_manage(request: SignedInRequest, slug: str, session_uuid: UUID) -> HttpResponse:
    """A session's video-conference link, and its slides and recordings."""
    event = _managed(request, slug)
    session = get_object_or_404(
        Session.objects.select_related("event"), event=event, uuid=session_uuid
    )
    session.event = event
    link_form = ConferenceLinkForm(initial={"conference_url": session.conference_url})
    material_form = MaterialForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "link":
                link_form = ConferenceLinkForm(request.POST)
                services.set_conference_link(
                    session, request.POST.get("conference_url", ""), by=request.user
                )
                messages.success(request, _("The video-conference link is saved."))
            elif action == "material":
                material_form = MaterialForm(request.POST, request.FILES)
                services.add_material(session, by=request.user, **_posted_material(request))
                messages.success(request, _("The material is added to the session."))
            elif action == "remove":
                material = get_object_or_404(
                    Material, session=session, uuid=_as_uuid(request.POST.get("material"))
                )
                services.remove_material(material, by=request.user)
                messages.success(request, _("The material is removed."))
            else:
                raise Http404
        except PraxisError as error:
            form = link_form if action == "link" else material_form
            form.is_valid()
            show_form_errors(form, error)
            status = error.status
        else:
            return redirect(reverse("events:session_manage", args=[event.slug, session.uuid]))
    return render(
        request,
        "events/session_manage.html",
        {
            "event": event,
            "session": session,
            "materials": list(session.materials.all()),
            "link_form": link_form,
            "material_form": material_form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def material_manage(request: SignedInRequest, slug: str, material_uuid: UUID) -> HttpResponse:
    """Replace a session's material with another file or link, or remove it."""
    event = _managed(request, slug)
    material = get_object_or_404(
        Material.objects.select_related("session"), session__event=event, uuid=material_uuid
    )
    material.session.event = event
    back = reverse("events:session_manage", args=[event.slug, material.session.uuid])
    form = MaterialForm(initial={"kind": material.kind, "title": material.title})
    status = 200
    if request.method == "POST":
        form = MaterialForm(request.POST, request.FILES)
        try:
            services.replace_material(material, by=request.user, **_posted_material(request))
        except PraxisError as error:
            form.is_valid()
            show_form_errors(form, error)
            status = error.status
            material.refresh_from_db()
        else:
            messages.success(request, _("The material is replaced."))
            return redirect(back)
    return render(
        request,
        "events/material_manage.html",
        {"event": event, "material": material, "form": form, "back": back},
        status=status,
    )


class _PostedMaterial(TypedDict):
    kind: str
    title: str
    file: UploadedFile[bytes] | None
    file_name: str
    url: str


def _posted_material(request: HttpRequest) -> _PostedMaterial:
    """A material's kind, title and uploaded file or link as the organiser's form posted them,
    for adding a material or replacing one."""
    upload = request.FILES.get("file")
    return {
        "kind": request.POST.get("kind", ""),
        "title": request.POST.get("title", ""),
        "file": upload,
        "file_name": (upload.name or "") if upload else "",
        "url": request.POST.get("url", ""),
    }


def _as_uuid(value: str | None) -> UUID | None:
    try:
        return UUID(str(value))
    except ValueError:
        return None


@require_GET
def material_file(request: HttpRequest, slug: str, material_uuid: UUID) -> FileResponse:
    """An uploaded slide deck or recording, for whoever may see the event; always a download
    of the type its content showed, never sniffed again by the browser."""
    event = queries.visible_event(request.user, slug)
    material = get_object_or_404(Material, session__event=event, uuid=material_uuid)
    if not material.file:
        raise Http404
    response = FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=(material.file.name or "material").rsplit("/", 1)[-1],
        content_type=material.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
