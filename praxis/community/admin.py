"""The staff back office for communities: create and describe communities, appoint moderators,
read the moderation log. Posts are moderated on the site, where every action is logged and
shown to the member; here they are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from praxis.community import search
from praxis.community.models import Community, Membership, ModerationAction, Post, Resource


class ModeratorInline(admin.TabularInline[Membership, Community]):
    model = Membership
    extra = 0
    fields = ["user", "role", "status", "suspended_until"]
    raw_id_fields = ["user"]
    verbose_name_plural = _("moderators")

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).filter(role=Membership.Role.MODERATOR)


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin[Community]):
    list_display = ["name", "kind", "access", "member_count", "thread_count"]
    list_filter = ["kind", "access"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["course"]
    readonly_fields = ["member_count", "thread_count"]
    inlines = [ModeratorInline]

    def save_model(self, request: HttpRequest, obj: Community, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        search.index_community(obj)


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin[ModerationAction]):
    list_display = ["created_at", "community", "moderator", "kind", "member", "reason"]
    list_filter = ["kind", "community"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin[Post]):
    list_display = ["thread", "author", "position", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["body"]
    raw_id_fields = ["thread", "author"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin[Resource]):
    list_display = ["title", "community", "language", "status"]
    list_filter = ["status", "language"]
    search_fields = ["title", "description"]
    raw_id_fields = ["contributed_by", "community"]
    readonly_fields = ["status"]
