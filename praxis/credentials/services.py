"""Issuing, revoking and suspending credentials; keys; the learner's CPD record.

`issue_credential` is the one way any app (catalog, assessments, events) issues a credential.
It is idempotent: a learner holds at most one credential per achievement.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import Conflict, ErrorCode, ValidationFailed
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.core.rows import the_row
from praxis.credentials import evidence, keys
from praxis.credentials.credits import credits_for_hours, round_to_step
from praxis.credentials.documents import (
    STATUS_PURPOSES,
    achievement_url,
    credential_document,
    xsd_datetime,
)
from praxis.credentials.models import (
    STATUS_LIST_SIZE,
    Achievement,
    AchievementCredit,
    CpdActivity,
    Credential,
    CreditSystem,
    ErasedCredentialStatus,
    SigningKey,
)
from praxis.credentials.permissions import manage_credentials, own_record
from praxis.credentials.proofs import add_proof
from praxis.credentials.queries import DID_CACHE_KEY, STATUS_CACHE_KEY
from praxis.lrs.services import account_agent, activity, language_tag, record

VERB_EARNED = "http://id.tincanapi.com/verb/earned"
ACTIVITY_BADGE = "http://id.tincanapi.com/activitytype/badge"

__all__ = [
    "add_external_activity",
    "define_achievement",
    "delete_external_activity",
    "generate_signing_key",
    "issue_credential",
    "reinstate_credential",
    "revoke_credential",
    "rotate_signing_key",
    "suspend_credential",
]


# Keys


def _new_key() -> SigningKey:
    transaction.on_commit(lambda: cache.delete(DID_CACHE_KEY))
    public, encrypted = keys.new_key_pair()
    key_id = f"key-{timezone.now():%Y%m%d}-{get_random_string(6).lower()}"
    return SigningKey.objects.create(
        key_id=key_id, public_key=public, encrypted_private_key=encrypted
    )


@transaction.atomic
def generate_signing_key() -> SigningKey:
    """The active signing key, made if there is none yet (idempotent)."""
    current = SigningKey.objects.select_for_update().filter(retired_at__isnull=True).first()
    return current or _new_key()


@transaction.atomic
def rotate_signing_key() -> SigningKey:
    """Retire the active key (kept in the DID document so its credentials still verify) and
    make a new one that signs from now on."""
    SigningKey.objects.select_for_update().filter(retired_at__isnull=True).update(
        retired_at=timezone.now()
    )
    return _new_key()


def _active_key() -> SigningKey:
    key = SigningKey.objects.filter(retired_at__isnull=True).first()
    return key or generate_signing_key()


# Achievements


def _decimal(value: Any, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as error:
        raise ValidationFailed(fields={field: [_("Enter a number.")]}) from error
    if not number.is_finite() or number < 0 or number > 10_000:
        raise ValidationFailed(fields={field: [_("Enter a number between 0 and 10,000.")]})
    return number


def define_achievement(
    source: str,
    *,
    kind: str,
    name: str,
    criteria: str,
    description: str = "",
    language: str = "en",
    url: str = "",
    hours: Decimal | int | str = 0,
    credits: dict[str, Decimal | int | str | None] | None = None,
    organisations: list[Any] | None = None,
    alignments: list[dict[str, str]] | None = None,
) -> Achievement:
    """Create or update the achievement named by `source` ("course:<uuid>", "event:<uuid>").

    `credits` maps a credit system code to the credits approved in it (rounded to the system's
    step), or to None for credits by contact hours; a system not named gets nothing.
    Changing an achievement never changes credentials already issued."""
    if kind not in Achievement.Kind.values:
        raise ValidationFailed(fields={"kind": [_("Unknown kind of achievement.")]})
    if not name.strip() or not criteria.strip():
        raise ValidationFailed(fields={"name": [_("An achievement needs a name and criteria.")]})
    values = {
        "kind": kind,
        "name": name.strip()[:250],
        "criteria": criteria.strip(),
        "description": description.strip(),
        "language": language,
        "url": url,
        "hours": _decimal(hours, "hours"),
        "alignments": alignments or [],
    }
    systems = _credit_systems(credits) if credits is not None else {}
    # Every certificate of a course defines its achievement again, and nearly always finds it
    # as it was: that is read without a write transaction (on SQLite, the whole database's lock).
    found = the_row(Achievement.objects.filter(source=source))
    if found is not None and _as_defined(found, values, organisations, systems, credits):
        return found
    with transaction.atomic():
        achievement = the_row(Achievement.objects.filter(source=source))
        if achievement is None:
            achievement, _created = Achievement.objects.update_or_create(
                source=source, defaults=values
            )
        elif changed := [
            field for field, value in values.items() if getattr(achievement, field) != value
        ]:
            for field in changed:
                setattr(achievement, field, values[field])
            achievement.save(update_fields=[*changed, "updated_at"])
        if organisations is not None:
            achievement.organisations.set(organisations)
        if credits is not None:
            _set_credits(achievement, systems, credits)
    return achievement


def _credit_systems(credits: dict[str, Decimal | int | str | None]) -> dict[str, CreditSystem]:
    """The credit systems named in `credits` by code; ValidationFailed if one is unknown."""
    systems = {s.code: s for s in CreditSystem.objects.filter(code__in=list(credits))}
    if unknown := sorted(set(credits) - set(systems)):
        raise ValidationFailed(
            fields={"credits": [_("Unknown credit system: %s") % ", ".join(unknown)]}
        )
    return systems


def _approved_credits(
    hours: Decimal,
    systems: dict[str, CreditSystem],
    credits: dict[str, Decimal | int | str | None],
) -> dict[int, Decimal]:
    """The credits approved in each system (by its id): the amount given rounded to the
    system's step, or, given none, what `hours` of contact earn in it."""
    return {
        systems[code].pk: (
            credits_for_hours(hours, systems[code])
            if amount is None
            else round_to_step(_decimal(amount, "credits"), systems[code])
        )
        for code, amount in credits.items()
    }


