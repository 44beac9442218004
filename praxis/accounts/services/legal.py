"""The terms of use and the privacy notice in force, and people's acceptance of them.

Staff write and publish versions in the admin; the newest published version of each kind is
in force, and a person who has not accepted it is asked to before going on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
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


def owes_acceptance(now: datetime.datetime) -> RawSQL:
    """An expression, on a person, true when they have not accepted a version in force at
    `now`: the backend adds it to the query that loads the logged-in person, so checking it
    costs no query of its own. Written as SQL because it runs on every signed-in request and
    the ORM's nested subqueries took longer to compile (about 2.5 ms) than to run."""
    moment = connection.ops.adapt_datetimefield_value(now)
    # A constant text; the moment goes in as a parameter.
    return RawSQL(_OWES_ACCEPTANCE, (moment, moment), output_field=BooleanField())  # noqa: S611 - constant SQL, parameters bound


def _owes_acceptance_sql() -> str:
    # A document published by `now` with no newer one of its kind published by then (so it
    # is in force), which the person on the outer row has not accepted.
    document = LegalDocument._meta.db_table
    acceptance = LegalAcceptance._meta.db_table
    person = User._meta.db_table
    return (
        f'EXISTS (SELECT 1 FROM "{document}" d WHERE d."published_at" <= %s'  # noqa: S608  # table names are the models'; values are bound
        f' AND NOT EXISTS (SELECT 1 FROM "{document}" n WHERE n."kind" = d."kind"'
        f' AND n."published_at" <= %s AND n."published_at" > d."published_at")'
        f' AND NOT EXISTS (SELECT 1 FROM "{acceptance}" a'
        f' WHERE a."person_id" = "{person}"."id" AND a."document_id" = d."id"))'
    )


_OWES_ACCEPTANCE = _owes_acceptance_sql()


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
