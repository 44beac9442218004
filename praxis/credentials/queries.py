"""Reads: a learner's wallet and CPD record, the DID document, the published status lists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from praxis.core.errors import NotFound
from praxis.core.people import Person
from praxis.core.rows import the_row
from praxis.credentials import keys, statuslist
from praxis.credentials.credits import cap_by_day
from praxis.credentials.documents import (
    STATUS_MESSAGE,
    STATUS_PURPOSES,
    STATUS_REVOKED,
    STATUS_SIZE,
    STATUS_SUSPENDED,
    status_list_document,
    xsd_datetime,
)
from praxis.credentials.models import (
    STATUS_LIST_SIZE,
    CpdActivity,
    Credential,
    CreditSystem,
    ErasedCredentialStatus,
    SigningKey,
)
from praxis.credentials.proofs import add_proof

STATUS_CACHE_KEY = "credentials:status-list:{}"
DID_CACHE_KEY = "credentials:did-document"


def wallet(learner: Person) -> QuerySet[Credential]:
    """The learner's credentials, newest first, with what the wallet page shows."""
    return (
        Credential.objects.filter(learner=learner)
        .select_related("achievement")
        .prefetch_related("achievement__organisations", "cpd_activities__system")
    )


def course_certificates(learner: Person, course_uuids: Iterable[Any]) -> dict[str, Credential]:
    """The learner's certificates for the courses named by UUID, keyed by the course's UUID as
    text; a course without a certificate is left out. One query, which reads what the pages
    link to and nothing more: each certificate's UUID and its achievement's source (its
    signed document and the rest are read only if asked for). Unordered: a learner holds at
    most one credential per achievement, and one achievement per source."""
    sources = {f"course:{uuid}": str(uuid) for uuid in course_uuids}
    if not sources or learner.pk is None:
        return {}
    return {
        sources[credential.achievement.source]: credential
        for credential in Credential.objects.filter(
            learner=learner, achievement__source__in=list(sources)
        )
        .select_related("achievement")
        .only("uuid", "achievement__source")
        .order_by()
    }


def credential_by_uuid(uuid: Any) -> Credential:
    """One credential with its achievement, issuers and learner; NotFound if there is none."""
    found = the_row(
        Credential.objects.select_related("achievement", "learner")
        .prefetch_related("achievement__organisations", "cpd_activities__system")
        .filter(uuid=uuid)
    )
    if found is None:
        raise NotFound()
    return found


def credential_row(uuid: Any) -> Credential:
    """One credential alone (its document and status, none of its related rows): what the
    page every visitor sees is kept by. NotFound if there is none."""
    found = the_row(Credential.objects.filter(uuid=uuid))
    if found is None:
        raise NotFound()
    return found


def did_document() -> dict[str, Any]:
    """The issuer's DID document with every key it ever had (cached until a key changes)."""
    document: dict[str, Any] | None = cache.get(DID_CACHE_KEY)
    if document is None:
        rows = SigningKey.objects.order_by("created_at").values_list("key_id", "public_key")
        document = keys.did_document([(key_id, bytes(raw)) for key_id, raw in rows])
        cache.set(DID_CACHE_KEY, document, 60)
    return document


def status_list_credential(purpose: str) -> dict[str, Any]:
    """The signed Bitstring Status List credential for "message" (two bits a credential: valid,
    revoked or suspended), or the one-bit "revocation" and "suspension" lists that credentials
    issued before the message list name."""
    if purpose not in STATUS_PURPOSES:
        raise NotFound()
    key = STATUS_CACHE_KEY.format(purpose)
    document: dict[str, Any] | None = cache.get(key)
    if document is None:
        now = timezone.now()
        unsigned = status_list_document(purpose, _encoded_list(purpose), now)
        signing_key = SigningKey.objects.filter(retired_at__isnull=True).first()
        if signing_key is None:
            document = unsigned
        else:
            document = add_proof(
                unsigned,
                keys.private_key(signing_key.encrypted_private_key),
                verification_method=keys.verification_method_id(signing_key.key_id),
                created=xsd_datetime(now),
            )
        cache.set(key, document, 60)
    return document


def _flagged() -> list[tuple[int, bool, bool]]:
    """(index, revoked, suspended) of every credential not in force, those of erased holders'
    credentials included: the copies they kept must keep reading as revoked or suspended."""
    flagged = Q(revoked_at__isnull=False) | Q(suspended_at__isnull=False)
    rows: list[tuple[int, bool, bool]] = []
    for model in (Credential, ErasedCredentialStatus):
        for index, revoked_at, suspended_at in model.objects.filter(flagged).values_list(
            "status_index", "revoked_at", "suspended_at"
        ):
            rows.append((index, revoked_at is not None, suspended_at is not None))
    return rows


def _encoded_list(purpose: str) -> str:
    flagged = _flagged()
    if purpose == STATUS_MESSAGE:
        values = (
            (index, STATUS_REVOKED if revoked else STATUS_SUSPENDED)
            for index, revoked, _suspended in flagged
        )
        return statuslist.encode_values(values, STATUS_LIST_SIZE, STATUS_SIZE)
    revocation = purpose == "revocation"
    indexes = (
        index for index, revoked, suspended in flagged if (revoked if revocation else suspended)
    )
    return statuslist.encode(indexes, STATUS_LIST_SIZE)


# CPD record


@dataclass
class SystemTotal:
    system: CreditSystem
    total: Decimal
    verified: Decimal
    self_reported: Decimal
    lines: list[CpdActivity] = field(default_factory=list)


def cpd_lines(
    learner: Person, start: date | None = None, end: date | None = None
) -> list[CpdActivity]:
    """The learner's CPD lines in the period (inclusive), newest first, with their evidence."""
    lines = CpdActivity.objects.filter(learner=learner).select_related("system", "credential")
    if start:
        lines = lines.filter(date__gte=start)
    if end:
        lines = lines.filter(date__lte=end)
    return list(lines)


def cpd_record(
    learner: Person, start: date | None = None, end: date | None = None
) -> list[SystemTotal]:
    """Credits by system over the period, each day capped by the system's daily cap."""
    grouped: dict[int, list[CpdActivity]] = defaultdict(list)
    systems: dict[int, CreditSystem] = {}
    for line in cpd_lines(learner, start, end):
        grouped[line.system_id].append(line)
        systems[line.system_id] = line.system
    totals = []
    for system_id, lines in grouped.items():
        system = systems[system_id]
        totals.append(
            SystemTotal(
                system=system,
                total=cap_by_day(((line.date, line.credits) for line in lines), system),
                verified=cap_by_day(
                    ((ln.date, ln.credits) for ln in lines if not ln.self_reported), system
                ),
                self_reported=cap_by_day(
                    ((ln.date, ln.credits) for ln in lines if ln.self_reported), system
                ),
                lines=lines,
            )
        )
    return sorted(totals, key=lambda total: total.system.name)


def credit_systems() -> list[CreditSystem]:
    return list(CreditSystem.objects.all())
