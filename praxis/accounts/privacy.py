"""What the accounts app (and the Django parts it runs on) holds about a person."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from praxis.accounts.models import (
    AccountErasure,
    ApiToken,
    DataExport,
    LegalAcceptance,
    Passkey,
    PersonSession,
    RecoveryCode,
    SecurityEvent,
    User,
)
from praxis.core.people import Person
from praxis.core.personal_data import Erasing, Erasure, Holding, Row, register

# A name shorter than this matches too much of the log to be searched for there.
NAME_MIN_LENGTH = 4


def _profile(person: Person) -> Iterator[Row]:
    yield {
        "email": person.email,
        "full_name": person.full_name,
        "occupation": person.occupation_id,
        "country": str(person.country or ""),
        "languages": person.languages,
        "preferred_language": person.preferred_language,
        "organisation_name": person.organisation_name,
        "birth_year": person.birth_year,
        "time_zone": person.time_zone,
        "email_verified_at": person.email_verified_at,
        "joined": person.created_at,
        "last_login": person.last_login,
    }


def _erase_profile(erasing: Erasing) -> None:
    """The account row itself goes last, once every app let go of it (see lifecycle.erasure)."""


def _erase_admin_log(erasing: Erasing) -> None:
    # Staff actions taken by the person stay on the back-office log, credited to nobody in
    # particular; entries about the person lose what the log wrote down of them: on their own
    # account, and on any record whose name or change message showed their name, address or id.
    person = erasing.person
    LogEntry.objects.filter(user=person).update(user=erasing.former_member)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk)
    ).update(object_id="", object_repr="", change_message="")
    naming = Q()
    for value in (person.email, str(person.uuid), person.full_name.strip()):
        if len(value) >= NAME_MIN_LENGTH:
            naming |= Q(object_repr__icontains=value) | Q(change_message__icontains=value)
    LogEntry.objects.filter(naming).update(
        object_repr=erasing.former_member.full_name, change_message=""
    )


def _erase_security_events(erasing: Erasing) -> None:
    """The person's own audit log goes (its details hold their addresses); what they did to
    others' accounts as an admin stays on those accounts' logs, credited to nobody."""
    SecurityEvent.objects.filter(person=erasing.person).delete()
    SecurityEvent.objects.filter(by=erasing.person).update(by=None)


def _erase_sessions(erasing: Erasing) -> None:
    """End every session of the person (the session table holds their id inside its data)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    person_id = str(erasing.person.pk)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id", "")) == person_id:
            store(session.session_key).delete()


register(
    Holding(
        User,
        ("email", "full_name"),
        Erasure.CUSTOM,
        kind="profile",
        label=_("Profile"),
        export=_profile,
        erase=_erase_profile,
    ),
    Holding(
        ApiToken,
        ("user",),
        Erasure.DELETE,
        kind="api-tokens",
        label=_("API tokens (names and dates only)"),
        fields=("name", "prefix", "created_at", "last_used_at", "revoked_at"),
    ),
    Holding(DataExport, ("user",), Erasure.DELETE),
    Holding(AccountErasure, ("user", "erased_by"), Erasure.DETACH),
    Holding(LogEntry, ("user",), Erasure.CUSTOM, erase=_erase_admin_log),
    Holding(Session, (), Erasure.CUSTOM, erase=_erase_sessions),
    Holding(
        SecurityEvent,
        ("person", "by"),
        Erasure.CUSTOM,
        kind="security-events",
        label=_("Security events on the account"),
        fields=("created_at", "kind", "client_address", "details"),
        erase=_erase_security_events,
    ),
    Holding(
        PersonSession,
        ("person",),
        Erasure.DELETE,
        kind="sessions",
        label=_("Signed-in sessions"),
        fields=("created_at", "last_seen_at", "user_agent", "client_address"),
    ),
    Holding(
        LegalAcceptance,
        ("person",),
        Erasure.DELETE,
        kind="legal-acceptances",
        label=_("Terms and privacy notices accepted"),
        fields=("accepted_at", "document__kind", "document__version"),
    ),
    Holding(TOTPDevice, ("user",), Erasure.DELETE),
    Holding(StaticDevice, ("user",), Erasure.DELETE),
    Holding(RecoveryCode, ("person",), Erasure.DELETE),
    Holding(
        Passkey,
        ("person",),
        Erasure.DELETE,
        kind="passkeys",
        label=_("Passkeys (names and dates only)"),
        fields=("name", "created_at", "last_used_at"),
    ),
)
