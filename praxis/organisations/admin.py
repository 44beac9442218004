from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from praxis.accounts.auth import SignedInRequest
from praxis.core.errors import PraxisError
from praxis.organisations import services
from praxis.organisations.models import (
    CollaboratingCentre,
    Invitation,
    Membership,
    Network,
    NetworkMember,
    Organisation,
    Partnership,
    PartnershipDocument,
    PartnershipEvent,
    term_end,
)


class CentreInline(admin.StackedInline[CollaboratingCentre, Organisation]):
    model = CollaboratingCentre
    extra = 0
    readonly_fields = ["expires_on"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "type", "country"]
    list_filter = ["type"]
    search_fields = ["name", "short_name", "collaborating_centre__reference_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CentreInline]
    # A logo is checked, encoded afresh and renamed by services.set_logo: upload it on the
    # organisation's own "Manage" page, never as a raw file here.
    readonly_fields = ["logo"]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # The term's end follows from the dates; it is never typed in.
        for centre in formset.save(commit=False):
            centre.expires_on = term_end(centre.designated_on, centre.redesignated_on)
            centre.save()
        for gone in formset.deleted_objects:
            gone.delete()
        formset.save_m2m()


class EventInline(admin.TabularInline[PartnershipEvent, Partnership]):
    model = PartnershipEvent
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "at", "note"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DocumentInline(admin.TabularInline[PartnershipDocument, Partnership]):
    model = PartnershipDocument
    extra = 0


def _mover(status: str, label: Any) -> Any:
    def move(admin_: Any, request: SignedInRequest, queryset: QuerySet[Partnership]) -> None:
        for partnership in queryset:
            try:
                services.move_partnership(partnership, status, request.user)
            except PraxisError as error:
                admin_.message_user(request, f"{partnership}: {error.message}", messages.ERROR)

    move.short_description = label  # type: ignore[attr-defined]  # the admin reads an action's label here
    move.__name__ = f"move_to_{status}"
    return move


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin[Partnership]):
    list_display = ["title", "organisation", "other_organisation", "type", "status"]
    list_filter = ["type", "status"]
    readonly_fields = ["status"]
    inlines = [DocumentInline, EventInline]
    actions = [_mover(value, label) for value, label in Partnership.Status.choices]


class NetworkMemberInline(admin.TabularInline[NetworkMember, Network]):
    model = NetworkMember
    extra = 0


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin[Network]):
    list_display = ["name", "lead"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [NetworkMemberInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["user", "organisation", "role", "status", "listed"]
    list_filter = ["role", "status"]
    search_fields = ["user__email", "organisation__name"]
    raw_id_fields = ["user", "decided_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin[Invitation]):
    list_display = ["email", "organisation", "role", "expires_at", "accepted_at"]
    readonly_fields = ["expires_at", "accepted_at", "accepted_by", "invited_by"]


@admin.register(CollaboratingCentre)
class CollaboratingCentreAdmin(admin.ModelAdmin[CollaboratingCentre]):
    list_display = ["reference_number", "organisation", "expires_on"]
    search_fields = ["reference_number", "title", "organisation__name"]
    readonly_fields = ["expires_on"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.expires_on = term_end(obj.designated_on, obj.redesignated_on)
        super().save_model(request, obj, form, change)
