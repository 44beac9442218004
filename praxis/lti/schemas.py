"""The API's shapes of external tools and of what a tool is told about the platform."""

from __future__ import annotations

from uuid import UUID

from ninja import Field, Schema

from praxis.lti.claims import absolute, issuer
from praxis.lti.models import Platform, Tool


class PlatformOut(Schema):
    """What a tool's administrator enters in the tool to trust Praxis as its platform."""

    issuer: str
    authorization_url: str
    token_url: str
    jwks_url: str

    @staticmethod
    def here() -> PlatformOut:
        return PlatformOut(
            issuer=issuer(),
            authorization_url=absolute("lti:authorize"),
            token_url=absolute("lti:token"),
            jwks_url=absolute("lti:jwks"),
        )


class ToolOut(Schema):
    uuid: UUID
    name: str
    organisation: str | None = Field(None, description="The organisation's slug")
    client_id: str
    deployment_id: str
    login_url: str
    target_link_uri: str
    redirect_uris: list[str]
    jwks_url: str
    has_public_key: bool
    share_name: bool
    share_email: bool
    active: bool
    platform: PlatformOut

    # Built field by field: organisation is a slug, the key a yes or no, our addresses added.
    @staticmethod
    def of(tool: Tool) -> ToolOut:
        return ToolOut(
            uuid=tool.uuid,
            name=tool.name,
            organisation=tool.organisation.slug if tool.organisation else None,
            client_id=tool.client_id,
            deployment_id=tool.deployment_id,
            login_url=tool.login_url,
            target_link_uri=tool.target_link_uri,
            redirect_uris=list(tool.redirect_uris),
            jwks_url=tool.jwks_url,
            has_public_key=bool(tool.public_key),
            share_name=tool.share_name,
            share_email=tool.share_email,
            active=tool.active,
            platform=PlatformOut.here(),
        )


class ToolIn(Schema):
    name: str
    organisation: str | None = Field(None, description="The organisation's slug")
    login_url: str
    target_link_uri: str
    redirect_uris: list[str] = []
    jwks_url: str = ""
    public_key: str = ""
    deployment_id: str = ""
    share_name: bool = False
    share_email: bool = False


class ToolAddressesOut(Schema):
    """What a learning platform's administrator enters to register Praxis as its tool."""

    login_url: str
    launch_url: str
    redirect_uri: str
    jwks_url: str
    deep_linking: bool = Field(False, description="Deep Linking is not needed")

    # Built from a dict, not attributes; deep_linking is always false.
    @staticmethod
    def of(addresses: dict[str, str]) -> ToolAddressesOut:
        return ToolAddressesOut(
            login_url=addresses["login_url"],
            launch_url=addresses["launch_url"],
            redirect_uri=addresses["redirect_uri"],
            jwks_url=addresses["jwks_url"],
            deep_linking=False,
        )


class LearningPlatformOut(Schema):
    uuid: UUID
    name: str
    organisation: str | None = Field(None, description="The organisation's slug")
    issuer: str
    client_id: str
    auth_url: str
    token_url: str
    jwks_url: str
    has_public_key: bool
    deployment_ids: list[str]
    active: bool
    tool: ToolAddressesOut

    # Built field by field: organisation is a slug, the key a yes or no, our addresses added.
    @staticmethod
    def of(platform: Platform, addresses: dict[str, str]) -> LearningPlatformOut:
        return LearningPlatformOut(
            uuid=platform.uuid,
            name=platform.name,
            organisation=platform.organisation.slug if platform.organisation else None,
            issuer=platform.issuer,
            client_id=platform.client_id,
            auth_url=platform.auth_url,
            token_url=platform.token_url,
            jwks_url=platform.jwks_url,
            has_public_key=bool(platform.public_key),
            deployment_ids=list(platform.deployment_ids),
            active=platform.active,
            tool=ToolAddressesOut.of(addresses),
        )


class LearningPlatformIn(Schema):
    name: str
    organisation: str | None = Field(None, description="The organisation's slug")
    issuer: str
    client_id: str
    auth_url: str
    token_url: str
    jwks_url: str = ""
    public_key: str = ""
    deployment_ids: list[str] = []
    active: bool = True
