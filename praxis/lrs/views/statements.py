"""/xapi/statements: PUT, POST (one or a batch, JSON or multipart with attachments) and GET."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any
from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.http import HttpResponse

from praxis.lrs import formats, hooks, queries
from praxis.lrs.models import LrsClient, Statement
from praxis.lrs.queries import StatementFilter
from praxis.lrs.services import store_statements
from praxis.lrs.services.bound import OutsideBinding, check_statements
from praxis.lrs.validation import (
    SIGNATURE_USAGE,
    StatementInvalid,
    Validator,
    agent_key,
    parse_timestamp,
    read_json,
    require_iri,
    require_uuid,
    validate_actor,
)
from praxis.lrs.validation.signature import verify_signature
from praxis.lrs.views.http import (
    MAX_CONTENT_TYPE,
    XapiError,
    XapiRequest,
    json_response,
    xapi_view,
)
from praxis.lrs.views.multipart import build_multipart, parse_multipart

GET_PARAMS = {
    "statementId", "voidedStatementId", "agent", "verb", "activity", "registration",
    "related_activities", "related_agents", "since", "until", "limit", "format", "attachments",
    "ascending", "cursor",
}  # fmt: skip
SINGLE_PARAMS = {"statementId", "voidedStatementId", "format", "attachments"}


def client_authority(client: LrsClient) -> dict[str, Any]:
    return queries.client_authority(client.key, client.name)


def _statements_and_attachments(
    xapi: XapiRequest,
) -> tuple[Any, dict[str, tuple[str, bytes]]]:
    media = xapi.content_type.split(";")[0].strip().lower()
    if media == "multipart/mixed":
        parts = parse_multipart(xapi.content_type, xapi.body)
        first = parts[0]
        if first.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            raise StatementInvalid("the first part must be the statements as JSON")
        body = read_json(first.body, "the statements part")
        attachments: dict[str, tuple[str, bytes]] = {}
        for part in parts[1:]:
            sha2 = part.headers.get("x-experience-api-hash")
            if not sha2:
                raise StatementInvalid("an attachment part needs X-Experience-API-Hash")
            if part.headers.get("content-transfer-encoding", "binary").lower() != "binary":
                raise StatementInvalid("attachments must be sent with binary encoding")
            if _digest(part.body, sha2) != sha2.lower():
                raise StatementInvalid("an attachment does not match its hash")
            content_type = part.headers.get("content-type", "application/octet-stream")
            if len(content_type) > MAX_CONTENT_TYPE:
                raise StatementInvalid("an attachment's Content-Type is too long")
            attachments[sha2] = (
                content_type,
                part.body,
            )
        return body, attachments
    if media != "application/json":
        raise StatementInvalid("statements are sent as application/json or multipart/mixed")
    return xapi.json(), {}


def _digest(content: bytes, sha2: str) -> str:
    algorithm = {56: hashlib.sha224, 64: hashlib.sha256, 96: hashlib.sha384, 128: hashlib.sha512}
    return algorithm.get(len(sha2), hashlib.sha256)(content).hexdigest()


def _check_attachments(
    statements: list[dict[str, Any]], parts: dict[str, tuple[str, bytes]]
) -> None:
    needed: set[str] = set()
    for statement in statements:
        for attachment in statement.get("attachments", []):
            if attachment["usageType"] == SIGNATURE_USAGE:
                if attachment["contentType"] != "application/octet-stream":
                    raise StatementInvalid("a signature attachment is application/octet-stream")
                part = parts.get(attachment["sha2"])
                if part is None:
                    raise StatementInvalid("a signature attachment was not sent")
                verify_signature(statement, part[1])
            if "fileUrl" not in attachment:
                needed.add(attachment["sha2"])
                if attachment["sha2"] not in parts:
                    raise StatementInvalid("an attachment named in a statement was not sent")
    if set(parts) - needed - {a["sha2"] for s in statements for a in s.get("attachments", [])}:
        raise StatementInvalid("an attachment was sent that no statement names")


def _store(
    xapi: XapiRequest, statements: list[Any], attachments: dict[str, tuple[str, bytes]]
) -> list[str]:
    validator = Validator(v2=xapi.v2)
    for index, statement in enumerate(statements):
        validator.statement(statement, f"statement[{index}]")
    _check_attachments(statements, attachments)
    client = xapi.client
    assert client is not None
    if not client.is_bound:
        return _store_all(xapi, client, statements, attachments)
    with transaction.atomic():
        fresh = _refuse_unbound(client, statements)
        ids = _store_all(xapi, client, statements, attachments)
        if fresh:
            hooks.statements_stored.send(
                client=client,
                statements=[{**statements[position], "id": ids[position]} for position in fresh],
            )
    return ids


def _refuse_unbound(client: LrsClient, statements: list[dict[str, Any]]) -> list[int]:
    """The positions of the statements not stored before (a repeat is not said twice), once
    the binding and the launch's own rules allow them all."""
    try:
        check_statements(client, statements)
    except OutsideBinding as error:
        raise XapiError(403, str(error)) from error
    given = [str(s["id"]).lower() for s in statements if "id" in s]
    known = {str(i) for i in Statement.objects.filter(id__in=given).values_list("id", flat=True)}
    fresh = [
        position
        for position, statement in enumerate(statements)
        if str(statement.get("id", "")).lower() not in known
    ]
    said = [statements[position] for position in fresh]
    for reason in hooks.statements_refused.ask(client=client, statements=said):
        if reason:
            raise XapiError(403, reason)
    return fresh


