import secrets
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from praxis.lrs.models import LrsClient, Purpose, Statement
from praxis.lrs.services.clients import secret_digest


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin[Statement]):
    list_display = ["stored", "actor_key", "verb_id", "activity_id", "voided"]
    list_filter = ["verb_id"]
    search_fields = ["actor_key", "activity_id"]
    readonly_fields = [f.name for f in Statement._meta.fields]
    show_full_result_count = False


class LrsClientForm(forms.ModelForm[LrsClient]):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=LrsClient.Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    trusted_for = forms.MultipleChoiceField(
        label=_("trusted for"),
        choices=Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Readers that count this client's statements as they count the platform's."),
    )

    class Meta:
        model = LrsClient
        fields = ["name", "scopes", "trusted_for", "active"]


@admin.register(LrsClient)
class LrsClientAdmin(admin.ModelAdmin[LrsClient]):
    form = LrsClientForm
    list_display = ["name", "key", "active", "profile", "expires", "created"]
    list_filter = ["active", "profile"]
    readonly_fields = ["key", "created", "agent_key", "registration", "activity_id", "expires"]
    search_fields = ["name", "key"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            secret = secrets.token_urlsafe(32)
            obj.key = secrets.token_urlsafe(16)
            obj.secret_digest = secret_digest(secret)
            messages.warning(
                request,
                _("Key: %(key)s — secret: %(secret)s. Copy the secret now; it is not shown again.")
                % {"key": obj.key, "secret": secret},
            )
        super().save_model(request, obj, form, change)
