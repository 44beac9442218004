from django.contrib import admin

from praxis.notifications.models import Notice, Preference


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin[Notice]):
    list_display = ["kind", "person", "delivery", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "delivery"]
    raw_id_fields = ["person"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin[Preference]):
    list_display = ["person", "kind", "delivery"]
    raw_id_fields = ["person"]