def _store_all(
    xapi: XapiRequest,
    client: LrsClient,
    statements: list[Any],
    attachments: dict[str, tuple[str, bytes]],
) -> list[str]:
    def store(*, assume_new: bool = False) -> list[str]:
        return store_statements(
            statements,
            authority=client_authority(client),
            version="2.0.0" if xapi.v2 else "1.0.0",
            attachments=attachments,
            may_void_any=LrsClient.Scope.ALL in client.scopes,
            assume_new=assume_new,
        )

    try:
        # Most batches are new: they are inserted without looking their ids up first.
        with transaction.atomic():
            return store(assume_new=True)
    except IntegrityError:
        pass
    try:
        # One of the ids is stored: a re-post, a conflict, or another request's insert.
        with transaction.atomic():
            return store()
    except IntegrityError:
        # A concurrent request stored one of these ids between the check and the insert:
        # compare again.
        return store()


def put_statement(xapi: XapiRequest) -> HttpResponse:
    xapi.require_scope(LrsClient.Scope.STATEMENTS_WRITE)
    xapi.allow_params({"statementId"})
    if "statementId" not in xapi.params:
        raise XapiError(400, "PUT needs a statementId")
    statement_id = require_uuid(xapi.params["statementId"], "statementId")
    body, attachments = _statements_and_attachments(xapi)
    if not isinstance(body, dict):
        raise StatementInvalid("PUT takes one statement")
    if "id" in body and str(body["id"]).lower() != statement_id.lower():
        raise StatementInvalid("the statement id differs from statementId")
    body = {**body, "id": statement_id}
    _store(xapi, [body], attachments)
    return HttpResponse(status=204)


def post_statements(xapi: XapiRequest) -> HttpResponse:
    xapi.require_scope(LrsClient.Scope.STATEMENTS_WRITE)
    xapi.allow_params(set())
    body, attachments = _statements_and_attachments(xapi)
    statements = body if isinstance(body, list) else [body]
    if not statements:
        raise StatementInvalid("the batch is empty")
    return json_response(_store(xapi, statements, attachments))


def _boolean(xapi: XapiRequest, name: str) -> bool:
    value = xapi.params.get(name, "false").lower()
    if value not in {"true", "false"}:
        raise XapiError(400, f"{name} must be true or false")
    return value == "true"


def _filter(xapi: XapiRequest) -> StatementFilter:
    params = xapi.params
    where = StatementFilter(
        related_agents=_boolean(xapi, "related_agents"),
        related_activities=_boolean(xapi, "related_activities"),
        ascending=_boolean(xapi, "ascending"),
    )
    if "agent" in params:
        try:
            agent = validate_actor(read_json(params["agent"], "agent"), "agent")
        except ValueError as error:
            raise XapiError(400, f"agent is not a valid Agent or Group: {error}") from error
        where.agent_key = agent_key(agent)
        if not where.agent_key:
            raise XapiError(400, "agent must be identified")
    if "verb" in params:
        where.verb_id = require_iri(params["verb"], "verb")
    if "activity" in params:
        where.activity_id = require_iri(params["activity"], "activity")
    if "registration" in params:
        where.registration = uuid.UUID(require_uuid(params["registration"], "registration"))
    for name in ("since", "until"):
        if name in params:
            setattr(where, name, parse_timestamp(params[name], name))
    if "limit" in params:
        if not params["limit"].isdigit():
            raise XapiError(400, "limit must be a non-negative integer")
        where.limit = int(params["limit"])
    return where


