"""Verifying a credential: signature, issuer, key, validity dates and status, with the reason.

Nothing is fetched: contexts are the shipped ones, the issuer must be this site, keys come from
this site's key table (the same keys its DID document publishes) and the status from its own
status lists. A URL is accepted only when it names one of this site's credentials.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.core import input_guard
from praxis.core.rows import the_row
from praxis.credentials import keys
from praxis.credentials.canonical import UnknownContext, check_contexts, undefined_terms
from praxis.credentials.models import Credential, ErasedCredentialStatus, SigningKey
from praxis.credentials.proofs import ProofError, split_proof, verify_proof

MAX_DOCUMENT_BYTES = 256 * 1024
# JSON-LD expansion and canonicalisation are most of a verification; their answers depend only
# on the document's content and the public key, so they are kept this long under those.
SIGNATURE_CACHE_SECONDS = 24 * 3600

VALID = "valid"
REVOKED = "revoked"
SUSPENDED = "suspended"
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
TAMPERED = "tampered"
UNKNOWN_ISSUER = "unknown_issuer"
MALFORMED = "malformed"
UNSIGNED_CLAIMS = "unsigned_claims"
STATUSES = (
    VALID,
    REVOKED,
    SUSPENDED,
    EXPIRED,
    NOT_YET_VALID,
    TAMPERED,
    UNSIGNED_CLAIMS,
    UNKNOWN_ISSUER,
    MALFORMED,
)


@dataclass
class Verification:
    """The verdict on one credential and the reason for it, in the viewer's language."""

    status: str
    reason: str | Promise
    credential: dict[str, Any] | None = None
    checks: list[tuple[str, bool]] = field(default_factory=list)
    # Keys and types the contexts do not define, hence not covered by the signature.
    unsigned_terms: list[str] = field(default_factory=list)
    # The address this site issued the credential under, when it was not its address now.
    former_address: str = ""

    @property
    def valid(self) -> bool:
        return self.status == VALID

    @property
    def summary(self) -> dict[str, str]:
        """Name, learner, achievement, credits and issue date as the credential states them."""
        document = self.credential or {}
        subject = document.get("credentialSubject")
        subject = subject if isinstance(subject, dict) else {}
        achievement = subject.get("achievement")
        achievement = achievement if isinstance(achievement, dict) else {}
        names = [
            item.get("identityHash", "")
            for item in subject.get("identifier", [])
            if isinstance(item, dict) and item.get("identityType") == "name"
        ]
        issuer = document.get("issuer")
        credits = subject.get("creditsEarned", achievement.get("creditsAvailable", ""))
        return {
            "achievement": str(achievement.get("name", "")),
            "learner": str(names[0] if names else ""),
            "issuer": str(issuer.get("name", "") if isinstance(issuer, dict) else issuer or ""),
            "credits": str(credits) if isinstance(credits, int | float | str) else "",
            "valid_from": str(document.get("validFrom", "")),
            "valid_until": str(document.get("validUntil", "")),
            "id": str(document.get("id", "")),
        }

    @property
    def moments(self) -> dict[str, datetime | None]:
        """The credential's validFrom and validUntil as moments, None where absent or unreadable."""
        document = self.credential or {}
        return {
            "valid_from": _parse_time(document.get("validFrom")),
            "valid_until": _parse_time(document.get("validUntil")),
        }


