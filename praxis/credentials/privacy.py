"""What credentials hold about a person: their wallet (each credential as issued, JSON and PDF)
and their CPD record.

Erasure takes the credentials out of the site's wallet; the copies their holder downloaded keep
their signature and stay verifiable at /credentials/verify/. Each one's status-list entry is kept
(its index, whether it was revoked or suspended, nothing about the person), so a revoked copy
still reads as revoked and its index is never given to another credential.
"""

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from praxis.core.people import Person
from praxis.core.personal_data import Erasing, Erasure, File, Holding, Row, register
from praxis.credentials.exports import certificate_pdf, cpd_pdf
from praxis.credentials.models import CpdActivity, Credential, ErasedCredentialStatus
from praxis.credentials.queries import cpd_record, wallet


def _credentials(person: Person) -> Iterator[Row]:
    for credential in wallet(person).order_by("issued_at", "pk"):
        yield {
            "uuid": credential.uuid,
            "achievement": credential.achievement.name,
            "issued_at": credential.issued_at,
            "valid_until": credential.valid_until,
            "revoked_at": credential.revoked_at,
            "document": credential.document,
        }


def _documents(person: Person) -> Iterator[File]:
    for credential in wallet(person).order_by("issued_at", "pk"):
        yield f"credentials/{credential.uuid}.pdf", certificate_pdf(credential)
    record = cpd_record(person)
    if record:
        yield "cpd/cpd-record.pdf", cpd_pdf(person, record, None, None)


def _keep_statuses(erasing: Erasing) -> None:
    """Before the person's credentials are deleted: keep each one's status-list entry (the
    published lists stay as they were, so their cache stays true)."""
    ErasedCredentialStatus.objects.bulk_create(
        ErasedCredentialStatus(
            status_index=index,
            issued_at=issued_at,
            revoked_at=revoked_at,
            suspended_at=suspended_at,
        )
        for index, issued_at, revoked_at, suspended_at in Credential.objects.filter(
            learner=erasing.person
        ).values_list("status_index", "issued_at", "revoked_at", "suspended_at")
    )


register(
    Holding(
        Credential,
        ("learner",),
        Erasure.DELETE,
        kind="credentials",
        label=_("Credentials (JSON here, PDF in the credentials folder)"),
        export=_credentials,
        files=_documents,
        erase=_keep_statuses,
    ),
    Holding(
        CpdActivity,
        ("learner",),
        Erasure.DELETE,
        kind="cpd-record",
        label=_("CPD record"),
        fields=(
            "date",
            "title",
            "provider",
            "system__name",
            "credits",
            "evidence_url",
            "self_reported",
            "credential__uuid",
        ),
    ),
)