def get_statements(xapi: XapiRequest) -> HttpResponse:
    held = set(xapi.client.scopes) if xapi.client else set()
    mine_only = not held & {"all", "all/read", "statements/read"}
    xapi.require_scope(
        LrsClient.Scope.STATEMENTS_READ,
        LrsClient.Scope.STATEMENTS_READ_MINE,
        LrsClient.Scope.ALL_READ,
    )
    xapi.allow_params(GET_PARAMS)
    output_format = xapi.params.get("format", "exact")
    if output_format not in {"exact", "ids", "canonical"}:
        raise XapiError(400, "format must be exact, ids or canonical")
    with_attachments = _boolean(xapi, "attachments")
    languages = formats.accepted_languages(xapi.headers.get("accept-language", ""))
    if "statementId" in xapi.params or "voidedStatementId" in xapi.params:
        if "statementId" in xapi.params and "voidedStatementId" in xapi.params:
            raise XapiError(400, "give statementId or voidedStatementId, not both")
        xapi.allow_params(SINGLE_PARAMS)
        voided = "voidedStatementId" in xapi.params
        identifier = require_uuid(
            xapi.params["voidedStatementId" if voided else "statementId"], "statementId"
        )
        row = queries.statement_by_id(uuid.UUID(identifier), voided=voided)
        if row is None or (mine_only and not _authored_by(row, xapi.client)):
            raise XapiError(404, "no such statement")
        response = _respond(row.data, [row], output_format, languages, with_attachments)
        response["Last-Modified"] = row.stored.strftime("%a, %d %b %Y %H:%M:%S GMT")
        return response
    where = _filter(xapi)
    if mine_only and xapi.client is not None and xapi.client.is_bound:
        bound = xapi.client
        if (where.agent_key and where.agent_key != bound.agent_key) or (
            bound.registration and where.registration not in (None, bound.registration)
        ):
            raise XapiError(403, "this credential reads only its learner's, in its registration")
        where.agent_key = bound.agent_key
        where.registration = bound.registration or where.registration
    elif mine_only and xapi.client is not None:
        where.authority_key = agent_key(client_authority(xapi.client))
    cursor = None
    if "cursor" in xapi.params:
        try:
            cursor = queries.decode_cursor(xapi.params["cursor"])
        except (ValueError, TypeError) as error:
            raise XapiError(400, "the cursor is not one this LRS made") from error
    consistent = queries.consistent_through()
    rows, last = queries.find_statements(where, cursor)
    more = ""
    if last is not None:
        next_params = {k: v for k, v in xapi.params.items() if k != "cursor"}
        next_params["cursor"] = queries.encode_cursor(last)
        more = "/xapi/statements?" + urlencode(next_params)
    payload = {"statements": [row.data for row in rows], "more": more}
    response = _respond(payload, rows, output_format, languages, with_attachments)
    response["X-Experience-API-Consistent-Through"] = consistent
    return response


def _authored_by(row: Statement, client: LrsClient | None) -> bool:
    """Whether a client that reads only its own may read `row`: one it wrote or, for a bound
    client, one about its learner."""
    if client is not None and client.is_bound:
        return row.actor_key == client.agent_key and (
            client.registration is None or row.registration == client.registration
        )
    return client is not None and row.authority_key == agent_key(client_authority(client))


def _shape(statement: dict[str, Any], output_format: str, languages: list[str]) -> dict[str, Any]:
    if output_format == "ids":
        return formats.ids_format(statement)
    if output_format == "canonical":
        shaped: dict[str, Any] = formats.canonical_format(statement, languages)
        return shaped
    return statement


def _respond(
    payload: dict[str, Any],
    rows: list[Statement],
    output_format: str,
    languages: list[str],
    with_attachments: bool,
) -> HttpResponse:
    if "statements" in payload:
        payload = {
            **payload,
            "statements": [_shape(s, output_format, languages) for s in payload["statements"]],
        }
    else:
        payload = _shape(payload, output_format, languages)
    if not with_attachments:
        return json_response(payload)
    stored = queries.attachments_of(rows)
    content_type, body = build_multipart(
        json.dumps(payload).encode(),
        [(a.sha2, a.content_type, bytes(a.content)) for a in stored],
    )
    return HttpResponse(body, content_type=content_type)


statements_view = xapi_view(
    {"GET": get_statements, "PUT": put_statement, "POST": post_statements}, consistent=True
)
