"""What research holds about a person: consent given and withdrawn (with its history), the
experiments they were assigned to, and their part in research projects as a researcher.

Erasure goes through `retention.erase_participant`: it deletes the files of every export with a
row of theirs, their consent records (so no later export holds them) and their assignments.
Projects they led or requested exports for stay, credited to "former member". A withdrawal of
consent erases nothing: it leaves the person out of later exports and of every experiment (see
research.experiments), and what they were assigned stays listed here until erasure.
"""

from collections.abc import Iterator

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from praxis.core.people import Person
from praxis.core.personal_data import Erasing, Erasure, Holding, Row, register
from praxis.research.models import (
    Assignment,
    ConsentRecord,
    Decision,
    Experiment,
    Export,
    Project,
)
from praxis.research.retention import erase_participant, exports_holding


def _erase_participant(erasing: Erasing) -> None:
    erase_participant(erasing.person)


def _research_exports(person: Person) -> Iterator[Row]:
    """The research exports, still kept, that hold a row of the person under a pseudonym."""
    for export in exports_holding(person):
        yield {
            "project": export.project.title,
            "exported_at": export.finished_at,
            "files_kept_until": export.expires_at,
        }


def _erase_projects(erasing: Erasing) -> None:
    Project.objects.filter(principal_investigator=erasing.person).update(
        principal_investigator=erasing.former_member
    )
    Project.members.through.objects.filter(user=erasing.person).delete()


register(
    Holding(
        ConsentRecord,
        ("learner",),
        Erasure.CUSTOM,
        kind="research-consent",
        label=_("Research consent and its history"),
        fields=("granted", "version", "language", "recorded_at"),
        erase=_erase_participant,
    ),
    Holding(
        Assignment,
        ("learner",),
        Erasure.DELETE,
        kind="research-experiments",
        label=_("Research experiments you took part in"),
        fields=("experiment__title", "variant__name", "assigned_at"),
    ),
    Holding(
        Project,
        ("principal_investigator", "members"),
        Erasure.CUSTOM,
        kind="research-projects",
        label=_("Research projects you led or joined"),
        export=lambda person: (
            Project.objects.filter(Q(principal_investigator=person) | Q(members=person))
            .distinct()
            .order_by("pk")
            .values("title", "status", "created_at")
        ),
        erase=_erase_projects,
    ),
    Holding(Decision, ("by",), Erasure.DETACH),
    # Exports others asked for stay (credited to "former member" when the person asked); the
    # person's archive lists the ones whose files hold a pseudonymised row of theirs.
    Holding(
        Export,
        ("requested_by",),
        Erasure.REASSIGN,
        kind="research-exports",
        label=_("Research exports that include your pseudonymised data"),
        export=_research_exports,
    ),
    Holding(Experiment, ("created_by",), Erasure.DETACH),
)