def _as_defined(
    achievement: Achievement,
    values: dict[str, Any],
    organisations: list[Any] | None,
    systems: dict[str, CreditSystem],
    credits: dict[str, Decimal | int | str | None] | None,
) -> bool:
    """Whether `achievement` already is what these arguments of define_achievement make it."""
    if any(getattr(achievement, field) != value for field, value in values.items()):
        return False
    if organisations is not None and set(
        achievement.organisations.values_list("pk", flat=True)
    ) != {organisation.pk for organisation in organisations}:
        return False
    return credits is None or dict(
        achievement.credits.values_list("system_id", "amount")
    ) == _approved_credits(achievement.hours, systems, credits)


def _set_credits(
    achievement: Achievement,
    systems: dict[str, CreditSystem],
    credits: dict[str, Decimal | int | str | None],
) -> None:
    approved = _approved_credits(achievement.hours, systems, credits)
    existing = {credit.system_id: credit for credit in achievement.credits.all()}
    if stale := [c.pk for c in existing.values() if c.system_id not in approved]:
        AchievementCredit.objects.filter(pk__in=stale).delete()
    for system_id, amount in approved.items():
        credit = existing.get(system_id)
        if credit is None:
            AchievementCredit.objects.update_or_create(
                achievement=achievement, system_id=system_id, defaults={"amount": amount}
            )
        elif credit.amount != amount:
            credit.amount = amount
            credit.save(update_fields=["amount"])


# Credentials


def _free_status_index() -> int:
    """A random index no credential has ever had: not one in use, nor one kept for a
    credential that was deleted (see `privacy.keep_status`)."""
    taken = True
    index = 0
    while taken:
        index = secrets.randbelow(STATUS_LIST_SIZE)
        taken = (
            Credential.objects.filter(status_index=index).exists()
            or ErasedCredentialStatus.objects.filter(status_index=index).exists()
        )
    return index


