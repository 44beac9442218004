"""The staff back office for frameworks (import them as CASE files from the framework page),
target profiles and evidence."""

from __future__ import annotations

from django.contrib import admin

from praxis.competencies.models import (
    CompetencyItem,
    Evidence,
    Framework,
    TargetProfile,
    TargetRequirement,
)


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin[Framework]):
    list_display = ["title", "version", "creator", "licence"]
    search_fields = ["title"]
    readonly_fields = ["identifier", "extra"]


@admin.register(CompetencyItem)
class CompetencyItemAdmin(admin.ModelAdmin[CompetencyItem]):
    list_display = ["code", "statement", "kind", "framework"]
    list_filter = ["framework", "kind"]
    search_fields = ["code", "statement", "abbreviated"]
    list_select_related = ["framework"]
    raw_id_fields = ["parent"]


class TargetRequirementInline(admin.TabularInline[TargetRequirement, TargetProfile]):
    model = TargetRequirement
    extra = 0
    autocomplete_fields = ["item"]


@admin.register(TargetProfile)
class TargetProfileAdmin(admin.ModelAdmin[TargetProfile]):
    list_display = ["slug", "framework", "occupation"]
    inlines = [TargetRequirementInline]
    raw_id_fields = ["occupation"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin[Evidence]):
    list_display = ["learner", "item", "source", "level", "observed_at", "expires_at"]
    list_filter = ["source"]
    list_select_related = ["learner", "item"]
    raw_id_fields = ["learner", "item"]
