from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from praxis.credentials.models import (
    Achievement,
    AchievementCredit,
    CpdActivity,
    Credential,
    CreditSystem,
    SigningKey,
)


@admin.register(CreditSystem)
class CreditSystemAdmin(admin.ModelAdmin[CreditSystem]):
    list_display = ["name", "code", "unit", "credits_per_hour", "step", "rounding", "daily_cap"]


class AchievementCreditInline(admin.TabularInline[AchievementCredit, Achievement]):
    model = AchievementCredit
    extra = 0


@admin.register(Achievement)
class AchievementAdmin(admin.ModelAdmin[Achievement]):
    list_display = ["name", "kind", "hours", "source"]
    list_filter = ["kind"]
    search_fields = ["name", "source"]
    filter_horizontal = ["organisations"]
    inlines = [AchievementCreditInline]


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin[Credential]):
    """Read-only: a signed credential never changes; revoke or suspend it on its page."""

    list_display = ["achievement", "learner", "issued_at", "revoked_at", "suspended_at"]
    list_filter = ["issued_at"]
    search_fields = ["uuid", "learner__email", "achievement__name"]
    list_select_related = ["achievement", "learner"]
    readonly_fields = [field.name for field in Credential._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: holders' copies keep being checked against its status


@admin.register(CpdActivity)
class CpdActivityAdmin(admin.ModelAdmin[CpdActivity]):
    list_display = ["title", "learner", "system", "credits", "date", "self_reported"]
    list_filter = ["system", "self_reported"]
    list_select_related = ["learner", "system"]
    raw_id_fields = ["learner", "credential"]


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin[SigningKey]):
    """Keys are made and rotated with management commands, never edited here."""

    list_display = ["key_id", "created_at", "retired_at"]
    fields = ("key_id", "created_at", "retired_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
