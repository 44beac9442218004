"""Registering a learning platform (an LMS) that launches Praxis courses, and the addresses its
administrator enters to register Praxis as a tool. Staff only."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator, model_validator

from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.core.inputs import Location, Message, Refusal, parse
from praxis.core.people import Person
from praxis.core.permissions import Rule, is_staff, require
from praxis.lti.claims import absolute
from praxis.lti.inputs import checked_url
from praxis.lti.keys import read_public_key
from praxis.lti.models import Platform
from praxis.organisations.models import Organisation

__all__ = ["PlatformRegistration", "manage_platforms", "register_platform", "tool_addresses"]

manage_platforms: Rule[None] = Rule("lti.manage_platforms", check=lambda user, _: is_staff(user))

PLATFORM_MESSAGES: dict[str, Message] = {
    "name": _("Give the platform a name of at most 200 characters."),
    "issuer": _("Enter the platform's issuer (an https address, at most 255 characters)."),
    "client_id": _("Enter the client id the platform gave Praxis (at most 255 characters)."),
    "auth_url": _("Enter the platform's OIDC authentication request URL (https)."),
    "token_url": _("Enter the platform's access token URL (https)."),
    "jwks_url": _("Enter the URL of the platform's key set (https)."),
    "public_key": _("Paste the platform's RSA public key in PEM form."),
    "deployment_ids": _(
        "Enter one to twenty deployment ids, one a line, each at most 255 characters."
    ),
    "organisation": _("Choose an organisation."),
    "active": _("Say whether launches from the platform are accepted."),
}


def describe_platform(location: Location) -> tuple[str, Message]:
    name = str(location[0]) if location else "__all__"
    return name, PLATFORM_MESSAGES.get(name, _("Enter a valid value."))


class PlatformRegistration(BaseModel):
    """What `register_platform` takes."""

    model_config = ConfigDict(extra="forbid")

    name: StrictStr
    organisation: StrictStr | None = Field(None, max_length=80)
    issuer: StrictStr = Field(max_length=255)
    client_id: StrictStr = Field(max_length=255)
    auth_url: StrictStr
    token_url: StrictStr
    jwks_url: StrictStr = ""
    public_key: StrictStr = Field("", max_length=10_000)
    deployment_ids: list[StrictStr] = Field(default_factory=list)
    active: bool = True

    @field_validator("organisation", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value in ("", None) else value

    @field_validator("name", "client_id")
    @classmethod
    def _text(cls, value: str, info: Any) -> str:
        longest = 200 if info.field_name == "name" else 255
        if not value.strip() or len(value.strip()) > longest:
            raise Refusal(PLATFORM_MESSAGES[info.field_name])
        return value.strip()

    @field_validator("issuer")
    @classmethod
    def _issuer(cls, value: str) -> str:
        try:
            return checked_url(value, "jwks_url")
        except Refusal as error:
            raise Refusal(PLATFORM_MESSAGES["issuer"]) from error

    @field_validator("auth_url", "token_url")
    @classmethod
    def _url(cls, value: str, info: Any) -> str:
        try:
            return checked_url(value, "jwks_url")
        except Refusal as error:
            raise Refusal(PLATFORM_MESSAGES[info.field_name]) from error

    @field_validator("jwks_url")
    @classmethod
    def _jwks(cls, value: str) -> str:
        if not value.strip():
            return ""
        try:
            return checked_url(value, "jwks_url")
        except Refusal as error:
            raise Refusal(PLATFORM_MESSAGES["jwks_url"]) from error

    @field_validator("deployment_ids", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [line.strip() for line in value.splitlines() if line.strip()]
        return value

    @model_validator(mode="after")
    def _complete(self) -> PlatformRegistration:
        ids = list(dict.fromkeys(item.strip() for item in self.deployment_ids if item.strip()))
        if not 1 <= len(ids) <= 20 or any(len(item) > 255 for item in ids):
            raise Refusal(PLATFORM_MESSAGES["deployment_ids"], field="deployment_ids")
        self.deployment_ids = ids
        if bool(self.jwks_url) == bool(self.public_key.strip()):
            raise Refusal(
                _("Give either the platform's JWKS URL or its public key, one of the two."),
                field="public_key",
                code=ErrorCode.LTI_PLATFORM_KEY_REQUIRED,
            )
        return self


@transaction.atomic
def register_platform(by: Person, data: dict[str, Any]) -> Platform:
    """Register a learning platform that launches Praxis courses (staff only). Refused:
    `permission_denied`, `invalid_input` (with the field at fault),
    `lti_platform_key_required`, `lti_tool_key_invalid` (a PEM key that is not RSA of at least
    2048 bits); an issuer and client id registered already is an `invalid_input` too."""
    require(manage_platforms, by, None)
    registration = parse(PlatformRegistration, data, describe_platform)
    organisation = None
    if registration.organisation is not None:
        organisation = Organisation.objects.filter(slug=registration.organisation).first()
        if organisation is None:
            raise ValidationFailed(fields={"organisation": [PLATFORM_MESSAGES["organisation"]]})
    if registration.public_key.strip():
        try:
            read_public_key(registration.public_key)
        except ValidationFailed as error:
            raise ValidationFailed(
                ErrorCode.LTI_TOOL_KEY_INVALID,
                error.message,
                fields={"public_key": [error.message]},
            ) from error
    fields = registration.model_dump(exclude={"organisation", "public_key"})
    try:
        with transaction.atomic():
            return Platform.objects.create(
                organisation=organisation,
                public_key=registration.public_key.strip(),
                created_by=by,
                **fields,
            )
    except IntegrityError as error:
        raise ValidationFailed(
            fields={"client_id": [_("This issuer and client id are registered already.")]}
        ) from error


def tool_addresses() -> dict[str, str]:
    """What a platform's administrator enters to register Praxis as an LTI 1.3 tool."""
    return {
        "login_url": absolute("lti:tool_login"),
        "launch_url": absolute("lti:tool_launch"),
        "redirect_uri": absolute("lti:tool_launch"),
        "jwks_url": absolute("lti:jwks"),
    }
