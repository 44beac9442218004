"""External tools launched by LTI 1.3, and what their launches and grade services leave.

A `Tool` is a partner's registration; a `ResourceLink` is one placement of a tool in a lesson.
A `Launch` is one learner's start of a link, waiting for the tool's authentication request and
then spent; a `Subject` is the stable, per-tool pseudonym a learner is known by; line items and
scores are the Assignment and Grade Services' records.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from praxis.core.models import TimeStampedModel
from praxis.organisations.models import Organisation


def new_client_id() -> str:
    return secrets.token_urlsafe(18)


def new_deployment_id() -> str:
    return uuid.uuid4().hex


class RegisteredParty(TimeStampedModel):
    """What Praxis keeps of each party it exchanges LTI 1.3 messages with, as a platform (a
    tool) or as a tool (a platform): its name, the key that checks its messages (a key set's
    address or a PEM key), whether it is switched on, and who registered it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    jwks_url = models.URLField(_("JWKS URL"), max_length=1000, blank=True)
    public_key = models.TextField(_("public key (PEM)"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tool(RegisteredParty):
    """An external tool registered with Praxis as its LTI 1.3 platform."""

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lti_tools",
        help_text=_("The partner whose authors may use the tool; none: the academy's own."),
    )
    client_id = models.CharField(_("client id"), max_length=255, unique=True, default=new_client_id)
    deployment_id = models.CharField(_("deployment id"), max_length=255, default=new_deployment_id)
    login_url = models.URLField(_("OIDC login initiation URL"), max_length=1000)
    target_link_uri = models.URLField(_("launch URL"), max_length=1000)
    redirect_uris = models.JSONField(_("redirect URLs"), default=list)
    share_name = models.BooleanField(_("send the learner's name"), default=False)
    share_email = models.BooleanField(_("send the learner's e-mail address"), default=False)

    class Meta(RegisteredParty.Meta):
        verbose_name = _("external tool")
        verbose_name_plural = _("external tools")


class PlatformKey(models.Model):
    """One of Praxis's RSA keys signing id_tokens; the newest is current, all stay published
    in the JWKS until retired. The private key is stored encrypted."""

    kid = models.CharField(max_length=64, unique=True)
    public_pem = models.TextField()
    private_encrypted = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("LTI platform key")

    def __str__(self) -> str:
        return self.kid


class ResourceLink(TimeStampedModel):
    """A tool placed in a lesson: where it opens, with what custom parameters, and the share of
    the maximum score that completes the lesson."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tool = models.ForeignKey(Tool, on_delete=models.PROTECT, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("launch URL"), max_length=1000, blank=True)
    custom = models.JSONField(_("custom parameters"), default=dict, blank=True)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=80)

    class Meta:
        verbose_name = _("resource link")

    def __str__(self) -> str:
        return self.title

    @property
    def target_link_uri(self) -> str:
        return self.url or self.tool.target_link_uri


class Subject(models.Model):
    """The `sub` a tool knows a learner by: random, stable, different for each tool."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="subjects")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_subjects"
    )
    sub = models.CharField(max_length=64, default=new_deployment_id)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tool", "learner"], name="lti_subject_once"),
            models.UniqueConstraint(fields=["tool", "sub"], name="lti_subject_sub_once"),
        ]

    def __str__(self) -> str:
        return self.sub


class Launch(models.Model):
    """A person's start of a tool: a resource link opened by a learner, or a deep linking
    request by an author choosing content. Its UUID is the `lti_message_hint`; the tool's
    authentication request spends it once, naming the `nonce` the id_token carries."""

    class Kind(models.TextChoices):
        RESOURCE_LINK = "LtiResourceLinkRequest", _("resource link")
        DEEP_LINKING = "LtiDeepLinkingRequest", _("deep linking")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.RESOURCE_LINK)
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="launches")
    link = models.ForeignKey(
        ResourceLink, null=True, blank=True, on_delete=models.CASCADE, related_name="launches"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_launches"
    )
    # Where the tool was opened: a lesson's UUID and its course as the LTI context (for deep
    # linking, the draft module's key and the draft).
    subject = models.UUIDField()
    context = models.JSONField(default=dict)
    roles = models.JSONField(default=list)
    locale = models.CharField(max_length=35, blank=True)
    # The lesson for a resource link; where the tool returns its content for deep linking.
    return_url = models.URLField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)
    nonce = models.CharField(max_length=255, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["tool", "nonce"],
                condition=~models.Q(nonce=""),
                name="lti_launch_nonce_once",
            )
        ]

    def __str__(self) -> str:
        return str(self.uuid)


