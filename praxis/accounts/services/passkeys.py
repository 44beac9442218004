"""Passkeys (WebAuthn credentials): added from the two-factor page, used as the second factor
after the password, or to sign in on their own when the authenticator verified the person
(a PIN or a fingerprint on the device makes it two factors in one).

The relying party is the site itself: its id is the host of SITE_URL and responses must come
from SITE_URL's origin. Each ceremony's challenge is kept in the person's server-side session
for CHALLENGE_MAX_AGE seconds and taken out at the first answer, right or wrong, so a response
can never be replayed. Verifying is py_webauthn's; only public keys are stored.
"""

from __future__ import annotations

import json
import time
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import (
    base64url_to_bytes,
    bytes_to_base64url,
    parse_authentication_credential_json,
)
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from praxis.accounts.models import Passkey, SecurityEventKind, User
from praxis.accounts.permissions import edit_profile
from praxis.accounts.services import recovery_codes, two_factor
from praxis.accounts.services.audit import record
from praxis.accounts.validation import FieldError, clean_text, invalid
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    RateLimited,
    ValidationFailed,
)
from praxis.core.permissions import require
from praxis.core.ratelimit import RateLimit, client_ip

CHALLENGE_SESSION_KEY = "praxis_passkey_challenge"
CHALLENGE_MAX_AGE = 300
# A real response is a few kilobytes; attestation certificates stay well under this.
MAX_RESPONSE_LENGTH = 64 * 1024
NAME_MAX_LENGTH = 100
REGISTER = "register"
SECOND_FACTOR = "second_factor"
SIGN_IN = "sign_in"
# Passkey sign-ins that fail, per client address, in a quarter of an hour.
SIGN_IN_LIMIT = RateLimit("passkey_sign_in", limit=20, window=900)

Session = MutableMapping[str, Any]


@dataclass
class Added:
    passkey: Passkey
    # New recovery codes when the passkey is the person's first second factor; else empty.
    recovery_codes: list[str]


def relying_party() -> tuple[str, str]:
    """(RP id, origin): the host of SITE_URL, and its scheme, host and port."""
    parts = urlsplit(settings.SITE_URL)
    return parts.hostname or "localhost", f"{parts.scheme}://{parts.netloc}"


def _challenge_error() -> ValidationFailed:
    return ValidationFailed(
        ErrorCode.PASSKEY_CHALLENGE_INVALID,
        _("This passkey request has expired or was already used. Please try again."),
    )


def _refused() -> ValidationFailed:
    return ValidationFailed(
        ErrorCode.PASSKEY_REFUSED,
        _("The passkey's answer could not be accepted. Please try again."),
    )


def _unknown() -> ValidationFailed:
    return ValidationFailed(
        ErrorCode.PASSKEY_UNKNOWN, _("This passkey is not one of this account's passkeys.")
    )


def _keep_challenge(session: Session, purpose: str, challenge: bytes, user: User | None) -> None:
    session[CHALLENGE_SESSION_KEY] = {
        "purpose": purpose,
        "challenge": bytes_to_base64url(challenge),
        "user": user.pk if user is not None else None,
        "at": time.time(),
    }


def _take_challenge(session: Session, purpose: str, user: User | None) -> bytes:
    """The challenge kept for this ceremony, removed from the session whatever happens next."""
    kept = session.pop(CHALLENGE_SESSION_KEY, None)
    if (
        not isinstance(kept, dict)
        or kept.get("purpose") != purpose
        or kept.get("user") != (user.pk if user is not None else None)
        or not isinstance(kept.get("at"), int | float)
        or time.time() - kept["at"] > CHALLENGE_MAX_AGE
        or not isinstance(kept.get("challenge"), str)
    ):
        raise _challenge_error()
    return base64url_to_bytes(kept["challenge"])


