"""The back office for people and their API tokens.

Academy staff (is_staff) see everyone and edit learners' and partners' profiles; only platform
admins (is_superuser) create or delete accounts, change e-mail addresses or passwords, and grant
roles. Django's admin log records every change, with who made it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter

from praxis.accounts import erasure_admin, permissions, services
from praxis.accounts.languages import spoken_language_choices
from praxis.accounts.models import AccountErasure, ApiToken, User


def _languages_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("languages spoken"),
        choices=spoken_language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class PersonCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class PersonChangeForm(UserChangeForm):
    languages = _languages_field()

    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = PersonChangeForm
    add_form = PersonCreationForm
    list_display = [
        "email",
        "full_name",
        "country",
        "occupation",
        "is_staff",
        "is_superuser",
        "is_active",
        "created_at",
    ]
    list_select_related = ["occupation"]
    list_filter = [
        "is_staff",
        "is_superuser",
        "is_active",
        ("email_verified_at", admin.EmptyFieldListFilter),
        "preferred_language",
        "occupation__group",
        ("country", CountryFilter),
    ]
    search_fields = ["email", "full_name", "organisation_name"]
    ordering = ["email"]
    date_hierarchy = "created_at"
    readonly_fields = ["uuid", "last_login", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["email", "password", "uuid"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "full_name",
                    "occupation",
                    "country",
                    "languages",
                    "preferred_language",
                    "organisation_name",
                    "birth_year",
                ]
            },
        ),
        (_("Status"), {"fields": ["is_active", "email_verified_at"]}),
        (
            _("Roles"),
            {"fields": ["is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "created_at", "updated_at"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "full_name", "usable_password", "password1", "password2"],
            },
        ),
    ]
    # Only platform admins touch these; staff see them read-only.
    admin_only_fields = ["email", "is_staff", "is_superuser", "groups", "user_permissions"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not permissions.administer_platform.allows(request.user):
            readonly += self.admin_only_fields
        return readonly

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.manage_person.allows(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.view_person.allows(request.user, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.manage_person.allows(request.user, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.administer_platform.allows(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.administer_platform.allows(request.user)

    def get_urls(self) -> list[Any]:
        erase = self.admin_site.admin_view(erasure_admin.erase_person)
        return [
            path("<int:person_id>/erase/", erase, name="accounts_user_erase"),
            *super().get_urls(),
        ]

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        # A person is never deleted row by row: erasure visits every app through the registry.
        return redirect("admin:accounts_user_erase", person_id=object_id)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        # Setting someone's password is taking over their account: platform admins only.
        if not permissions.administer_platform.allows(request.user):
            raise PermissionDenied
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            # A password set by someone else ends every token made with the old one, as a
            # reset does.
            person = User.objects.get(pk=id)
            services.revoke_all_api_tokens(person)
        return response


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["user"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__email"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "digest",
        "created_at",
        "updated_at",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.manage_person.allows(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.manage_person.allows(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tokens are made by their owner, who alone sees the plaintext

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead, so the record stays

    def has_revoke_permission(self, request: HttpRequest) -> bool:
        return permissions.administer_platform.allows(request.user)

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        assert isinstance(request.user, User)  # the admin site lets only staff in
        revoked = services.revoke_api_tokens_as_admin(request.user, queryset)
        for token in revoked:
            self.log_change(request, token, [{"changed": {"fields": ["revoked_at"]}}])
        count = len(revoked)
        message = ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count)
        self.message_user(request, message % {"count": count})


@admin.register(AccountErasure)
class AccountErasureAdmin(admin.ModelAdmin):
    """The record of erasures: when, scheduled by whom (the person, or an admin and why)."""

    list_display = ["pk", "status", "erase_after", "finished_at", "by_admin", "reason"]
    list_filter = ["status", "by_admin"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.administer_platform.allows(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.administer_platform.allows(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