def issue_credential(
    learner: Person,
    achievement: Achievement,
    *,
    issued_at: datetime | None = None,
    valid_until: datetime | None = None,
    version: str = "",
    version_url: str = "",
) -> Credential:
    """Sign and store the learner's credential for `achievement`, with its CPD lines and an
    xAPI "earned" statement. `version` names the version of what was achieved (a course's
    version number) and `version_url` the page to read it. Issuing again returns the
    credential already issued."""
    existing = the_row(Credential.objects.filter(learner=learner, achievement=achievement))
    if existing:
        return existing
    edition = (str(version or "")[:40], version_url if version else "")
    # Read once for both the signed document (its issuer) and the CPD lines (their provider).
    prefetch_related_objects([achievement], "organisations")
    # Signed before the transaction, which then holds the database's write lock (on SQLite,
    # the whole database's) only to store it: signing is most of the work.
    credential = _signed(learner, achievement, issued_at or timezone.now(), valid_until, edition)
    try:
        with transaction.atomic():
            return _store(credential)
    except IntegrityError:
        # Issued meanwhile by a concurrent request (or the random status index collided).
        existing = the_row(Credential.objects.filter(learner=learner, achievement=achievement))
        if existing:
            return existing
        credential = _signed(
            learner, achievement, issued_at or timezone.now(), valid_until, edition
        )
        with transaction.atomic():
            return _store(credential)


def _signed(
    learner: Person,
    achievement: Achievement,
    issued_at: datetime,
    valid_until: datetime | None,
    edition: tuple[str, str] = ("", ""),
) -> Credential:
    """The learner's credential for `achievement`, signed, not yet stored."""
    if valid_until is not None and valid_until <= issued_at:
        raise ValidationFailed(
            fields={"valid_until": [_("A credential must be valid for some time.")]}
        )
    key = _active_key()
    credential = Credential(
        achievement=achievement,
        learner=learner,
        issued_at=issued_at.replace(microsecond=0),
        valid_until=valid_until.replace(microsecond=0) if valid_until else None,
        status_index=_free_status_index(),
        signing_key=key,
        document={},
        achievement_version=edition[0],
        achievement_version_url=edition[1],
    )
    credential.document = add_proof(
        credential_document(credential),
        keys.private_key(key.encrypted_private_key),
        verification_method=keys.verification_method_id(key.key_id),
        created=xsd_datetime(timezone.now()),
    )
    return credential


def _store(credential: Credential) -> Credential:
    """Store a signed credential with its CPD lines and its xAPI "earned" statement."""
    achievement, learner = credential.achievement, credential.learner
    credential.save()
    day = timezone.localdate(credential.issued_at)
    provider = ", ".join(o.name for o in achievement.organisations.all())
    CpdActivity.objects.bulk_create(
        CpdActivity(
            learner=learner,
            system=credit.system,
            credential=credential,
            title=achievement.name,
            provider=provider,
            date=day,
            credits=credit.amount,
        )
        for credit in achievement.credits.select_related("system")
    )
    record(
        account_agent(str(learner.uuid), learner.full_name),
        VERB_EARNED,
        activity(
            achievement_url(achievement),
            ACTIVITY_BADGE,
            {language_tag(achievement.language or "en"): achievement.name},
        ),
        context={
            "extensions": {"https://w3id.org/xapi/ob/extensions/credential": str(credential.uuid)}
        },
    )
    return credential


def _status_changed() -> None:
    transaction.on_commit(
        lambda: cache.delete_many([STATUS_CACHE_KEY.format(p) for p in STATUS_PURPOSES])
    )


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Give the reason.")]})
    if len(reason) > 250:
        raise ValidationFailed(fields={"reason": [_("Keep the reason under 250 characters.")]})
    return reason


@transaction.atomic
def revoke_credential(credential: Credential, *, by: Person, reason: str) -> Credential:
    """Revoke for good (staff): the revocation bit is set in the published status list."""
    require(manage_credentials, by)
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    if credential.revoked_at:
        raise Conflict(ErrorCode.CREDENTIAL_REVOKED, _("This credential is already revoked."))
    credential.revoked_at, credential.status_reason = timezone.now(), _reason(reason)
    credential.save(update_fields=["revoked_at", "status_reason", "updated_at"])
    _status_changed()
    return credential


