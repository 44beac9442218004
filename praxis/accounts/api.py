"""The person's own profile in the JSON API: GET and PATCH /api/v1/me."""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django_countries import countries
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict, StrictBool

from praxis.accounts import links, queries, services
from praxis.accounts.auth import api_auth
from praxis.accounts.devices import describe_user_agent
from praxis.accounts.models import User
from praxis.accounts.validation import (
    EMAIL_MAX_LENGTH,
    MAX_SPOKEN_LANGUAGES,
    OLDEST_AGE,
    PASSWORD_MAX_LENGTH,
    YOUNGEST_AGE,
)
from praxis.core.languages import MAX_TAG_LENGTH
from praxis.core.schemas import LanguageTag, errors

router = Router(tags=["people"], auth=api_auth)


class MeOut(Schema):
    uuid: UUID
    email: str
    email_verified: bool
    full_name: str
    occupation: str | None = Field(description="ISCO-08 unit group code")
    occupation_title: str | None
    country: str = Field(description="ISO 3166-1 alpha-2 code, or empty")
    country_name: str
    who_region: str | None = Field(description="WHO region today, derived from the country")
    who_region_name: str
    languages: list[LanguageTag] = Field(
        description="BCP 47 tags of the languages spoken, in canonical form"
    )
    preferred_language: str
    organisation_name: str
    time_zone: str = Field(description="a zone of the tz database, or empty")
    data_saver: bool = Field(description="images and videos are loaded only when asked for")
    birth_year: int | None = Field(
        description="year of birth; used only, as an age band, in research the person consents to"
    )


_THIS_YEAR = timezone.now().year
_COUNTRY_CODES: list[Any] = ["", *(str(code) for code, _name in countries)]
_SPOKEN_LANGUAGES: dict[str, Any] = {
    "type": "array",
    "maxItems": MAX_SPOKEN_LANGUAGES,
    "items": {
        "type": "string",
        "maxLength": MAX_TAG_LENGTH,
        "pattern": "^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$",
    },
}
_LANGUAGE_CODES: list[Any] = [code for code, _name in settings.LANGUAGES]


class MeUpdate(Schema):
    """Only the fields sent change; any other field is refused. Null clears an optional field
    (occupation, country, languages, organisation, year of birth); a name and an interface
    language cannot be cleared."""

    model_config = ConfigDict(extra="forbid")

    # Left out means unchanged; null is refused (a string is required when sent).
    full_name: str = Field(default=None, min_length=1, max_length=150, pattern=r"\S")  # type: ignore[assignment]  # None only as left out, see above
    occupation: str | None = Field(default=None, description="ISCO-08 code")
    country: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 code",
        json_schema_extra={"anyOf": [{"enum": _COUNTRY_CODES}, {"type": "null"}]},
    )
    languages: list[str] | None = Field(
        default=None,
        description="BCP 47 tags of any languages (e.g. bn, pt-BR, sw); kept in canonical form",
        json_schema_extra={"anyOf": [_SPOKEN_LANGUAGES, {"type": "null"}]},
    )
    preferred_language: str = Field(  # type: ignore[assignment]  # as full_name
        default=None,
        description="an interface language",
        json_schema_extra={"enum": _LANGUAGE_CODES},
    )
    organisation_name: str | None = Field(default=None, max_length=200)
    time_zone: str | None = Field(
        default=None, max_length=64, description="a zone of the tz database; empty or null clears"
    )
    # Strict: "yes", 1 or "true" are refused, not read as true.
    data_saver: StrictBool = Field(  # type: ignore[assignment]  # as full_name
        default=None, description="load images and videos only when asked for"
    )
    birth_year: int | None = Field(
        default=None,
        ge=_THIS_YEAR - OLDEST_AGE,
        le=_THIS_YEAR - YOUNGEST_AGE,
        description="four-digit year of birth (age 15 to 100), or null to clear",
    )


def me_out(user: User) -> MeOut:
    region = queries.who_region_of(user)
    occupation = user.occupation
    return MeOut(
        uuid=user.uuid,
        email=user.email,
        email_verified=user.email_verified,
        full_name=user.full_name,
        occupation=occupation.isco08 if occupation else None,
        occupation_title=occupation.localised_title if occupation else None,
        country=str(user.country),
        country_name=countries.name(str(user.country)) if user.country else "",
        who_region=region,
        who_region_name=queries.who_region_name(region),
        languages=list(user.languages),
        preferred_language=user.preferred_language,
        organisation_name=user.organisation_name,
        time_zone=user.time_zone,
        data_saver=user.data_saver,
        birth_year=user.birth_year,
    )


