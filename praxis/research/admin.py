from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from praxis.research.models import (
    ConsentRecord,
    ConsentText,
    Decision,
    Experiment,
    Export,
    Project,
    Variant,
)


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin[ConsentText]):
    list_display = ["version", "language", "title", "created_at"]
    list_filter = ["language"]


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin[ConsentRecord]):
    """Read-only: consent records are evidence and are never edited."""

    list_display = ["learner", "granted", "version", "language", "recorded_at"]
    list_filter = ["granted", "version"]
    raw_id_fields = ["learner"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class DecisionInline(admin.TabularInline[Decision, Project]):
    model = Decision
    extra = 0
    readonly_fields = ["status", "by", "note", "decided_at"]
    can_delete = False


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin[Project]):
    list_display = ["title", "principal_investigator", "status", "ethics_expires_on"]
    list_filter = ["status"]
    # Decided by officers through the service, as part of the request: not edited here.
    readonly_fields = ["status", "conditions", "columns"]
    raw_id_fields = ["principal_investigator", "members"]
    inlines = [DecisionInline]


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin[Export]):
    """The export log, read-only: who exported what, and when and why its files were deleted.
    Every member of staff may read it."""

    list_display = [
        "project",
        "requested_by",
        "status",
        "rows",
        "learners",
        "created_at",
        "files_deleted_at",
        "files_deleted_reason",
    ]
    list_filter = ["status", "files_deleted_reason"]
    readonly_fields = [f.name for f in Export._meta.fields]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class VariantInline(admin.TabularInline[Variant, Experiment]):
    model = Variant
    extra = 0
    raw_id_fields = ["lesson"]


@admin.register(Experiment)
class ExperimentAdmin(admin.ModelAdmin[Experiment]):
    list_display = ["title", "course", "status", "started_at"]
    list_filter = ["status"]
    raw_id_fields = ["course", "lesson"]
    readonly_fields = ["status", "started_at", "stopped_at"]
    inlines = [VariantInline]