@transaction.atomic
def suspend_credential(credential: Credential, *, by: Person, reason: str) -> Credential:
    """Suspend until reinstated (staff): the suspension bit is set in the status list."""
    require(manage_credentials, by)
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    if credential.revoked_at:
        raise Conflict(ErrorCode.CREDENTIAL_REVOKED, _("This credential is already revoked."))
    if credential.suspended_at:
        raise Conflict(message=_("This credential is already suspended."))
    credential.suspended_at, credential.status_reason = timezone.now(), _reason(reason)
    credential.save(update_fields=["suspended_at", "status_reason", "updated_at"])
    _status_changed()
    return credential


@transaction.atomic
def reinstate_credential(credential: Credential, *, by: Person) -> Credential:
    """Lift a suspension (staff). A revoked credential stays revoked."""
    require(manage_credentials, by)
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    if credential.revoked_at:
        raise Conflict(ErrorCode.CREDENTIAL_REVOKED, _("This credential is already revoked."))
    if not credential.suspended_at:
        raise Conflict(message=_("This credential is not suspended."))
    credential.suspended_at, credential.status_reason = None, ""
    credential.save(update_fields=["suspended_at", "status_reason", "updated_at"])
    _status_changed()
    return credential


# CPD record


@transaction.atomic
def add_external_activity(
    learner: Person,
    *,
    title: str,
    system_code: str,
    credits: Any,
    day: date | None,
    provider: str = "",
    evidence_url: str = "",
    evidence_file: UploadedFile[bytes] | None = None,
) -> CpdActivity:
    """Add a self-reported activity to the learner's CPD record, with its evidence."""
    errors: dict[str, list[Any]] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Name the activity.")]
    elif len(title) > 250:
        errors["title"] = [_("Keep the name under 250 characters.")]
    if len(provider or "") > 250:
        errors["provider"] = [_("Keep the provider under 250 characters.")]
    system = CreditSystem.objects.filter(code=system_code).first()
    if system is None:
        errors["system"] = [_("Choose a credit system.")]
    if day is None:
        errors["date"] = [_("Give the date of the activity.")]
    elif day > timezone.localdate():
        errors["date"] = [_("The date cannot be in the future.")]
    try:
        amount = _decimal(credits, "credits")
        if amount <= 0 or amount > 1000:
            errors["credits"] = [_("Enter credits between 0 and 1,000.")]
    except ValidationFailed as error:
        errors.update(error.fields)
    if evidence_url and not evidence_url.startswith(("https://", "http://")):
        errors["evidence_url"] = [_("Enter a web address starting with https://.")]
    if evidence_file is not None and (refused := evidence.refusal(evidence_file)) is not None:
        errors["evidence_file"] = [refused]
    if errors:
        raise ValidationFailed(fields=errors)
    assert system is not None and day is not None
    line = CpdActivity(
        learner=learner,
        system=system,
        title=title,
        provider=(provider or "").strip(),
        date=day,
        credits=amount,
        evidence_url=evidence_url,
        self_reported=True,
    )
    if evidence_file is not None:
        evidence_file.seek(0)
        # Saved as the field would on `save()`, under a name of its own (see evidence.py).
        line.evidence_file.save(evidence.storage_name(evidence_file), evidence_file, save=False)
    line.save()
    return line


@transaction.atomic
def delete_external_activity(learner: Person, line: CpdActivity) -> None:
    """Remove a self-reported line; lines backed by a credential cannot be removed."""
    require(own_record, learner, line)
    if not line.self_reported:
        raise Conflict(message=_("Credits from a credential cannot be removed."))
    stored = line.evidence_file.name or ""
    line.delete()
    if stored:
        # The learner's file goes with the line, once its removal is committed.
        storage = line.evidence_file.storage
        transaction.on_commit(lambda: storage.delete(stored))
