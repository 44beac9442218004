"""/xapi/activities/state, /xapi/activities/profile and /xapi/agents/profile."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from praxis.lrs import hooks
from praxis.lrs.models import Document, LrsClient
from praxis.lrs.services import documents
from praxis.lrs.services.bound import OutsideBinding, check_document
from praxis.lrs.services.documents import DocumentKey
from praxis.lrs.validation import (
    agent_key,
    parse_timestamp,
    read_json,
    require_iri,
    require_uuid,
    validate_actor,
)
from praxis.lrs.views.http import XapiError, XapiRequest, json_response, xapi_view

# What one entry of the documents' unique index may hold of the activity, agent, registration and
# document id together, leaving room for the kind and the entry's own overhead.
MAX_DOCUMENT_KEY = 2560


def _agent(xapi: XapiRequest) -> str:
    if "agent" not in xapi.params:
        raise XapiError(400, "agent is required")
    try:
        agent = validate_actor(read_json(xapi.params["agent"], "agent"), "agent")
    except ValueError as error:
        raise XapiError(400, f"agent is not a valid Agent: {error}") from error
    key = agent_key(agent)
    if not key:
        raise XapiError(400, "agent must be identified")
    return key


def _activity(xapi: XapiRequest) -> str:
    if "activityId" not in xapi.params:
        raise XapiError(400, "activityId is required")
    return require_iri(xapi.params["activityId"], "activityId")


def _headers(response: HttpResponse, document: Document) -> HttpResponse:
    response["ETag"] = f'"{document.etag}"'
    response["Last-Modified"] = document.updated.strftime("%a, %d %b %Y %H:%M:%S GMT")
    # Compression would make the ETag weak; documents are served as stored.
    response["Content-Encoding"] = "identity"
    return response


class DocumentResource:
    """One of the three document resources, told apart by how a document is keyed."""

    def __init__(self, kind: str, id_param: str, scope: str) -> None:
        self.kind = kind
        self.id_param = id_param
        self.scope = scope

    def key(self, xapi: XapiRequest, *, listing: bool = False) -> DocumentKey:
        allowed = {self.id_param}
        if listing:
            allowed.add("since")
        if self.kind == Document.Kind.STATE:
            allowed |= {"activityId", "agent", "registration"}
            registration = xapi.params.get("registration", "")
            if registration:
                registration = require_uuid(registration, "registration").lower()
            xapi.allow_params(allowed)
            return DocumentKey(self.kind, _activity(xapi), _agent(xapi), registration)
        if self.kind == Document.Kind.ACTIVITY_PROFILE:
            xapi.allow_params(allowed | {"activityId"})
            return DocumentKey(self.kind, activity_id=_activity(xapi))
        xapi.allow_params(allowed | {"agent"})
        return DocumentKey(self.kind, agent_key=_agent(xapi))

    def document_id(self, xapi: XapiRequest) -> str | None:
        value = xapi.params.get(self.id_param)
        return value if value else None

    def located(self, xapi: XapiRequest, document_id: str | None) -> DocumentKey:
        """The document's key, refused when it and the id would not fit the unique index that
        holds them (at most 2,704 bytes an entry on PostgreSQL)."""
        key = self.key(xapi, listing=document_id is None)
        size = sum(
            len(part.encode("utf-8", "surrogatepass"))
            for part in (key.activity_id, key.agent_key, key.registration, document_id or "")
        )
        if size > MAX_DOCUMENT_KEY:
            raise XapiError(
                400, f"the activity, agent and {self.id_param} exceed {MAX_DOCUMENT_KEY} bytes"
            )
        client = xapi.client
        if client is not None and client.is_bound:
            try:
                check_document(
                    client,
                    kind=key.kind,
                    agent=key.agent_key,
                    activity_id=key.activity_id,
                    registration=key.registration,
                )
            except OutsideBinding as error:
                raise XapiError(403, str(error)) from error
        return key

    def refuse_write(
        self, xapi: XapiRequest, key: DocumentKey, document_id: str | None, content: bytes | None
    ) -> None:
        """A bound client never writes shared activity profiles, and the launch's own rules may
        keep some documents from it."""
        client = xapi.client
        if client is None or not client.is_bound:
            return
        if key.kind == Document.Kind.ACTIVITY_PROFILE:
            raise XapiError(403, "this credential may not change activity profiles")
        for reason in hooks.document_refused.ask(
            client=client,
            kind=key.kind,
            activity_id=key.activity_id,
            document_id=document_id or "",
            content=content,
            content_type=xapi.headers.get("content-type", "") if content is not None else "",
        ):
            if reason:
                raise XapiError(403, reason)

    def get(self, xapi: XapiRequest) -> HttpResponse:
        xapi.require_scope(self.scope, LrsClient.Scope.ALL_READ)
        document_id = self.document_id(xapi)
        key = self.located(xapi, document_id)
        if document_id is None:
            since = None
            if "since" in xapi.params:
                since = parse_timestamp(xapi.params["since"], "since")
            return json_response(documents.document_ids(key, since))
        if "since" in xapi.params:
            raise XapiError(400, "since applies only to a list of documents")
        client = xapi.client
        if client is not None and client.is_bound:
            hooks.document_read.send(
                client=client,
                kind=self.kind,
                activity_id=key.activity_id,
                document_id=document_id,
            )
        document = documents.get_document(key, document_id)
        if document is None:
            raise XapiError(404, "no such document")
        response = HttpResponse(bytes(document.content), content_type=document.content_type)
        return _headers(response, document)

    def _content(self, xapi: XapiRequest) -> tuple[bytes, str]:
        return xapi.body, xapi.headers.get("content-type", "application/octet-stream")

    def _require_id(self, xapi: XapiRequest) -> str:
        document_id = self.document_id(xapi)
        if document_id is None:
            raise XapiError(400, f"{self.id_param} is required")
        return document_id

    def put(self, xapi: XapiRequest) -> HttpResponse:
        xapi.require_scope(self.scope)
        document_id = self._require_id(xapi)
        key = self.located(xapi, document_id)
        content, content_type = self._content(xapi)
        self.refuse_write(xapi, key, document_id, content)
        preconditions = "if-match" in xapi.headers or "if-none-match" in xapi.headers
        # Profiles are shared between clients: a blind overwrite is refused, as a conflict
        # when the document exists and as a bad request otherwise.
        if (
            self.kind != Document.Kind.STATE
            and not preconditions
            and documents.get_document(key, document_id) is None
        ):
            raise XapiError(400, "PUT of a profile needs If-Match or If-None-Match")
        require = self.kind != Document.Kind.STATE or xapi.v2
        if content_type.split(";")[0].strip() == "application/json":
            _parse_json(content)
        documents.put_document(
            key,
            document_id,
            content,
            content_type,
            if_match=xapi.headers.get("if-match"),
            if_none_match=xapi.headers.get("if-none-match"),
            require_precondition=require,
        )
        return HttpResponse(status=204)

    def post(self, xapi: XapiRequest) -> HttpResponse:
        xapi.require_scope(self.scope)
        document_id = self._require_id(xapi)
        key = self.located(xapi, document_id)
        content, content_type = self._content(xapi)
        self.refuse_write(xapi, key, document_id, content)
        documents.post_document(
            key,
            document_id,
            content,
            content_type,
            if_match=xapi.headers.get("if-match"),
            if_none_match=xapi.headers.get("if-none-match"),
        )
        return HttpResponse(status=204)

    def delete(self, xapi: XapiRequest) -> HttpResponse:
        xapi.require_scope(self.scope)
        document_id = self.document_id(xapi)
        if document_id is None and self.kind != Document.Kind.STATE:
            raise XapiError(400, f"{self.id_param} is required")
        key = self.located(xapi, document_id)
        self.refuse_write(xapi, key, document_id, None)
        documents.delete_documents(
            key,
            document_id,
            if_match=xapi.headers.get("if-match"),
            if_none_match=xapi.headers.get("if-none-match"),
        )
        return HttpResponse(status=204)

    def view(self) -> Any:
        return xapi_view(
            {"GET": self.get, "PUT": self.put, "POST": self.post, "DELETE": self.delete}
        )


def _parse_json(content: bytes) -> None:
    read_json(content, "the document")


state_view = DocumentResource(Document.Kind.STATE, "stateId", LrsClient.Scope.STATE).view()
activity_profile_view = DocumentResource(
    Document.Kind.ACTIVITY_PROFILE, "profileId", LrsClient.Scope.PROFILE
).view()
agent_profile_view = DocumentResource(
    Document.Kind.AGENT_PROFILE, "profileId", LrsClient.Scope.PROFILE
).view()
