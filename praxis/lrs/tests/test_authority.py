"""Authority: a client voids only what it wrote (unless it may do everything), and the readers that
count statements see only those of the platform and of clients trusted for their purpose."""

import uuid
from typing import Any

import pytest
from django.test import Client

from praxis.lrs.models import LrsClient, Purpose, Statement
from praxis.lrs.queries import trusted_statements
from praxis.lrs.services import account_agent, activity, record
from praxis.lrs.tests.factories import Xapi, make_client, statement
from praxis.lrs.vocabulary import ACTIVITY_PLATFORM, VERB_REGISTERED

pytestmark = pytest.mark.django_db

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def writer(client: Client, **fields: object) -> Xapi:
    credential = make_client([LrsClient.Scope.STATEMENTS_WRITE, LrsClient.Scope.STATEMENTS_READ])
    for name, value in fields.items():
        setattr(credential, name, value)
    credential.save()
    return Xapi(client, credential)


def voiding(target_id: object) -> dict[str, Any]:
    return statement(
        verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": str(target_id)}
    )


def platform_statement() -> Statement:
    return record(
        account_agent(str(uuid.uuid4())),
        VERB_REGISTERED,
        activity("https://praxis.example/platform", ACTIVITY_PLATFORM),
    )


def test_a_client_cannot_void_another_clients_statement(client: Client) -> None:
    author, stranger = writer(client), writer(client)
    (target,) = author.post("statements", statement()).json()

    response = stranger.post("statements", voiding(target))

    assert response.status_code == 403
    assert author.get("statements", {"statementId": target}).status_code == 200
    assert Statement.objects.count() == 1


def test_a_client_cannot_void_the_platforms_statement(client: Client) -> None:
    target = platform_statement()

    response = writer(client).post("statements", voiding(target.id))

    assert response.status_code == 403
    target.refresh_from_db()
    assert not target.voided


def test_a_client_voids_its_own_statement(client: Client) -> None:
    author = writer(client)
    (target,) = author.post("statements", statement()).json()

    assert author.post("statements", voiding(target)).status_code == 200
    assert author.get("statements", {"statementId": target}).status_code == 404


def test_a_client_that_may_do_everything_voids_any_statement(xapi: Xapi) -> None:
    target = platform_statement()

    assert xapi.post("statements", voiding(target.id)).status_code == 200
    target.refresh_from_db()
    assert target.voided


def test_readers_trust_the_platform_and_clients_trusted_for_their_purpose(client: Client) -> None:
    mine = platform_statement()
    (untrusted,) = writer(client).post("statements", statement()).json()
    (for_research,) = (
        writer(client, trusted_for=[Purpose.RESEARCH]).post("statements", statement()).json()
    )

    research = {str(row.id) for row in trusted_statements(Purpose.RESEARCH)}
    analytics = {str(row.id) for row in trusted_statements(Purpose.ANALYTICS)}

    assert research == {str(mine.id), for_research}
    assert analytics == {str(mine.id)}
    assert untrusted not in research | analytics


def test_trusted_statements_leave_out_voided_ones(xapi: Xapi) -> None:
    target = platform_statement()
    xapi.post("statements", voiding(target.id))

    assert target.id not in {row.id for row in trusted_statements(Purpose.RESEARCH)}
