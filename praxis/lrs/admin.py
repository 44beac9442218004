from django.contrib import admin

from praxis.lrs.models import Statement


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["stored", "actor_key", "verb_id", "activity_id"]
    list_filter = ["verb_id"]
    search_fields = ["actor_key", "activity_id"]
    readonly_fields = [f.name for f in Statement._meta.fields]
