"""What the Learning Record Store holds about a person: the statements that name them (as actor,
object, authority or in the context) and the state and profile documents kept for them.

Erasure keeps the statements, so that analytics and research stay consistent, but replaces every
agent that identifies the person with one anonymous account, the same for all their statements,
derived from nothing about them. Their documents are deleted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from praxis.core.people import Person
from praxis.core.personal_data import Erasing, Erasure, Holding, Row, register
from praxis.lrs.models import Document, LrsClient, Statement, StatementRelation
from praxis.lrs.services.statements import account_agent, fingerprint
from praxis.lrs.validation import agent_key


def agent_keys(person: Person) -> set[str]:
    """Every key under which the store may know the person: their account on this site, and
    their e-mail address as a mailbox or its SHA-1 digest (as external content may send)."""
    mailbox = f"mailto:{person.email}"
    return {
        agent_key(account_agent(str(person.uuid))),
        f"mbox|{mailbox}",
        f"mbox_sha1sum|{hashlib.sha1(mailbox.encode()).hexdigest()}",  # noqa: S324 - xAPI's own
    }


def statements_about(person: Person) -> QuerySet[Statement]:
    """The statements naming the person anywhere: as actor, object, authority or related agent."""
    keys = agent_keys(person)
    related = StatementRelation.objects.filter(
        kind=StatementRelation.Kind.AGENT, key__in=keys
    ).values("statement_id")
    return Statement.objects.filter(
        Q(actor_key__in=keys)
        | (Q(object_agent_key__in=keys) & Q(object_agent_key__gt=""))
        | Q(authority_key__in=keys)
        | Q(id__in=related)
    )


def _export_statements(person: Person) -> Iterator[Row]:
    for statement in statements_about(person).order_by("stored", "id").iterator():
        yield {
            "id": statement.id,
            "stored": statement.stored,
            "voided": statement.voided,
            "statement": statement.data,
        }


def _replace_agents(value: Any, keys: set[str], anonymous: dict[str, Any]) -> Any:
    """`value` with every agent whose key is one of `keys` replaced by `anonymous`."""
    if isinstance(value, dict):
        if agent_key(value) in keys:
            return dict(anonymous)
        return {name: _replace_agents(item, keys, anonymous) for name, item in value.items()}
    if isinstance(value, list):
        return [_replace_agents(item, keys, anonymous) for item in value]
    return value


def _erase_statements(erasing: Erasing) -> None:
    keys = agent_keys(erasing.person)
    anonymous = {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL, "name": erasing.anonymous_name},
    }
    anonymous_key = agent_key(anonymous)

    def rekey(key: str) -> str:
        return anonymous_key if key in keys else key

    changed = []
    for statement in statements_about(erasing.person).iterator():
        statement.data = _replace_agents(statement.data, keys, anonymous)
        statement.actor_key = rekey(statement.actor_key)
        statement.object_agent_key = rekey(statement.object_agent_key)
        statement.authority_key = rekey(statement.authority_key)
        statement.fingerprint = fingerprint(statement.data)
        changed.append(statement)
    Statement.objects.bulk_update(
        changed,
        ["data", "actor_key", "object_agent_key", "authority_key", "fingerprint"],
        batch_size=500,
    )
    StatementRelation.objects.filter(key__in=keys).update(key=anonymous_key)


def _erase_documents(erasing: Erasing) -> None:
    Document.objects.filter(agent_key__in=agent_keys(erasing.person)).delete()


def _erase_launch_credentials(erasing: Erasing) -> None:
    # A launch credential names the learner it acts for: it goes with them.
    LrsClient.objects.filter(agent_key__in=agent_keys(erasing.person)).delete()


register(
    Holding(
        Statement,
        ("actor_key", "object_agent_key", "authority_key", "data"),
        Erasure.CUSTOM,
        kind="xapi-statements",
        label=_("Learning record (xAPI statements about you)"),
        export=_export_statements,
        erase=_erase_statements,
    ),
    Holding(Document, ("agent_key",), Erasure.CUSTOM, erase=_erase_documents),
    Holding(LrsClient, ("agent_key",), Erasure.CUSTOM, erase=_erase_launch_credentials),
)