def _parsed(response: object) -> dict[str, Any]:
    """The browser's JSON answer as a dict; PayloadTooLarge or ValidationFailed otherwise."""
    if not isinstance(response, str) or not response.strip():
        raise ValidationFailed(
            ErrorCode.MALFORMED_BODY, _("The passkey's answer is missing. Please try again.")
        )
    if len(response) > MAX_RESPONSE_LENGTH:
        raise PayloadTooLarge(message=_("The passkey's answer is too large."))
    try:
        value = json.loads(response)
    except (ValueError, RecursionError) as error:
        raise ValidationFailed(
            ErrorCode.MALFORMED_BODY, _("The passkey's answer is not valid JSON.")
        ) from error
    if not isinstance(value, dict) or not isinstance(value.get("id"), str):
        raise ValidationFailed(
            ErrorCode.MALFORMED_BODY, _("The passkey's answer is not in the expected form.")
        )
    return value


def _descriptor(passkey: Passkey) -> PublicKeyCredentialDescriptor:
    transports = []
    for name in passkey.transports if isinstance(passkey.transports, list) else []:
        try:
            transports.append(AuthenticatorTransport(name))
        except ValueError:
            continue
    return PublicKeyCredentialDescriptor(
        id=base64url_to_bytes(passkey.credential_id), transports=transports or None
    )


def registration_options(user: User, session: Session) -> str:
    """The JSON options for the browser's navigator.credentials.create(), for `user`."""
    require(edit_profile, user, user)
    rp_id, _origin = relying_party()
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name=settings.SITE_NAME,
        user_id=user.uuid.bytes,  # the user handle: random, and names no one
        user_name=user.email,
        user_display_name=user.full_name or user.email,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.PREFERRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=[_descriptor(p) for p in Passkey.objects.filter(person=user)],
    )
    _keep_challenge(session, REGISTER, options.challenge, user)
    return options_to_json(options)


def add(
    user: User, session: Session, response: object, name: object, *, request: HttpRequest | None
) -> Added:
    """Add the passkey the browser just made (its JSON `response`) under `name`.

    Raises ValidationFailed on "name", MALFORMED_BODY, PAYLOAD_TOO_LARGE,
    PASSKEY_CHALLENGE_INVALID (expired, used or missing challenge), PASSKEY_REFUSED (a response
    that does not verify), Conflict(PASSKEY_ALREADY_ADDED). Nothing is stored when refused.
    """
    require(edit_profile, user, user)
    try:
        clean_name = clean_text(name, max_length=NAME_MAX_LENGTH, required=True)
    except FieldError as error:
        raise invalid("name", error) from error
    challenge = _take_challenge(session, REGISTER, user)
    credential = _parsed(response)
    rp_id, origin = relying_party()
    try:
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id,
            expected_origin=origin,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError) as error:
        raise _refused() from error
    transports = credential.get("response", {}).get("transports", [])
    try:
        with transaction.atomic():
            passkey = Passkey.objects.create(
                person=user,
                name=clean_name,
                credential_id=bytes_to_base64url(verified.credential_id),
                public_key=verified.credential_public_key,
                sign_count=verified.sign_count,
                transports=[str(t)[:20] for t in transports][:10]
                if isinstance(transports, list)
                else [],
            )
            codes = [] if recovery_codes.left(user) else recovery_codes.new_codes(user)
            record(user, SecurityEventKind.PASSKEY_ADDED, request=request, name=clean_name)
    except IntegrityError as error:
        raise Conflict(
            ErrorCode.PASSKEY_ALREADY_ADDED, _("This passkey has already been added.")
        ) from error
    return Added(passkey, codes)


def authentication_options(session: Session, user: User | None) -> str:
    """The JSON options for navigator.credentials.get(): for `user`'s second factor, or, with
    no user, for signing in with any passkey the device holds for this site."""
    rp_id, _origin = relying_party()
    if user is None:
        options = generate_authentication_options(
            rp_id=rp_id, user_verification=UserVerificationRequirement.REQUIRED
        )
        _keep_challenge(session, SIGN_IN, options.challenge, None)
    else:
        options = generate_authentication_options(
            rp_id=rp_id,
            allow_credentials=[_descriptor(p) for p in Passkey.objects.filter(person=user)],
            user_verification=UserVerificationRequirement.PREFERRED,
        )
        _keep_challenge(session, SECOND_FACTOR, options.challenge, user)
    return options_to_json(options)


