"""Notices to one person, and how each person wants each kind of notice delivered."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.notifications.kinds import Delivery, text_of

USER = settings.AUTH_USER_MODEL


class Notice(models.Model):
    """Something that concerns one person, shown in the app until read. Its text is rendered
    from its kind and parameters when read, in the reader's language."""

    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=500, blank=True)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Failed sends of an e-mail at once: how many, the last error, when to try again (none once
    # given up). Staff see them in the admin.
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=200, blank=True)
    email_retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "read_at"], name="notice_person_unread"),
            models.Index(fields=["delivery", "emailed_at"], name="notice_delivery_due"),
            models.Index(fields=["link", "kind"], name="notice_about"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.person_id}"

    @property
    def text(self) -> str:
        return text_of(self.kind, self.params)


class Preference(models.Model):
    """A person's choice of delivery for one kind; without one, the kind's default holds."""

    person = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=60)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.kind} {self.delivery}"
