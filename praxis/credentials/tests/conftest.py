"""Fixtures for the credentials tests: a learner, an achievement and its issued credential;
uploads go to a temporary folder, never var/media."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Protocol

import pytest
from django.apps import apps
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.credentials.models import Achievement, Credential
from praxis.credentials.services import define_achievement, issue_credential
from praxis.organisations.tests.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _credit_systems(request: pytest.FixtureRequest) -> None:
    """Transactional tests empty every table, the shipped credit systems with them: put the
    migration's rows back."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        shipped = importlib.import_module("praxis.credentials.migrations.0002_credit_systems")
        shipped.add_systems(apps, None)


@pytest.fixture(autouse=True)
def media(settings: SettingsWrapper, tmp_path: Path) -> Path:
    """The folder uploaded files are kept in during the test."""
    folder = tmp_path / "media"
    settings.MEDIA_ROOT = folder
    return folder


@pytest.fixture
def learner() -> User:
    return UserFactory.create(full_name="Amina Yusuf")


class MakeAchievement(Protocol):
    """The `make_achievement` fixture: defines an achievement for `source`, any field given
    replacing the hand-hygiene course's."""

    def __call__(self, source: str = ..., **fields: Any) -> Achievement: ...


@pytest.fixture
def make_achievement() -> MakeAchievement:
    def make(source: str = "course:hand-hygiene", **kwargs: Any) -> Achievement:
        defaults: dict[str, Any] = {
            "kind": "course",
            "name": "Hand hygiene in practice",
            "criteria": "Completed every lesson of the course.",
            "description": "The five moments for hand hygiene.",
            "hours": "2.5",
            "credits": {"cpd-hours": "2.5", "ama-pra-1": None},
            "organisations": [OrganisationFactory.create(name="Kenya Medical Training College")],
            "alignments": [
                {
                    "targetName": "Infection prevention and control",
                    "targetUrl": "http://127.0.0.1:8000/competencies/ipc",
                    "targetFramework": "WHO Global Competency Framework",
                }
            ],
        }
        defaults.update(kwargs)
        return define_achievement(source, **defaults)

    return make


@pytest.fixture
def issued(learner: User, make_achievement: MakeAchievement) -> Credential:
    """A credential issued to `learner` for a course with CPD hours and AMA credits."""
    return issue_credential(learner, make_achievement())
