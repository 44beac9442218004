"""State, Activity Profile and Agent Profile documents, with the specification's concurrency.

ETags are the SHA-1 of the content. A write that names If-Match must match the current ETag, one
that says If-None-Match: * must find no document; otherwise 412 and nothing changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from praxis.lrs.models import Document
from praxis.lrs.validation import StatementInvalid, read_json


class PreconditionFailed(Exception):
    """If-Match or If-None-Match does not hold."""


class DocumentConflict(Exception):
    """A document exists and the write named no precondition where one is required."""


class DocumentNotJson(Exception):
    """POST merges only JSON objects into JSON objects."""


@dataclass(frozen=True)
class DocumentKey:
    kind: str
    activity_id: str = ""
    agent_key: str = ""
    registration: str = ""

    def filter(self) -> QuerySet[Document]:
        return Document.objects.filter(
            kind=self.kind,
            activity_id=self.activity_id,
            agent_key=self.agent_key,
            registration=self.registration,
        )


def etag_of(content: bytes) -> str:
    return hashlib.sha1(content).hexdigest()  # noqa: S324 - the xAPI specification names SHA-1


def _check(
    current: Document | None,
    if_match: str | None,
    if_none_match: str | None,
    *,
    require_precondition: bool,
) -> None:
    if if_match is not None:
        tags = {tag.strip().strip('"') for tag in if_match.split(",")}
        if current is None or ("*" not in tags and current.etag not in tags):
            raise PreconditionFailed
    if if_none_match is not None:
        tags = {tag.strip().strip('"') for tag in if_none_match.split(",")}
        if current is not None and ("*" in tags or current.etag in tags):
            raise PreconditionFailed
    if require_precondition and current is not None and if_match is None and if_none_match is None:
        raise DocumentConflict


def _is_json(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower() == "application/json"


def put_document(
    key: DocumentKey,
    document_id: str,
    content: bytes,
    content_type: str,
    *,
    if_match: str | None = None,
    if_none_match: str | None = None,
    require_precondition: bool = False,
) -> Document:
    """Create or replace a document."""
    with transaction.atomic():
        current = key.filter().select_for_update().filter(document_id=document_id).first()
        _check(current, if_match, if_none_match, require_precondition=require_precondition)
        return _save(key, document_id, current, content, content_type)


def post_document(
    key: DocumentKey,
    document_id: str,
    content: bytes,
    content_type: str,
    *,
    if_match: str | None = None,
    if_none_match: str | None = None,
) -> Document:
    """Create a document, or merge a JSON object into the stored JSON object."""
    with transaction.atomic():
        current = key.filter().select_for_update().filter(document_id=document_id).first()
        _check(current, if_match, if_none_match, require_precondition=False)
        if current is not None:
            if not (_is_json(current.content_type) and _is_json(content_type)):
                raise DocumentNotJson
            try:
                old = read_json(bytes(current.content))
                new = read_json(content)
            except StatementInvalid as error:
                raise DocumentNotJson from error
            if not isinstance(old, dict) or not isinstance(new, dict):
                raise DocumentNotJson
            content = json.dumps({**old, **new}).encode()
        elif _is_json(content_type):
            try:
                if not isinstance(read_json(content), dict):
                    raise DocumentNotJson
            except StatementInvalid as error:
                raise DocumentNotJson from error
        return _save(key, document_id, current, content, content_type)


def _save(
    key: DocumentKey, document_id: str, current: Document | None, content: bytes, content_type: str
) -> Document:
    document = current or Document(
        kind=key.kind,
        activity_id=key.activity_id,
        agent_key=key.agent_key,
        registration=key.registration,
        document_id=document_id,
    )
    document.content = content
    document.content_type = content_type or "application/octet-stream"
    document.etag = etag_of(content)
    document.updated = timezone.now()
    document.save()
    return document


def get_document(key: DocumentKey, document_id: str) -> Document | None:
    return key.filter().filter(document_id=document_id).first()


def document_ids(key: DocumentKey, since: datetime | None = None) -> list[str]:
    documents = key.filter()
    if since is not None:
        documents = documents.filter(updated__gt=since)
    return list(documents.order_by("document_id").values_list("document_id", flat=True))


def delete_documents(
    key: DocumentKey,
    document_id: str | None,
    *,
    if_match: str | None = None,
    if_none_match: str | None = None,
) -> None:
    """Delete one document, or every document under the key when no id is given."""
    with transaction.atomic():
        documents = key.filter()
        if document_id is not None:
            documents = documents.filter(document_id=document_id)
            current = documents.select_for_update().first()
            _check(current, if_match, if_none_match, require_precondition=False)
        documents.delete()


def document_json(document: Document) -> Any:
    return json.loads(bytes(document.content))
