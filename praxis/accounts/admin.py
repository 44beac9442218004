"""The back office for people and their API tokens.

Academy staff (is_staff) see everyone and edit learners' and partners' profiles; only platform
admins (is_superuser) create or delete accounts, change e-mail addresses or passwords, and grant
roles. Django's admin log records every change, with who made it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.filters import CountryFilter
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from praxis.accounts import erasure_admin, permissions, services
from praxis.accounts.languages import spoken_language_choices
from praxis.accounts.models import (
    AccountErasure,
    ApiToken,
    LegalAcceptance,
    LegalDocument,
    LegalDocumentTranslation,
    SecurityEvent,
    SecurityEventKind,
    User,
)


def _languages_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("languages spoken"),
        choices=spoken_language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class PersonCreationForm(AdminUserCreationForm[User]):
    class Meta:
        model = User
        fields = ("email", "full_name")

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class PersonChangeForm(UserChangeForm[User]):
    languages = _languages_field()

    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


@admin.register(User)
class UserAdmin(DjangoUserAdmin[User]):
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
            # A password set by someone else ends every token and session made with the old
            # one, as a reset does.
            person = User.objects.get(pk=id)
            assert isinstance(request.user, User)
            services.record(person, SecurityEventKind.PASSWORD_RESET, by=request.user)
            services.revoke_all_api_tokens(person)
            services.end_other_sessions(person)
        return response

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        before = User.objects.filter(pk=obj.pk).values("is_staff", "is_superuser").first()
        super().save_model(request, obj, form, change)
        after = {"is_staff": obj.is_staff, "is_superuser": obj.is_superuser}
        if before is not None and before != after:
            assert isinstance(request.user, User)
            services.record(
                obj,
                SecurityEventKind.ROLE_CHANGED,
                by=request.user,
                is_staff=obj.is_staff,
                is_superuser=obj.is_superuser,
            )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        person = form.instance
        before = sorted(person.groups.values_list("name", flat=True)) if change else []
        super().save_related(request, form, formsets, change)
        after = sorted(person.groups.values_list("name", flat=True))
        if before != after:
            assert isinstance(request.user, User)
            services.record(person, SecurityEventKind.ROLE_CHANGED, by=request.user, groups=after)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
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


_Record = TypeVar("_Record", bound=Model)


# Authenticator secrets and recovery codes never show in the back office.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


class ReadOnlyAdmin(admin.ModelAdmin[_Record]):
    """Records no one edits: seen by platform admins only."""

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


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin[SecurityEvent]):
    list_display = ["created_at", "kind", "person", "by", "client_address"]
    list_select_related = ["person", "by"]
    list_filter = ["kind"]
    search_fields = ["person__email", "person__full_name", "client_address"]
    date_hierarchy = "created_at"


@admin.register(LegalAcceptance)
class LegalAcceptanceAdmin(ReadOnlyAdmin[LegalAcceptance]):
    list_display = ["accepted_at", "person", "document"]
    list_select_related = ["person", "document"]
    list_filter = ["document"]
    search_fields = ["person__email"]


class LegalDocumentTranslationInline(admin.StackedInline[LegalDocumentTranslation, LegalDocument]):
    model = LegalDocumentTranslation
    extra = 0

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return LegalDocumentAdmin.may_change(request, obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return LegalDocumentAdmin.may_change(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return LegalDocumentAdmin.may_change(request, obj)


@admin.register(LegalDocument)
class LegalDocumentAdmin(admin.ModelAdmin[LegalDocument]):
    """Academy staff write and publish versions; a version in force is never edited, since
    people accepted its words: publish a new one instead."""

    list_display = ["kind", "version", "title", "published_at"]
    list_filter = ["kind"]
    fields = ["kind", "version", "title", "body", "published_at"]
    inlines = [LegalDocumentTranslationInline]

    @staticmethod
    def _in_force(obj: LegalDocument | None) -> bool:
        return bool(obj and obj.published_at and obj.published_at <= timezone.now())

    @classmethod
    def may_change(cls, request: HttpRequest, obj: Any) -> bool:
        return permissions.manage_person.allows(request.user) and not cls._in_force(obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["kind", "version", "title", "body", "published_at"] if self._in_force(obj) else []

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.manage_person.allows(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return permissions.manage_person.allows(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.manage_person.allows(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.may_change(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccountErasure)
class AccountErasureAdmin(ReadOnlyAdmin[AccountErasure]):
    """The record of erasures: when, scheduled by whom (the person, or an admin and why)."""

    list_display = ["pk", "status", "erase_after", "finished_at", "by_admin", "erased_by", "reason"]
    list_filter = ["status", "by_admin"]