def authenticate(
    session: Session, response: object, *, user: User | None, request: HttpRequest | None
) -> User:
    """The person whose passkey gave this `response`: `user`'s own (second factor), or anyone's
    whose authenticator verified them (signing in; `user` None).

    Raises RateLimited, MALFORMED_BODY, PAYLOAD_TOO_LARGE, PASSKEY_CHALLENGE_INVALID,
    PASSKEY_UNKNOWN (not a passkey of `user`, or of anyone) and PASSKEY_REFUSED.
    """
    address = client_ip(request) if request is not None else ""
    if user is None and SIGN_IN_LIMIT.exceeded(address):
        raise RateLimited()
    if user is not None:
        two_factor.CODE_LIMIT.check(str(user.pk))
    purpose = SIGN_IN if user is None else SECOND_FACTOR
    challenge = _take_challenge(session, purpose, user)
    credential = _parsed(response)
    try:
        parsed = parse_authentication_credential_json(credential)
    except (WebAuthnException, ValueError, TypeError) as error:
        raise _refused() from error
    credential_id = bytes_to_base64url(parsed.raw_id)
    passkey = Passkey.objects.select_related("person").filter(credential_id=credential_id).first()
    if passkey is None or (user is not None and passkey.person_id != user.pk):
        _failed(user, address, request, owner=user)
        raise _unknown()
    handle = parsed.response.user_handle
    if user is None and (handle is None or handle != passkey.person.uuid.bytes):
        _failed(None, address, request, owner=None)
        raise _unknown()
    rp_id, origin = relying_party()
    try:
        verified = verify_authentication_response(
            credential=parsed,
            expected_challenge=challenge,
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=user is None,
        )
    except (WebAuthnException, ValueError, TypeError) as error:
        _failed(user, address, request, owner=passkey.person)
        raise _refused() from error
    person = passkey.person
    if not person.is_active:
        raise _unknown()
    with transaction.atomic():
        updated = Passkey.objects.filter(pk=passkey.pk, sign_count=passkey.sign_count).update(
            sign_count=verified.new_sign_count, last_used_at=timezone.now()
        )
        if not updated:  # another sign-in with the same answer got there first
            raise _challenge_error()
        record(person, SecurityEventKind.PASSKEY_USED, request=request, name=passkey.name)
    return person


def _failed(
    user: User | None, address: str, request: HttpRequest | None, *, owner: User | None
) -> None:
    """Count a refused answer: against `user` when proving their second factor, else against
    the client address (so nobody can lock another person out by naming their passkey); and
    note it on the log of the passkey's `owner`, when known."""
    if user is None:
        SIGN_IN_LIMIT.hit(address)
    else:
        two_factor.CODE_LIMIT.hit(str(user.pk))
    if owner is not None:
        record(owner, SecurityEventKind.PASSKEY_FAILED, request=request)


def remove(user: User, passkey_id: int, *, request: HttpRequest | None = None) -> None:
    """Remove one of `user`'s passkeys (anyone else's, or none: NotFound).

    Staff and platform admins may not remove their last second factor:
    PermissionDenied(SECOND_FACTOR_REQUIRED). Someone left with no second factor at all loses
    their recovery codes too (two-factor authentication is then off).
    """
    require(edit_profile, user, user)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        passkey = Passkey.objects.filter(person=user, pk=passkey_id).first()
        if passkey is None:
            raise NotFound()
        others = Passkey.objects.filter(person=user).exclude(pk=passkey.pk).exists()
        last = not others and not two_factor.has_app(user)
        if last and two_factor.required_for(user):
            raise PermissionDenied(
                ErrorCode.SECOND_FACTOR_REQUIRED,
                _("Staff and platform admins must keep a second factor: add another first."),
            )
        passkey.delete()
        if last:
            recovery_codes.forget(user)
        record(user, SecurityEventKind.PASSKEY_REMOVED, request=request, name=passkey.name)