def parse(text: str | bytes) -> dict[str, Any]:
    """A credential from pasted or uploaded JSON text; ValueError when it is not a JSON object."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise ValueError("too large")
    data = input_guard.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def credential_from_url(url: str, *, served_at: str = "") -> dict[str, Any] | None:
    """The stored credential a URL of this site names, or None (other sites are never fetched).

    The URL is this site's when it is at the site's address (SITE_URL), at the address the
    request came in on (`served_at`), or at the address the credential was issued under,
    as its own id says (a site that moved)."""
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if match.view_name not in {"credentials:credential", "credentials:credential_json"}:
        return None
    found = Credential.objects.filter(uuid=match.kwargs["uuid"]).only("document").first()
    if found is None or not isinstance(found.document, dict):
        return None
    ours = {_origin(settings.SITE_URL), _origin(str(found.document.get("id", "")))}
    if served_at:
        ours.add(_origin(served_at))
    return found.document if (parts.scheme, parts.netloc) in ours else None


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def verify(document: Any, *, now: datetime | None = None) -> Verification:
    """Check `document` and say whether it is valid, and if not, why."""
    if not isinstance(document, dict):
        return Verification(MALFORMED, _("This is not a credential: a JSON object is expected."))
    try:
        check_contexts(document)
    except UnknownContext:
        return Verification(
            MALFORMED,
            _("The credential uses JSON-LD contexts that are not W3C VC 2.0 and Open Badges 3.0."),
            document,
        )
    types = document.get("type")
    if not isinstance(types, list) or "VerifiableCredential" not in types:
        return Verification(MALFORMED, _("This is not a verifiable credential."), document)
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    former_address = ""
    if issuer_id != keys.issuer_did():
        former_address = _former_address(document, issuer_id)
        if not former_address:
            return Verification(
                UNKNOWN_ISSUER,
                _("The credential was not issued by this site (issuer %(issuer)s).")
                % {"issuer": str(issuer_id)[:200]},
                document,
            )
    try:
        _unsecured, proof = split_proof(document)
    except ProofError:
        return Verification(TAMPERED, _("The credential carries no valid signature."), document)
    content = _content_hash(document)
    try:
        unsigned = _undefined_terms(document, content)
    except (UnknownContext, ValueError, TypeError):  # JsonLdFailure is a ValueError
        return Verification(
            MALFORMED, _("The credential is not valid JSON-LD and cannot be checked."), document
        )
    if unsigned:
        names = ", ".join(unsigned[:20])
        return Verification(
            UNSIGNED_CLAIMS,
            _(
                "The credential contains claims that its contexts do not define, so the "
                "signature does not cover them: %(terms)s. Do not rely on this credential."
            )
            % {"terms": names[:500]},
            document,
            [("signature", False)],
            unsigned,
        )
    method = proof["verificationMethod"]
    did, _hash, key_id = method.partition("#")
    signing_key = (
        the_row(SigningKey.objects.filter(key_id=key_id).only("public_key"))
        if did in (keys.issuer_did(), issuer_id)
        else None
    )
    if signing_key is None:
        return Verification(
            TAMPERED, _("The credential is signed with a key this issuer never had."), document
        )
    signed = _signed(document, content, bytes(signing_key.public_key))
    checks = [("signature", signed)]
    if not signed:
        return Verification(
            TAMPERED,
            _("The signature does not match: the credential was changed after it was issued."),
            document,
            checks,
        )
    verdict = _in_force(document, checks, now or timezone.now())
    verdict.former_address = former_address
    return verdict


def _in_force(
    document: dict[str, Any], checks: list[tuple[str, bool]], now: datetime
) -> Verification:
    """The verdict on a credential whose signature holds: its validity dates, then its status."""
    valid_from = _parse_time(document.get("validFrom"))
    if valid_from is None:
        return Verification(MALFORMED, _("The credential has no valid start date."), document)
    if valid_from > now:
        return Verification(NOT_YET_VALID, _("The credential is not valid yet."), document, checks)
    valid_until = _parse_time(document.get("validUntil"))
    if "validUntil" in document and valid_until is None:
        return Verification(MALFORMED, _("The credential's end date is not a date."), document)
    if valid_until is not None and valid_until < now:
        checks.append(("validity", False))
        return Verification(
            EXPIRED,
            _("The credential expired on %(date)s.") % {"date": document["validUntil"]},
            document,
            checks,
        )
    checks.append(("validity", True))
    credential = _stored(document)
    reason = credential.status_reason if isinstance(credential, Credential) else ""
    if credential is not None and credential.revoked_at:
        checks.append(("status", False))
        message = (
            _("The issuer revoked this credential: %(reason)s") % {"reason": reason}
            if reason
            else _("The issuer revoked this credential.")
        )
        return Verification(REVOKED, message, document, checks)
    if credential is not None and credential.suspended_at:
        checks.append(("status", False))
        message = (
            _("The issuer has suspended this credential: %(reason)s") % {"reason": reason}
            if reason
            else _("The issuer has suspended this credential.")
        )
        return Verification(SUSPENDED, message, document, checks)
    checks.append(("status", True))
    return Verification(VALID, _("The credential is genuine and in force."), document, checks)


def _former_address(document: dict[str, Any], issuer_id: Any) -> str:
    """The address (host and path) this site issued `document` under when that is not its
    address now, or "" when nothing says this site issued it.

    A site that moved (another host, another port) keeps its signing keys, so a credential is
    taken for this site's when its issuer is a did:web and its proof names, under that same
    DID, a key in this site's key table. Whether that key signed it is checked next, as for
    any credential: a changed copy is then reported as changed, not as another issuer's."""
    if not isinstance(issuer_id, str) or not issuer_id.startswith("did:web:"):
        return ""
    proofs = document.get("proof")
    for proof in proofs if isinstance(proofs, list) else [proofs]:
        method = proof.get("verificationMethod") if isinstance(proof, dict) else None
        if not isinstance(method, str):
            continue
        did, _hash, key_id = method.partition("#")
        if did == issuer_id and key_id and SigningKey.objects.filter(key_id=key_id).exists():
            return _web_address(issuer_id)
    return ""


