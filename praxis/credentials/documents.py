"""The JSON-LD documents Praxis signs: Open Badges 3.0 credentials and status list credentials."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse

from praxis.core.languages import canonical_tag
from praxis.credentials.canonical import OB_V3, VC_V2
from praxis.credentials.keys import issuer_did
from praxis.credentials.models import Achievement, Credential

# Credentials carry one status entry (Open Badges 3.0's schema allows one): a two-bit "message"
# status whose values say valid, revoked or suspended. The one-bit revocation and suspension
# lists stay published for the credentials issued before, which name both.
STATUS_MESSAGE = "message"
STATUS_SIZE = 2
STATUS_VALID, STATUS_REVOKED, STATUS_SUSPENDED = 0, 1, 2
STATUS_MESSAGES = (
    (STATUS_VALID, "valid"),
    (STATUS_REVOKED, "revoked"),
    (STATUS_SUSPENDED, "suspended"),
)
LEGACY_STATUS_PURPOSES = ("revocation", "suspension")
STATUS_PURPOSES = (STATUS_MESSAGE, *LEGACY_STATUS_PURPOSES)


def xsd_datetime(moment: datetime) -> str:
    """An XML Schema dateTime in UTC with second precision, as VC validity dates are written."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def credential_url(credential: Credential) -> str:
    return absolute(reverse("credentials:credential", args=[credential.uuid]))


def achievement_url(achievement: Achievement) -> str:
    return absolute(reverse("credentials:achievement", args=[achievement.uuid]))


def status_list_url(purpose: str) -> str:
    return absolute(reverse("credentials:status_list", args=[purpose]))


def issuer_profile() -> dict[str, Any]:
    return {
        "id": issuer_did(),
        "type": ["Profile"],
        "name": settings.SITE_NAME,
        "url": settings.SITE_URL + "/",
    }


def _number(value: Decimal) -> float | int:
    return int(value) if value == value.to_integral_value() else float(value)


def achievement_document(achievement: Achievement) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": achievement_url(achievement),
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": achievement.name,
        "description": achievement.description or achievement.name,
        "criteria": {"narrative": achievement.criteria},
        "inLanguage": canonical_tag(achievement.language),
    }
    if achievement.url:
        document["criteria"]["id"] = achievement.url
    if achievement.hours:
        document["creditsAvailable"] = _number(achievement.hours)
    organisations = list(achievement.organisations.all())
    if organisations:
        lead = organisations[0]
        creator: dict[str, Any] = {
            "id": absolute(f"/organisations/{lead.slug}/"),
            "type": ["Profile"],
            "name": lead.name,
        }
        if lead.website:
            creator["url"] = lead.website
        document["creator"] = creator
    alignments = [
        {"type": ["Alignment"], **{k: v for k, v in item.items() if k.startswith("target")}}
        for item in achievement.alignments
        if isinstance(item, dict) and item.get("targetName") and item.get("targetUrl")
    ]
    if alignments:
        document["alignment"] = alignments
    return document


def credential_document(credential: Credential) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential for `credential`."""
    achievement = credential.achievement
    learner = credential.learner
    url = credential_url(credential)
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": learner.full_name,
            }
        ],
        "achievement": achievement_document(achievement),
    }
    if credential.achievement_version:
        # The achievement as it stood when earned: Open Badges' own "version" of an Achievement.
        subject["achievement"]["version"] = credential.achievement_version
    if achievement.hours:
        subject["creditsEarned"] = _number(achievement.hours)
    document: dict[str, Any] = {
        "@context": [VC_V2, OB_V3],
        "id": url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": achievement.name,
        "issuer": issuer_profile(),
        "validFrom": xsd_datetime(credential.issued_at),
        "credentialSubject": subject,
        "credentialStatus": status_entry(credential.status_index),
    }
    if credential.valid_until:
        document["validUntil"] = xsd_datetime(credential.valid_until)
    return document


def status_entry(index: int) -> dict[str, Any]:
    """The credential's one BitstringStatusListEntry: its two bits in the message list."""
    url = status_list_url(STATUS_MESSAGE)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": STATUS_MESSAGE,
        "statusListIndex": str(index),
        "statusSize": STATUS_SIZE,
        "statusMessage": [
            {"status": f"0x{value:x}", "message": message} for value, message in STATUS_MESSAGES
        ],
        "statusListCredential": url,
    }


def status_list_document(purpose: str, encoded_list: str, valid_from: datetime) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential for one status purpose."""
    url = status_list_url(purpose)
    return {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": xsd_datetime(valid_from),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encoded_list,
        },
    }
