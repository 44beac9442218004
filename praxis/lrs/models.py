"""The statement table: every learning event in the ecosystem, as xAPI.

The full statement is kept as sent (`data`); the columns beside it are the indexed fields the
LRS filters on. Statements are immutable once stored.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Statement(models.Model):
    id = models.UUIDField(_("statement ID"), primary_key=True, default=uuid.uuid4)
    # An inverse functional identifier of the actor, e.g. "account|https://site|<uuid>".
    actor_key = models.CharField(max_length=512, db_index=True)
    verb_id = models.CharField(max_length=512, db_index=True)
    activity_id = models.CharField(max_length=2048, blank=True, db_index=True)
    registration = models.UUIDField(null=True, blank=True, db_index=True)
    timestamp = models.DateTimeField()
    stored = models.DateTimeField(db_index=True)
    voided = models.BooleanField(default=False)
    data = models.JSONField()

    class Meta:
        ordering = ["-stored", "-id"]
        indexes = [models.Index(fields=["actor_key", "-stored"], name="lrs_stmt_actor_stored")]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return f"{self.actor_key} {self.verb_id.rsplit('/', 1)[-1]} {self.activity_id}"
