"""The Learning Record Store's tables: statements and their index rows, documents, attachments,
activities and client credentials.

A statement is kept whole as stored (`data`); the columns beside it are the fields the LRS filters
on, so that no query reads the JSON. Statements are immutable once stored, except for `voided`.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Statement(models.Model):
    id = models.UUIDField(_("statement ID"), primary_key=True, default=uuid.uuid4)
    # The inverse functional identifier of the actor, e.g. "account|https://site|<uuid>".
    actor_key = models.CharField(max_length=512)
    verb_id = models.CharField(max_length=512)
    # The object when it is an Activity, an Agent/Group, or a StatementRef.
    activity_id = models.CharField(max_length=2048, blank=True)
    object_agent_key = models.CharField(max_length=512, blank=True, default="")
    object_statement_id = models.UUIDField(null=True, blank=True)
    registration = models.UUIDField(null=True, blank=True)
    # The inverse functional identifier of the authority: who vouches for the statement.
    authority_key = models.CharField(max_length=512, blank=True, default="", db_default="")
    timestamp = models.DateTimeField()
    stored = models.DateTimeField()
    voided = models.BooleanField(default=False)
    data = models.JSONField()
    # Canonical JSON of the statement as sent, to tell an idempotent re-post from a conflict.
    fingerprint = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-stored", "-id"]
        indexes = [
            models.Index(fields=["actor_key", "-stored"], name="lrs_stmt_actor_stored"),
            models.Index(fields=["verb_id", "-stored"], name="lrs_stmt_verb_stored"),
            models.Index(fields=["activity_id", "-stored"], name="lrs_stmt_activity_stored"),
            # Most statements have neither an agent as object nor a registration: these
            # indexes hold only those that do, and storing the others does not touch them.
            # A query by object agent says `object_agent_key > ''` too, which SQLite needs to
            # see written out to use the index (PostgreSQL infers it).
            models.Index(
                fields=["object_agent_key", "-stored"],
                name="lrs_stmt_objagent_stored",
                condition=models.Q(object_agent_key__gt=""),
            ),
            models.Index(
                fields=["registration", "-stored"],
                name="lrs_stmt_reg_stored",
                condition=models.Q(registration__isnull=False),
            ),
            models.Index(
                fields=["object_statement_id"],
                name="lrs_stmt_refs",
                condition=models.Q(object_statement_id__isnull=False),
            ),
            models.Index(
                fields=["actor_key", "verb_id", "-stored"], name="lrs_stmt_actor_verb_stored"
            ),
            models.Index(fields=["-stored", "-id"], name="lrs_stmt_stored_id"),
            models.Index(fields=["authority_key", "-stored"], name="lrs_stmt_authority_stored"),
        ]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return f"{self.actor_key} {self.verb_id.rsplit('/', 1)[-1]} {self.activity_id}"


class StatementRelation(models.Model):
    """An agent or activity a statement mentions beyond its actor and object (context, authority,
    sub-statement), for the related_agents and related_activities filters."""

    class Kind(models.TextChoices):
        AGENT = "g", _("agent")
        ACTIVITY = "a", _("activity")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=1, choices=Kind.choices)
    key = models.CharField(max_length=2048)
    stored = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["kind", "key", "-stored"], name="lrs_rel_key_stored")]
        verbose_name = _("statement relation")
        verbose_name_plural = _("statement relations")

    def __str__(self) -> str:
        return f"{self.statement_id} {self.kind} {self.key}"


class Attachment(models.Model):
    """Raw attachment content, shared by every statement that names its SHA-2 hash."""

    sha2 = models.CharField(max_length=128, primary_key=True)
    content_type = models.CharField(max_length=255)
    content = models.BinaryField()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.sha2


class AttachmentSender(models.Model):
    """An authority that sent the content of an attachment. A statement's attachment content is
    returned only when the statement's own authority sent it, so that knowing a hash is not
    enough to read what another client stored."""

    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="senders")
    authority_key = models.CharField(max_length=512)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attachment", "authority_key"], name="lrs_attachment_sender_unique"
            )
        ]
        verbose_name = _("attachment sender")
        verbose_name_plural = _("attachment senders")

    def __str__(self) -> str:
        return f"{self.attachment_id} {self.authority_key}"


class Document(models.Model):
    """A State, Activity Profile or Agent Profile document."""

    class Kind(models.TextChoices):
        STATE = "state", _("state")
        ACTIVITY_PROFILE = "activity_profile", _("activity profile")
        AGENT_PROFILE = "agent_profile", _("agent profile")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    activity_id = models.CharField(max_length=2048, blank=True, default="")
    agent_key = models.CharField(max_length=512, blank=True, default="")
    # "" when the document has no registration, so that the unique constraint holds.
    registration = models.CharField(max_length=36, blank=True, default="")
    document_id = models.CharField(max_length=2048)
    content_type = models.CharField(max_length=255)
    content = models.BinaryField()
    etag = models.CharField(max_length=40)
    updated = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "activity_id", "agent_key", "registration", "document_id"],
                name="lrs_document_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["kind", "activity_id", "agent_key", "updated"], name="lrs_doc_list"
            )
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.kind} {self.document_id}"


class Purpose(models.TextChoices):
    """What a reader of statements counts them for; a client may be trusted for some."""

    ANALYTICS = "analytics", _("staff analytics")
    RESEARCH = "research", _("research exports and experiments")
    COMPLETION = "completion", _("course completion")
    CREDENTIALS = "credentials", _("credentials")


class LrsClient(models.Model):
    """A credential for /xapi/: a key and a secret (kept as a keyed digest) with scopes."""

    class Scope(models.TextChoices):
        STATEMENTS_WRITE = "statements/write", _("write statements")
        STATEMENTS_READ = "statements/read", _("read all statements")
        STATEMENTS_READ_MINE = "statements/read/mine", _("read own statements")
        STATE = "state", _("state documents")
        PROFILE = "profile", _("profile documents")
        ALL_READ = "all/read", _("read everything")
        ALL = "all", _("everything")

    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(_("key"), max_length=64, unique=True)
    secret_digest = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    # The version the LRS names in its responses when a request does not say which it speaks.
    xapi_version = models.CharField(
        _("xAPI version"),
        max_length=5,
        choices=[("1.0.3", "1.0.3"), ("2.0.0", "2.0.0")],
        default="2.0.0",
    )
    active = models.BooleanField(_("active"), default=True)
    # The readers (analytics, research, …) that count this client's statements as they count
    # the platform's own; by default none do.
    trusted_for = models.JSONField(_("trusted for"), default=list, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # A launch credential (content launched for one learner) is bound: it acts only for
    # `agent_key`, within `registration` and, when set, about `activity_id`; it stops at
    # `expires`. `profile` names the rules its statements follow beyond xAPI ("cmi5").
    agent_key = models.CharField(max_length=512, blank=True, default="")
    registration = models.UUIDField(null=True, blank=True)
    activity_id = models.CharField(max_length=2048, blank=True, default="")
    expires = models.DateTimeField(_("expires"), null=True, blank=True)
    profile = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        ordering = ["name"]
        verbose_name = _("LRS client")
        verbose_name_plural = _("LRS clients")

    def __str__(self) -> str:
        return self.name

    @property
    def is_bound(self) -> bool:
        return bool(self.agent_key)


class Activity(models.Model):
    """What statements have said about an activity, merged (language maps accumulate)."""

    activity_id = models.CharField(max_length=2048, unique=True)
    definition = models.JSONField(default=dict)
    updated = models.DateTimeField()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.activity_id
