"""The terms of use and the privacy notice in force, and people's acceptance of them.

Staff write and publish versions in the admin; the newest published version of each kind is
in force, and a person who has not accepted it is asked to before going on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import (
    LegalAcceptance,
    LegalDocument,
    LegalDocumentKind,
    SecurityEventKind,
    User,
)
from praxis.accounts.services.audit import record
from praxis.core.errors import ErrorCode, ValidationFailed


def documents_in_force() -> list[LegalDocument]:
    """The newest published version of each kind (terms, privacy notice), terms first."""
    published = (
        LegalDocument.objects.filter(published_at__lte=timezone.now())
        .prefetch_related("translations")
        .order_by("-published_at", "-pk")
    )
    newest: dict[str, LegalDocument] = {}
    for document in published:
        newest.setdefault(document.kind, document)
    return [newest[kind] for kind in LegalDocumentKind if kind in newest]


@dataclass(frozen=True)
class LegalText:
    """A document as shown to a reader: in their language when it has been translated."""

    document: LegalDocument
    title: str
    body: str

    @property
    def kind(self) -> str:
        return self.document.kind

    @property
    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


def texts_in_force(language: str) -> list[LegalText]:
    """documents_in_force(), each in `language` when translated."""
    return [LegalText(d, *d.in_language(language)) for d in documents_in_force()]


def person_owing_terms(person_id: int, now: datetime.datetime) -> User | None:
    """The person with this id (None if there is none), with `owes_terms` true when they have
    not accepted a version in force at `now`. The backend loads the logged-in person with it, so
    checking the terms costs no query of its own. Written as one SQL text because it runs on
    every signed-in request, and the ORM took longer to build it (its nested subqueries about
    2.5 ms, the person's row 0.3 ms more) than the database takes to answer."""
    moment = connection.ops.adapt_datetimefield_value(now)
    for person in User.objects.raw(_PERSON_OWING_TERMS, [moment, moment, person_id]):
        person.owes_terms = bool(person.owes_terms)  # type: ignore[attr-defined]  # the query's extra column; SQLite answers 0 or 1
        return person
    return None


def _person_owing_terms_sql() -> str:
    # A document published by `now` with no newer one of its kind published by then (so it
    # is in force), which the person on the row has not accepted.
    document = LegalDocument._meta.db_table
    acceptance = LegalAcceptance._meta.db_table
    person = User._meta.db_table
    return (
        f'SELECT "{person}".*, EXISTS (SELECT 1 FROM "{document}" d WHERE d."published_at" <= %s'  # noqa: S608  # table names are the models'; values are bound
        f' AND NOT EXISTS (SELECT 1 FROM "{document}" n WHERE n."kind" = d."kind"'
        f' AND n."published_at" <= %s AND n."published_at" > d."published_at")'
        f' AND NOT EXISTS (SELECT 1 FROM "{acceptance}" a'
        f' WHERE a."person_id" = "{person}"."id" AND a."document_id" = d."id"))'
        f' AS "owes_terms" FROM "{person}" WHERE "{person}"."id" = %s'
    )


_PERSON_OWING_TERMS = _person_owing_terms_sql()


def accept_documents_in_force(
    user: User, accepted: object, *, request: HttpRequest | None = None
) -> list[LegalDocument]:
    """Record that `user` accepts the versions in force now; `accepted` is their answer to the
    required box. ValidationFailed(TERMS_NOT_ACCEPTED) on "accept" when it is not true."""
    if accepted is not True:
        raise ValidationFailed(
            ErrorCode.TERMS_NOT_ACCEPTED,
            fields={"accept": [_("Please accept the terms of use and the privacy notice.")]},
        )
    documents = documents_in_force()
    with transaction.atomic():
        for document in documents:
            _row, created = LegalAcceptance.objects.get_or_create(person=user, document=document)
            if created:
                record(
                    user,
                    SecurityEventKind.TERMS_ACCEPTED,
                    request=request,
                    document=document.kind,
                    version=document.version,
                )
    return documents
