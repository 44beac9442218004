"""The credentials API: verification for anyone, the wallet and CPD record for their owner."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.core.errors import ValidationFailed
from praxis.core.schemas import IsoDate, errors
from praxis.credentials import queries
from praxis.credentials.documents import credential_url
from praxis.credentials.verification import (
    MALFORMED,
    MAX_DOCUMENT_BYTES,
    Verification,
    credential_from_url,
    parse,
    verify,
)

router = Router(tags=["credentials"])


class VerifyIn(Schema):
    """Exactly one of: the credential as JSON, as text, or its URL on this site."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [{"required": ["credential"]}, {"required": ["text"]}, {"required": ["url"]}]
        }
    )

    # Left out when not given; null is refused, so that "exactly one" is what the schema says.
    credential: dict[str, Any] = None  # type: ignore[assignment]  # None only as left out, see above
    text: str = Field(None, max_length=MAX_DOCUMENT_BYTES)  # type: ignore[assignment]  # None only as left out, see above
    url: str = Field(None, max_length=500)  # type: ignore[assignment]  # None only as left out, see above


class CheckOut(Schema):
    name: str
    passed: bool


class VerificationOut(Schema):
    status: str = Field(
        description="valid, revoked, suspended, expired, not_yet_valid, tampered, "
        "unsigned_claims, unknown_issuer or malformed"
    )
    valid: bool
    reason: str
    checks: list[CheckOut]
    summary: dict[str, str] | None
    unsigned_terms: list[str] = Field(
        default_factory=list,
        description="with unsigned_claims: the keys and types the contexts do not define",
    )
    former_address: str = Field(
        "",
        description="when this site issued the credential under another address than its "
        "present one (it moved): that address",
    )

    # Built field by field: the reason is translated, checks are pairs, the summary is conditional.
    @staticmethod
    def of(result: Verification) -> VerificationOut:
        return VerificationOut(
            status=result.status,
            valid=result.valid,
            reason=str(result.reason),
            checks=[CheckOut(name=name, passed=passed) for name, passed in result.checks],
            summary=result.summary if result.credential else None,
            unsigned_terms=result.unsigned_terms,
            former_address=result.former_address,
        )


@router.post("/credentials/verify", response={200: VerificationOut, **errors(400)}, auth=None)
def verify_credential(request: HttpRequest, body: VerifyIn) -> VerificationOut:
    """Verify a credential (never fetches other sites): the verdict and its reason."""
    given = [name for name in ("credential", "text", "url") if getattr(body, name) is not None]
    if len(given) != 1:
        raise ValidationFailed(
            fields={"credential": [_("Give exactly one of credential, text or url.")]}
        )
    if body.url is not None:
        document = credential_from_url(body.url, served_at=request.build_absolute_uri("/"))
        if document is None:
            return VerificationOut.of(
                Verification(
                    MALFORMED,
                    _("Only credentials issued by this site can be looked up by address."),
                )
            )
        return VerificationOut.of(verify(document))
    if body.text is not None:
        try:
            return VerificationOut.of(verify(parse(body.text)))
        except ValueError:
            return VerificationOut.of(
                Verification(MALFORMED, _("This is not a credential: the JSON cannot be read."))
            )
    return VerificationOut.of(verify(body.credential))


class CredentialOut(Schema):
    id: str
    achievement: str
    issued_at: str
    valid_until: str | None
    status: str
    credential: dict[str, Any]


@router.get("/credentials/mine", response={200: list[CredentialOut], **errors(401)}, auth=api_auth)
def my_credentials(request: SignedInRequest) -> list[CredentialOut]:
    """The caller's credentials, newest first, each with its signed document."""
    return [
        CredentialOut(
            id=credential_url(credential),
            achievement=credential.achievement.name,
            issued_at=credential.issued_at.isoformat(),
            valid_until=credential.valid_until.isoformat() if credential.valid_until else None,
            status="revoked"
            if credential.revoked_at
            else "suspended"
            if credential.suspended_at
            else "issued",
            credential=credential.document,
        )
        for credential in queries.wallet(request.user)
    ]


class PeriodIn(Schema):
    start: IsoDate | None = None
    end: IsoDate | None = None


class CpdLineOut(Schema):
    date: date
    activity: str
    provider: str
    credits: Decimal
    self_reported: bool
    evidence: str


class CpdSystemOut(Schema):
    system: str
    name: str
    unit: str
    total: Decimal
    verified: Decimal
    self_reported: Decimal
    lines: list[CpdLineOut]


@router.get("/cpd", response={200: list[CpdSystemOut], **errors(400, 401)}, auth=api_auth)
def cpd_record(request: SignedInRequest, period: Query[PeriodIn]) -> list[CpdSystemOut]:
    """The caller's CPD credits by system over the period, with the evidence of each line."""
    if period.start and period.end and period.end < period.start:
        raise ValidationFailed(fields={"end": [_("The end cannot come before the start.")]})
    return [
        CpdSystemOut(
            system=total.system.code,
            name=total.system.label,
            unit=total.system.unit,
            total=total.total,
            verified=total.verified,
            self_reported=total.self_reported,
            lines=[
                CpdLineOut(
                    date=line.date,
                    activity=line.title,
                    provider=line.provider,
                    credits=line.credits,
                    self_reported=line.self_reported,
                    evidence=credential_url(line.credential)
                    if line.credential
                    else line.evidence_url,
                )
                for line in total.lines
            ],
        )
        for total in queries.cpd_record(request.user, period.start, period.end)
    ]
