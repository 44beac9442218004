from django.contrib import admin

from praxis.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "country"]
    list_filter = ["type"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
