from django.contrib import admin

from praxis.reference.models import Occupation, RegionMembership


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin[Occupation]):
    list_display = ["isco08", "title", "group"]
    list_filter = ["group"]


@admin.register(RegionMembership)
class RegionMembershipAdmin(admin.ModelAdmin[RegionMembership]):
    list_display = ["country", "iso3", "region", "valid_from", "valid_to"]
    list_filter = ["region"]
