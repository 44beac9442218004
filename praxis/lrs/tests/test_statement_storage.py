"""Storing statements: idempotent re-posts, conflicts, atomic batches, voiding, attachments."""

import hashlib
import json
import uuid
from typing import Any

import pytest
from django.test import Client

from praxis.lrs.models import LrsClient, Statement
from praxis.lrs.tests.factories import Xapi, make_client, statement

pytestmark = pytest.mark.django_db

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def test_put_stores_the_statement_under_its_id(xapi: Xapi) -> None:
    statement_id = str(uuid.uuid4())

    response = xapi.put(f"statements?statementId={statement_id}", statement())

    assert response.status_code == 204
    assert Statement.objects.get().data["id"] == statement_id


def test_reposting_the_same_statement_changes_nothing(xapi: Xapi) -> None:
    statement_id = str(uuid.uuid4())
    xapi.put(f"statements?statementId={statement_id}", statement())

    again = xapi.put(f"statements?statementId={statement_id}", statement())

    assert again.status_code == 204
    assert Statement.objects.count() == 1


def test_a_different_statement_under_a_stored_id_is_a_conflict(xapi: Xapi) -> None:
    statement_id = str(uuid.uuid4())
    xapi.put(f"statements?statementId={statement_id}", statement())

    response = xapi.put(
        f"statements?statementId={statement_id}", statement(result={"success": True})
    )

    assert response.status_code == 409
    assert "result" not in Statement.objects.get().data


def test_batch_is_stored_whole_or_not_at_all(xapi: Xapi) -> None:
    batch = [statement(id=str(uuid.uuid4())), statement(verb={"id": "not an iri"})]

    response = xapi.post("statements", batch)

    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_batch_with_a_conflicting_id_stores_nothing(xapi: Xapi) -> None:
    taken = str(uuid.uuid4())
    xapi.put(f"statements?statementId={taken}", statement())

    batch = [statement(id=str(uuid.uuid4())), statement(id=taken, result={"completion": True})]
    response = xapi.post("statements", batch)

    assert response.status_code == 409
    assert Statement.objects.count() == 1


def test_batch_repeating_an_id_is_refused(xapi: Xapi) -> None:
    same = str(uuid.uuid4())
    response = xapi.post("statements", [statement(id=same), statement(id=same)])

    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_retried_batch_creates_no_duplicates(xapi: Xapi) -> None:
    batch = [statement(id=str(uuid.uuid4())) for _ in range(3)]

    first = xapi.post("statements", batch)
    retry = xapi.post("statements", batch)

    assert first.status_code == retry.status_code == 200
    assert first.json() == retry.json()
    assert Statement.objects.count() == 3


def test_batch_resending_a_stored_statement_stores_only_the_new_one(xapi: Xapi) -> None:
    stored, new = str(uuid.uuid4()), str(uuid.uuid4())
    xapi.post("statements", [statement(id=stored)])

    response = xapi.post("statements", [statement(id=stored), statement(id=new)])

    assert response.status_code == 200
    assert response.json() == [stored, new]
    assert sorted(str(i) for i in Statement.objects.values_list("id", flat=True)) == sorted(
        [stored, new]
    )


def test_stored_statement_keeps_what_was_said_and_gains_what_the_lrs_adds(xapi: Xapi) -> None:
    sent = statement(id=str(uuid.uuid4()), version="1.0.3", authority={"mbox": "mailto:x@y.z"})

    xapi.post("statements", [sent])

    found = xapi.get("statements", {"statementId": sent["id"]}).json()
    assert found["version"] == "1.0.3"
    assert found["timestamp"] == found["stored"]
    assert found["authority"]["account"]["name"] == xapi.key
    assert {k: found[k] for k in ("id", "actor", "verb", "object")} == {
        k: sent[k] for k in ("id", "actor", "verb", "object")
    }


