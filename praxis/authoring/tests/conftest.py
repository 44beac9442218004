"""Fixtures for co-creation: a team, a reviewer, and a draft with two lessons."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory
from praxis.authoring import services
from praxis.authoring.checklist import ensure_default_checklist
from praxis.authoring.models import Draft, DraftLesson
from praxis.authoring.tests.factories import member
from praxis.organisations.models import Organisation, Role
from praxis.organisations.tests.factories import OrganisationFactory


@dataclass
class Team:
    organisation: Organisation
    author: User
    co_author: User
    reviewer: User
    staff: User
    draft: Draft
    lessons: list[DraftLesson]


@pytest.fixture(autouse=True)
def _checklist(request: pytest.FixtureRequest) -> None:
    """Tests that empty every table also empty the shipped checklist: put it back."""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db" if not _transactional(request) else "transactional_db")
        ensure_default_checklist()


def _transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture
def team(db: None) -> Team:
    organisation = OrganisationFactory.create(name="Nairobi School of Public Health")
    author = member(organisation, Role.AUTHOR, user__full_name="Amina Odhiambo")
    co_author = member(organisation, Role.AUTHOR, user__full_name="Brian Otieno")
    reviewer = member(OrganisationFactory.create(), Role.REVIEWER, user__full_name="Chen Li")
    draft = services.start_draft(
        author, organisation, title="Mental health first aid", language="en"
    )
    module = draft.modules.get()
    lessons = [
        services.add_lesson(module, author, "Recognising distress"),
        services.add_lesson(module, author, "Talking about suicide safely"),
    ]
    for lesson in lessons:
        services.save_lesson(
            lesson, author, revision=lesson.revision, title=lesson.title, body="Listen first."
        )
    draft.refresh_from_db()
    return Team(organisation, author, co_author, reviewer, StaffFactory.create(), draft, lessons)


def approve(team: Team) -> None:
    """Submit the team's draft, have the reviewer pass every item, approve."""
    services.submit_for_review(team.draft, team.author)
    review = services.assign_reviewer(team.draft, team.reviewer, team.staff)
    items: dict[int, tuple[bool | None, str]] = {
        item.criterion_id: (True, "") for item in review.items.all()
    }
    services.record_review(review, team.reviewer, items=items, decision="approved")
    team.draft.refresh_from_db()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    """Uploaded pictures and recordings go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
