"""The person's own profile in the JSON API: GET and PATCH /api/v1/me."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from django_countries import countries
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from praxis.accounts import queries, services
from praxis.accounts.auth import api_auth
from praxis.accounts.languages import SPOKEN_LANGUAGE_CODES
from praxis.accounts.models import User
from praxis.accounts.validation import OLDEST_AGE, YOUNGEST_AGE
from praxis.core.schemas import errors

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
    languages: list[str] = Field(description="ISO 639-1 codes of languages spoken")
    preferred_language: str
    organisation_name: str
    birth_year: int | None = Field(
        description="year of birth; used only, as an age band, in research the person consents to"
    )


_THIS_YEAR = timezone.now().year
_COUNTRY_CODES: list[Any] = ["", *(str(code) for code, _name in countries)]
_SPOKEN_LANGUAGES: dict[str, Any] = {
    "type": "array",
    "items": {"enum": sorted(SPOKEN_LANGUAGE_CODES)},
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
        description="ISO 639-1 codes",
        json_schema_extra={"anyOf": [_SPOKEN_LANGUAGES, {"type": "null"}]},
    )
    preferred_language: str = Field(  # type: ignore[assignment]  # as full_name
        default=None,
        description="an interface language",
        json_schema_extra={"enum": _LANGUAGE_CODES},
    )
    organisation_name: str | None = Field(default=None, max_length=200)
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
