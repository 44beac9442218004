"""A tool's registration as the page and the API give it, read and checked."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator, model_validator

from praxis.core.errors import ErrorCode
from praxis.core.inputs import Location, Message, Refusal

TOOL_MESSAGES: dict[str, Message] = {
    "name": _("Give the tool a name of at most 200 characters."),
    "login_url": _("Enter the tool's OIDC login initiation URL (https)."),
    "target_link_uri": _("Enter the tool's launch URL (https)."),
    "redirect_uris": _("Enter one to ten redirect URLs (https), one a line."),
    "jwks_url": _("Enter the URL of the tool's key set (https)."),
    "public_key": _("Paste the tool's RSA public key in PEM form."),
    "deployment_id": _("A deployment id has at most 255 characters."),
    "organisation": _("Choose an organisation you author for."),
}
INSECURE = _("Use an https address (http only for this computer).")


def describe_tool(location: Location) -> tuple[str, Message]:
    name = str(location[0]) if location else "__all__"
    return name, TOOL_MESSAGES.get(name, _("Enter a valid value."))


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _well_formed(url: str) -> bool:
    """Whether `url` is an absolute http(s) address a browser and a server can both use: no
    spaces or control characters, a host name of letters, digits, dots and hyphens (or an IP
    address), and a port that is a number from 0 to 65535 when there is one."""
    if len(url) > 1000 or any(character.isspace() or ord(character) < 32 for character in url):
        return False
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return False
    try:
        parts.port  # noqa: B018 (reading it is what checks it: it raises on a bad port)
    except ValueError:
        return False
    host = parts.hostname
    if _is_ip(host):
        return True
    labels = host.split(".")
    return all(label and all(c.isalnum() or c == "-" for c in label) for label in labels)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def checked_url(value: str, field: str) -> str:
    """`value` as an absolute https URL (http for this computer, or with DEBUG)."""
    url = value.strip()
    if not _well_formed(url):
        raise Refusal(TOOL_MESSAGES[field], field=field)
    parts = urlsplit(url)
    assert parts.hostname is not None  # _well_formed made sure of it
    if parts.scheme == "http" and not (settings.DEBUG or _loopback(parts.hostname)):
        raise Refusal(INSECURE, field=field)
    return url


class ToolRegistration(BaseModel):
    """What `register_tool` takes."""

    model_config = ConfigDict(extra="forbid")

    name: StrictStr
    organisation: StrictStr | None = Field(None, max_length=80)
    login_url: StrictStr
    target_link_uri: StrictStr
    redirect_uris: list[StrictStr] = Field(default_factory=list)
    jwks_url: StrictStr = ""
    public_key: StrictStr = Field("", max_length=10_000)
    deployment_id: StrictStr = Field("", max_length=255)
    share_name: bool = False
    share_email: bool = False

    @field_validator("organisation", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value in ("", None) else value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip() or len(value.strip()) > 200:
            raise Refusal(TOOL_MESSAGES["name"])
        return value.strip()

    @field_validator("login_url", "target_link_uri")
    @classmethod
    def _url(cls, value: str, info: Any) -> str:
        return checked_url(value, info.field_name)

    @field_validator("jwks_url")
    @classmethod
    def _jwks(cls, value: str) -> str:
        return checked_url(value, "jwks_url") if value.strip() else ""

    @field_validator("redirect_uris", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [line.strip() for line in value.splitlines() if line.strip()]
        return value

    @model_validator(mode="after")
    def _complete(self) -> ToolRegistration:
        uris = [checked_url(uri, "redirect_uris") for uri in self.redirect_uris]
        self.redirect_uris = list(dict.fromkeys(uris or [self.target_link_uri]))
        if len(self.redirect_uris) > 10:
            raise Refusal(TOOL_MESSAGES["redirect_uris"], field="redirect_uris")
        if bool(self.jwks_url) == bool(self.public_key.strip()):
            raise Refusal(
                _("Give either the tool's JWKS URL or its public key, one of the two."),
                field="public_key",
                code=ErrorCode.LTI_TOOL_KEY_REQUIRED,
            )
        return self