def _caller(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]  # set by Ninja once api_auth accepts
    assert isinstance(user, User)
    return user


@router.get("", response={200: MeOut, **errors(401)}, summary="My profile")
def get_me(request: HttpRequest) -> MeOut:
    return me_out(_caller(request))


@router.patch("", response={200: MeOut, **errors(400, 401, 403)}, summary="Update my profile")
def patch_me(request: HttpRequest, payload: MeUpdate) -> MeOut:
    user = services.update_profile(_caller(request), **payload.model_dump(exclude_unset=True))
    return me_out(user)


class EmailChangeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    new_email: str = Field(max_length=EMAIL_MAX_LENGTH)
    password: str = Field(max_length=PASSWORD_MAX_LENGTH, description="the current password")


class EmailChangeOut(Schema):
    new_email: str = Field(description="where the confirmation link was sent")
    link_valid_days: int


class EmailConfirmIn(Schema):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(max_length=2000, description="the token in the link sent to the new address")
    end_other_sessions: bool = Field(default=False, description="sign out every browser session")


@router.post(
    "/email",
    response={202: EmailChangeOut, **errors(400, 401, 403, 409, 429)},
    summary="Change my e-mail address",
)
def change_email(request: HttpRequest, payload: EmailChangeIn) -> Status[EmailChangeOut]:
    """E-mails a confirmation link to the new address; the address changes only when the link
    is followed (or its token sent to POST /me/email/confirm). The old address is then told,
    with a link that undoes the change."""
    address = services.request_email_change(
        _caller(request), payload.new_email, payload.password, request=request
    )
    return Status(
        202, EmailChangeOut(new_email=address, link_valid_days=links.EMAIL_CHANGE_MAX_AGE.days)
    )


@router.post(
    "/email/confirm",
    response={200: MeOut, **errors(400, 401, 403, 409)},
    summary="Confirm my new e-mail address",
)
def confirm_email_change(request: HttpRequest, payload: EmailConfirmIn) -> MeOut:
    session = getattr(request, "session", None)
    changed = services.confirm_email_change(
        payload.token,
        viewer=_caller(request),
        end_other_sessions_too=payload.end_other_sessions,
        keep_session=(session.session_key or "") if session is not None else "",
        request=request,
    )
    return me_out(changed.user)


class BrowserSessionOut(Schema):
    id: int
    device: str = Field(description="browser and system, in plain words")
    signed_in_at: datetime.datetime
    client_address: str


@router.get(
    "/sessions", response={200: list[BrowserSessionOut], **errors(401)}, summary="My sessions"
)
def list_sessions(request: HttpRequest) -> list[BrowserSessionOut]:
    return [
        BrowserSessionOut(
            id=row.pk,
            device=describe_user_agent(row.user_agent),
            signed_in_at=row.created_at,
            client_address=row.client_address,
        )
        for row in queries.live_sessions_of(_caller(request))
    ]


@router.delete(
    "/sessions/{session_id}",
    response={204: None, **errors(401, 403, 404)},
    summary="End one of my sessions",
)
def end_session(request: HttpRequest, session_id: int) -> Status[None]:
    services.end_session(_caller(request), session_id)
    return Status(204, None)


class SecurityEventOut(Schema):
    kind: str = Field(description="a stable code: login, login_failed, email_changed, …")
    label: str
    time: datetime.datetime
    client_address: str
    by_someone_else: bool


@router.get(
    "/security-events",
    response={200: list[SecurityEventOut], **errors(401)},
    summary="My security activity",
)
def list_security_events(request: HttpRequest) -> list[SecurityEventOut]:
    """The latest 100 security events on my account (logins, failed logins, changes to how I
    sign in), newest first."""
    return [
        SecurityEventOut(
            kind=event.kind,
            label=event.get_kind_display(),
            time=event.created_at,
            client_address=event.client_address,
            by_someone_else=event.by_id is not None,
        )
        for event in queries.security_events_of(_caller(request))
    ]