def _web_address(did: str) -> str:
    """The address a did:web names: "did:web:example.org%3A8000:academy" is
    "example.org:8000/academy"."""
    host, *path = did.removeprefix("did:web:").split(":")
    return "/".join(unquote(part) for part in (host, *path))[:200]


def _content_hash(document: dict[str, Any]) -> str:
    """A digest of the document's content: the same for the same JSON, whatever its key order."""
    text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _undefined_terms(document: dict[str, Any], content: str) -> list[str]:
    """`undefined_terms`, remembered per document content (the shipped contexts never change)."""
    key = f"credentials:unsigned:{content}"
    found: list[str] | None = cache.get(key)
    if found is None:
        found = undefined_terms(document)
        cache.set(key, found, SIGNATURE_CACHE_SECONDS)
    return found


def _signed(document: dict[str, Any], content: str, public_key: bytes) -> bool:
    """Whether the proof verifies with `public_key`, remembered per document content and key:
    another key (a rotation, a changed key row) is another entry. Validity dates and status
    (revoked, suspended) are never remembered: they are checked afresh on every view."""
    key = f"credentials:signed:{content}:{hashlib.sha256(public_key).hexdigest()}"
    signed: bool | None = cache.get(key)
    if signed is None:
        try:
            signed = verify_proof(document, keys.public_key(public_key))
        except (UnknownContext, ValueError, TypeError):  # JsonLdFailure is a ValueError
            signed = False
        cache.set(key, signed, SIGNATURE_CACHE_SECONDS)
    return signed


def _stored(document: dict[str, Any]) -> Credential | ErasedCredentialStatus | None:
    """The credential row behind a document signed by us, found by its status index, or, when
    it left with its holder's erased account, the status kept for it."""
    entries = document.get("credentialStatus") or []
    for entry in entries if isinstance(entries, list) else [entries]:
        if isinstance(entry, dict):
            index = str(entry.get("statusListIndex", ""))
            if index.isdigit():
                return the_row(
                    Credential.objects.filter(status_index=int(index)).only(
                        "revoked_at", "suspended_at", "status_reason"
                    )
                ) or the_row(ErasedCredentialStatus.objects.filter(status_index=int(index)))
    return None
