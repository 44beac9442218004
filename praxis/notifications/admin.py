from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from praxis.notifications import delivery
from praxis.notifications.kinds import Delivery
from praxis.notifications.models import Notice, Preference


class EmailStatusFilter(admin.SimpleListFilter):
    """Where each e-mail at once stands: sent, waiting, failed and tried again, or given up."""

    title = _("e-mail")
    parameter_name = "email"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("sent", _("Sent")),
            ("retrying", _("Failed, tried again later")),
            ("failed", _("Failed, given up")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Notice]) -> QuerySet[Notice]:
        email = queryset.filter(delivery=Delivery.EMAIL)
        if self.value() == "sent":
            return email.filter(emailed_at__isnull=False)
        if self.value() == "retrying":
            return email.filter(
                emailed_at__isnull=True,
                email_attempts__gt=0,
                email_attempts__lt=delivery.MAX_ATTEMPTS,
            )
        if self.value() == "failed":
            return queryset.filter(pk__in=delivery.undelivered().values("pk"))
        return queryset


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin[Notice]):
    list_display = [
        "kind",
        "person",
        "address",
        "delivery",
        "created_at",
        "read_at",
        "emailed_at",
        "email_attempts",
        "email_error",
        "email_retry_at",
    ]
    list_filter = [EmailStatusFilter, "kind", "delivery"]
    raw_id_fields = ["person"]
    list_select_related = ["person"]
    actions = ["email_again"]

    @admin.display(description=_("e-mail address"), ordering="person__email")
    def address(self, notice: Notice) -> str:
        return notice.person.email

    @admin.action(description=_("Try the e-mail again now"))
    def email_again(self, request: HttpRequest, queryset: QuerySet[Notice]) -> None:
        due = queryset.filter(delivery=Delivery.EMAIL, emailed_at__isnull=True)
        # A notice given up gets one more attempt; its count of failures stays.
        due.filter(email_attempts__gte=delivery.MAX_ATTEMPTS).update(
            email_attempts=delivery.MAX_ATTEMPTS - 1
        )
        ids = list(due.values_list("pk", flat=True))
        sent = delivery.send_emails(ids)
        self.message_user(
            request,
            ngettext(
                "%(sent)d of %(count)d e-mail sent.",
                "%(sent)d of %(count)d e-mails sent.",
                len(ids),
            )
            % {"sent": sent, "count": len(ids)},
            messages.SUCCESS if sent == len(ids) else messages.WARNING,
        )


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin[Preference]):
    list_display = ["person", "kind", "delivery"]
    raw_id_fields = ["person"]