def test_voiding_hides_the_target_but_voidedStatementId_finds_it(xapi: Xapi) -> None:
    target = str(uuid.uuid4())
    xapi.put(f"statements?statementId={target}", statement())
    xapi.post(
        "statements",
        statement(verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": target}),
    )

    assert xapi.get("statements", {"statementId": target}).status_code == 404
    found = xapi.get("statements", {"voidedStatementId": target})
    assert found.status_code == 200 and found.json()["id"] == target
    listed = [s["id"] for s in xapi.get("statements").json()["statements"]]
    assert target not in listed


def test_a_voiding_statement_cannot_be_voided(xapi: Xapi) -> None:
    target, voiding = str(uuid.uuid4()), str(uuid.uuid4())
    xapi.put(f"statements?statementId={target}", statement())
    ref = {"objectType": "StatementRef"}
    xapi.put(
        f"statements?statementId={voiding}",
        statement(verb={"id": VOIDED}, object={**ref, "id": target}),
    )

    response = xapi.post(
        "statements", statement(verb={"id": VOIDED}, object={**ref, "id": voiding})
    )

    assert response.status_code == 400
    assert Statement.objects.count() == 2


def _multipart(
    statements: object, parts: list[tuple[str, str]], boundary: str = "xyzBOUNDARY"
) -> tuple[str, str]:
    body = f"--{boundary}\r\nContent-Type: application/json\r\n\r\n{json.dumps(statements)}\r\n"
    for sha2, content in parts:
        body += (
            f"--{boundary}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: binary\r\n"
            f"X-Experience-API-Hash: {sha2}\r\n\r\n{content}\r\n"
        )
    return body + f"--{boundary}--", f"multipart/mixed; boundary={boundary}"


def _with_attachment(content: str) -> tuple[dict[str, Any], str]:
    sha2 = hashlib.sha256(content.encode()).hexdigest()
    attachment = {
        "usageType": "http://x.org/certificate",
        "display": {"en": "Certificate"},
        "contentType": "text/plain",
        "length": len(content),
        "sha2": sha2,
    }
    return statement(attachments=[attachment]), sha2


def test_attachment_is_stored_and_returned_in_multipart(xapi: Xapi) -> None:
    data, sha2 = _with_attachment("certificate text")
    body, content_type = _multipart(data, [(sha2, "certificate text")])

    statement_id = xapi.post("statements", body, content_type=content_type).json()[0]
    response = xapi.get("statements", {"statementId": statement_id, "attachments": "true"})

    assert response["Content-Type"].startswith("multipart/mixed")
    assert b"certificate text" in response.content


def test_attachment_whose_content_does_not_match_its_hash_is_refused(xapi: Xapi) -> None:
    data, sha2 = _with_attachment("certificate text")
    body, content_type = _multipart(data, [(sha2, "forged text")])

    assert xapi.post("statements", body, content_type=content_type).status_code == 400
    assert not Statement.objects.exists()


def test_attachment_named_but_not_sent_is_refused(xapi: Xapi) -> None:
    data, _ = _with_attachment("certificate text")
    body, content_type = _multipart(data, [])

    assert xapi.post("statements", body, content_type=content_type).status_code == 400
    assert not Statement.objects.exists()


def test_activity_definitions_from_several_statements_merge(xapi: Xapi) -> None:
    activity_id = "https://academy.example/courses/triage"
    for tag, name in (("en", "Triage"), ("fr", "Triage fr")):
        xapi.post(
            "statements",
            statement(object={"id": activity_id, "definition": {"name": {tag: name}}}),
        )

    response = xapi.get("activities", {"activityId": activity_id})

    assert response.json()["definition"]["name"] == {"en": "Triage", "fr": "Triage fr"}


def test_naming_another_clients_attachment_hash_does_not_reveal_its_content(
    client: Client, xapi: Xapi
) -> None:
    data, sha2 = _with_attachment("a colleague's private certificate")
    body, content_type = _multipart(data, [(sha2, "a colleague's private certificate")])
    assert xapi.post("statements", body, content_type=content_type).status_code == 200
    prober = Xapi(
        client,
        make_client([LrsClient.Scope.STATEMENTS_WRITE, LrsClient.Scope.STATEMENTS_READ_MINE]),
    )
    claim = {**data["attachments"][0], "fileUrl": "https://prober.example/file"}
    (claim_id,) = prober.post("statements", statement(attachments=[claim])).json()

    response = prober.get("statements", {"statementId": claim_id, "attachments": "true"})

    assert response.status_code == 200
    assert b"private certificate" not in response.content
    listed = prober.get("statements", {"attachments": "true"})
    assert b"private certificate" not in listed.content


def test_a_reader_of_all_statements_gets_the_attachment_with_its_authors_statement(
    client: Client, xapi: Xapi
) -> None:
    data, sha2 = _with_attachment("certificate text")
    body, content_type = _multipart(data, [(sha2, "certificate text")])
    (statement_id,) = xapi.post("statements", body, content_type=content_type).json()
    reader = Xapi(client, make_client([LrsClient.Scope.STATEMENTS_READ]))

    response = reader.get("statements", {"statementId": statement_id, "attachments": "true"})

    assert b"certificate text" in response.content
