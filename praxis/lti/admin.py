from django.contrib import admin
from django.http import HttpRequest

from praxis.lti.models import (
    LineItem,
    Platform,
    PlatformAccount,
    PlatformKey,
    ResourceLink,
    Score,
    Tool,
)


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin[Tool]):
    list_display = ["name", "organisation", "client_id", "deployment_id", "active"]
    list_filter = ["active"]
    search_fields = ["name", "client_id"]
    readonly_fields = ["uuid", "created_by"]


@admin.register(ResourceLink)
class ResourceLinkAdmin(admin.ModelAdmin[ResourceLink]):
    list_display = ["title", "tool", "pass_mark"]
    readonly_fields = ["uuid"]


@admin.register(LineItem)
class LineItemAdmin(admin.ModelAdmin[LineItem]):
    list_display = ["label", "tool", "context_id", "score_maximum", "by_tool"]
    readonly_fields = ["uuid"]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin[Score]):
    list_display = ["line_item", "learner", "score_given", "score_maximum", "grading_progress"]
    raw_id_fields = ["learner"]


@admin.register(PlatformKey)
class PlatformKeyAdmin(admin.ModelAdmin[PlatformKey]):
    """Retiring the current key takes it out of the key set; the next launch makes a new one."""

    list_display = ["kid", "created_at", "retired_at"]
    fields = ["kid", "public_pem", "created_at", "retired_at"]
    readonly_fields = ["kid", "public_pem", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Platform)
class PlatformAdmin(admin.ModelAdmin[Platform]):
    """Learning platforms launching Praxis courses; switching one off refuses its launches and
    stops sending it scores."""

    list_display = ["name", "issuer", "client_id", "organisation", "active"]
    list_filter = ["active"]
    search_fields = ["name", "issuer", "client_id"]
    readonly_fields = ["uuid", "created_by"]


@admin.register(PlatformAccount)
class PlatformAccountAdmin(admin.ModelAdmin[PlatformAccount]):
    list_display = ["issuer", "sub", "learner", "created_at"]
    search_fields = ["issuer", "sub"]
    raw_id_fields = ["learner"]
    readonly_fields = ["platform", "issuer", "sub", "learner"]