class UsedAssertion(models.Model):
    """A tool's client assertion already exchanged for a token: its `jti` cannot serve twice."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="+")
    jti = models.CharField(max_length=255)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tool", "jti"], name="lti_assertion_once")]

    def __str__(self) -> str:
        return self.jti


class LineItem(TimeStampedModel):
    """A gradebook column of a tool in one context (a course). The one a launch creates for
    its resource link is the link's own; a score on it can complete the lesson."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="line_items")
    context_id = models.CharField(max_length=255, db_index=True)
    link = models.ForeignKey(
        ResourceLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="line_items"
    )
    label = models.CharField(max_length=255)
    score_maximum = models.FloatField()
    resource_id = models.CharField(max_length=255, blank=True)
    tag = models.CharField(max_length=255, blank=True)
    start_at = models.DateTimeField(null=True, blank=True)
    end_at = models.DateTimeField(null=True, blank=True)
    by_tool = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.label


class Score(TimeStampedModel):
    """A learner's latest score on a line item, as the tool last posted it."""

    line_item = models.ForeignKey(LineItem, on_delete=models.CASCADE, related_name="scores")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_scores"
    )
    score_given = models.FloatField(null=True, blank=True)
    score_maximum = models.FloatField(null=True, blank=True)
    comment = models.TextField(blank=True)
    activity_progress = models.CharField(max_length=20)
    grading_progress = models.CharField(max_length=20)
    timestamp = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["line_item", "learner"], name="lti_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.line_item}"


class Platform(RegisteredParty):
    """A learning platform (Moodle, Canvas…) registered to launch Praxis courses: Praxis is
    its LTI 1.3 tool. Its messages are checked with its key set (or PEM key); scores go back
    through its token URL."""

    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lti_platforms",
        help_text=_("The partner whose platform it is, if any."),
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    client_id = models.CharField(_("client id"), max_length=255)
    auth_url = models.URLField(_("OIDC authentication request URL"), max_length=1000)
    token_url = models.URLField(_("access token URL"), max_length=1000)
    deployment_ids = models.JSONField(_("deployment ids"), default=list)

    class Meta(RegisteredParty.Meta):
        verbose_name = _("learning platform")
        verbose_name_plural = _("learning platforms")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "client_id"], name="lti_platform_client_once")
        ]


class PlatformAccount(models.Model):
    """The Praxis account a platform's user (`sub` under its issuer) is, made at their first
    launch; never an existing account matched by e-mail address."""

    platform = models.ForeignKey(
        Platform, null=True, on_delete=models.SET_NULL, related_name="accounts"
    )
    issuer = models.CharField(max_length=255)
    sub = models.CharField(max_length=255)
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_platform_accounts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "sub"], name="lti_platform_sub_once")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} · {self.sub}"


class PlatformLogin(models.Model):
    """A login a platform initiated: its `state` (bound to the browser by a cookie) and the
    `nonce` its id_token must carry, each spent once."""

    platform = models.ForeignKey(Platform, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=64, unique=True)
    nonce = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.state


class PlatformEnrolment(TimeStampedModel):
    """A learner launched into a course from a platform's resource link, with the platform's
    line item their progress in the course is posted to (Assignment and Grade Services)."""

    account = models.ForeignKey(PlatformAccount, on_delete=models.CASCADE, related_name="links")
    course = models.UUIDField(db_index=True)
    resource_link_id = models.CharField(max_length=255)
    deployment_id = models.CharField(max_length=255)
    lineitem = models.URLField(max_length=1000, blank=True)
    scopes = models.JSONField(default=list)
    # The progress to post (share of lessons done, and whether the course is completed), and
    # when it was last posted.
    percent = models.PositiveSmallIntegerField(default=0)
    completed = models.BooleanField(default=False)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    sent_completed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["account", "course", "resource_link_id"], name="lti_platform_link_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.account} · {self.course}"
