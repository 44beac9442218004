"""What credentials hold about a person: their wallet (each credential as issued, JSON and PDF)
and their CPD record, with the evidence files they attached to it (in the archive under
cpd/evidence/, and deleted from storage once their erasure commits).

Erasure takes the credentials out of the site's wallet; the copies their holder downloaded keep
their signature and stay verifiable at /credentials/verify/. Each one's status-list entry is kept
(its index, whether it was revoked or suspended, nothing about the person) by `keep_status`,
which runs before any credential is deleted, so a revoked copy still reads as revoked and its
index is never given to another credential.
"""

from collections.abc import Callable, Iterator

from django.core.files.storage import Storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from praxis.core.people import Person
from praxis.core.personal_data import Erasing, Erasure, File, Holding, Row, register
from praxis.credentials.evidence import shown_name
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


def _with_evidence(person: Person) -> list[CpdActivity]:
    return list(CpdActivity.objects.filter(learner=person).exclude(evidence_file="").order_by("pk"))


def _evidence_files(person: Person) -> Iterator[File]:
    """Each evidence file the person attached, as kept; one lost from storage is left out
    rather than keeping the whole archive from being made."""
    for line in _with_evidence(person):
        name = f"cpd/evidence/{line.pk}-{shown_name(line.evidence_file.name or '')}"
        try:
            with line.evidence_file.open("rb") as stored:
                content = stored.read()
        except OSError:
            continue
        yield name, content


def _erase_evidence_files(erasing: Erasing) -> None:
    """The stored evidence files of the person's CPD lines go once the erasure commits (the
    rows themselves are deleted by the holding)."""
    for line in _with_evidence(erasing.person):
        transaction.on_commit(_deleting(line.evidence_file.storage, line.evidence_file.name or ""))


def _deleting(storage: Storage, name: str) -> Callable[[], None]:
    return lambda: storage.delete(name)


def keep_status(sender: type[Credential], instance: Credential, **kwargs: object) -> None:
    """Before a credential is deleted, whichever way (its holder's erasure, a course removed, a
    shell): keep its status-list entry, so the published lists stay as they were (and their cache
    stays true) and its index is never given to another credential."""
    # The row as stored: the instance being deleted may be older than its last revocation.
    for index, issued_at, revoked_at, suspended_at in Credential.objects.filter(
        pk=instance.pk
    ).values_list("status_index", "issued_at", "revoked_at", "suspended_at"):
        ErasedCredentialStatus.objects.get_or_create(
            status_index=index,
            defaults={
                "issued_at": issued_at,
                "revoked_at": revoked_at,
                "suspended_at": suspended_at,
            },
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
        files=_evidence_files,
        erase=_erase_evidence_files,
    ),
)
