"""The events back office: events with their tracks, rooms, questions; sessions with clash
checks; registrations to approve; abstracts to decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import PraxisError
from praxis.core.people import Person
from praxis.events import services
from praxis.events.models import (
    Abstract,
    Event,
    Exhibitor,
    Question,
    Registration,
    Room,
    Session,
    Speaker,
    Track,
    Venue,
)
from praxis.events.services.programme import check_session


class TrackInline(admin.TabularInline[Track, Event]):
    model = Track
    extra = 0
    filter_horizontal = ["reviewers"]


class RoomInline(admin.TabularInline[Room, Event]):
    model = Room
    extra = 0


class QuestionInline(admin.TabularInline[Question, Event]):
    model = Question
    extra = 0


class ExhibitorInline(admin.TabularInline[Exhibitor, Event]):
    model = Exhibitor
    extra = 0


class EventAdminForm(forms.ModelForm[Event]):
    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        # These name the events' own pages (/events/new/, /events/calendar/...): an event at
        # one of them could never be opened.
        if slug in services.RESERVED_SLUGS:
            raise ValidationError(_("This address is taken by a page of the events."))
        return slug


@admin.register(Event)
class EventAdmin(admin.ModelAdmin[Event]):
    form = EventAdminForm
    list_display = ["title", "type", "format", "starts_at", "status", "language", "region"]
    list_filter = ["type", "format", "status", "language", "region"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["co_organisers", "topics"]
    inlines = [TrackInline, RoomInline, QuestionInline, ExhibitorInline]
    # An online link typed without its scheme is taken as https, as Django 6 will by default.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request: HttpRequest, obj: Event, form: Any, change: bool) -> None:
        """Save, then tell the registrants if the event was cancelled or moved to other times."""
        before = (
            Event.objects.filter(pk=obj.pk).values("starts_at", "ends_at", "status").first()
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        if before is not None:
            told = services.announce_event_change(
                obj,
                by=cast(Person, request.user),  # the back office is for people signed in
                was_starting_at=before["starts_at"],
                was_ending_at=before["ends_at"],
                was_status=before["status"],
            )
            if told:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d registrant is told of the change.",
                        "%(count)d registrants are told of the change.",
                        told,
                    )
                    % {"count": told},
                )


class SessionForm(forms.ModelForm[Session]):
    class Meta:
        model = Session
        fields = [
            "event",
            "title",
            "kind",
            "description",
            "track",
            "room",
            "starts_at",
            "ends_at",
            "speakers",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        event, starts_at, ends_at = data.get("event"), data.get("starts_at"), data.get("ends_at")
        if event and starts_at and ends_at:
            try:
                check_session(
                    event,
                    starts_at,
                    ends_at,
                    room=data.get("room"),
                    speakers=data.get("speakers") or [],
                    session=self.instance if self.instance.pk else None,
                )
            except PraxisError as error:
                raise ValidationError(str(error.message), code=str(error.code)) from error
        return data


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin[Session]):
    form = SessionForm
    list_display = ["title", "event", "starts_at", "room", "track"]
    list_filter = ["event"]
    search_fields = ["title"]
    filter_horizontal = ["speakers"]


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin[Speaker]):
    list_display = ["name", "organisation_name", "event"]
    search_fields = ["name"]
    raw_id_fields = ["person"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin[Registration]):
    list_display = ["person", "event", "status", "created_at"]
    list_filter = ["status", "event"]
    search_fields = ["person__email", "person__full_name"]
    raw_id_fields = ["person"]
    actions = ["approve"]

    @admin.action(description=_("Approve the selected registrations"))
    def approve(self, request: SignedInRequest, queryset: QuerySet[Registration]) -> None:
        for registration in queryset.filter(status=Registration.Status.PENDING):
            services.approve_registration(registration, by=request.user)
        self.message_user(request, _("Approved."), messages.SUCCESS)


@admin.register(Abstract)
class AbstractAdmin(admin.ModelAdmin[Abstract]):
    list_display = ["title", "event", "track", "status"]
    list_filter = ["status", "event"]
    search_fields = ["title"]
    raw_id_fields = ["submitter", "session"]
    actions = ["accept", "accept_as_poster", "reject"]

    def _decide(
        self, request: SignedInRequest, queryset: QuerySet[Abstract], decision: str
    ) -> None:
        for abstract in queryset.select_related("event"):
            services.decide_abstract(abstract, decision, by=request.user)
        self.message_user(request, _("Decided; the submitters are told by e-mail."))

    @admin.action(description=_("Accept"))
    def accept(self, request: SignedInRequest, queryset: QuerySet[Abstract]) -> None:
        self._decide(request, queryset, Abstract.Status.ACCEPTED)

    @admin.action(description=_("Accept as a poster"))
    def accept_as_poster(self, request: SignedInRequest, queryset: QuerySet[Abstract]) -> None:
        self._decide(request, queryset, Abstract.Status.POSTER)

    @admin.action(description=_("Reject"))
    def reject(self, request: SignedInRequest, queryset: QuerySet[Abstract]) -> None:
        self._decide(request, queryset, Abstract.Status.REJECTED)


class VenueRoomInline(admin.TabularInline[Room, Venue]):
    model = Room
    fk_name = "venue"
    fields = ["name", "position"]
    extra = 0


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin[Venue]):
    """Venues and their rooms, which the events held there share."""

    list_display = ["name", "address", "organisation"]
    search_fields = ["name", "address"]
    inlines = [VenueRoomInline]
