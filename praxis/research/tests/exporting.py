"""Helpers of the export tests: consenting learners enrolled in a course, an approved project,
an export run at once, the rows of its CSV."""

import csv
import datetime

from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.models import User
from praxis.catalog import services as catalog
from praxis.catalog.tests.factories import course_with_lessons
from praxis.reference.models import Occupation
from praxis.research import exports, services
from praxis.research.models import Export, Project
from praxis.research.tests.factories import ProjectFactory, consenting

THIS_YEAR = datetime.date.today().year


def learners(
    count: int,
    country: str = "KE",
    organisation: str = "Kenyatta Hospital",
    occupation: str = "2221",
    age: int | None = 34,
) -> list[User]:
    """`count` consenting learners alike, each enrolled in a new one-lesson course."""
    course = course_with_lessons(modules=1, lessons_per_module=1)
    people: list[User] = []
    for _i in range(count):
        learner = consenting(
            country=country,
            organisation_name=organisation,
            occupation=Occupation.objects.get(isco08=occupation),
            birth_year=THIS_YEAR - age if age else None,
        )
        catalog.enrol(learner, course)
        people.append(learner)
    return people


def approved(**fields: object) -> Project:
    return ProjectFactory.create(status=Project.Status.APPROVED, **fields)


def run_export(
    project: Project, capture_on_commit: DjangoCaptureOnCommitCallbacks, by: User | None = None
) -> Export:
    """Request an export of `project` and run its task at once."""
    with capture_on_commit(execute=True):
        export = services.request_export(project, by=by or project.principal_investigator)
    export.refresh_from_db()
    return export


def csv_rows(export: Export) -> list[dict[str, str]]:
    with exports.export_path(export, "csv").open(encoding="utf-8") as file:
        return list(csv.DictReader(file))
