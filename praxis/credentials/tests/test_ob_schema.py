"""Issued credentials against 1EdTech's published Open Badges 3.0 JSON schema (tests/data)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from jsonschema import Draft201909Validator, FormatChecker

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory
from praxis.credentials.models import Credential
from praxis.credentials.services import issue_credential, suspend_credential
from praxis.credentials.tests.conftest import MakeAchievement

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (
        Path(__file__).parent / "data" / "1edtech" / "ob_v3p0_achievementcredential_schema.json"
    ).read_text(encoding="utf-8")
)
VALIDATOR = Draft201909Validator(SCHEMA, format_checker=FormatChecker())


def schema_errors(document: dict[str, Any]) -> list[str]:
    return [
        f"{'/'.join(str(part) for part in error.absolute_path)}: {error.message}"
        for error in VALIDATOR.iter_errors(document)
    ]


def test_course_credential_follows_the_open_badges_schema(issued: Credential) -> None:
    assert schema_errors(issued.document) == []


def test_chinese_credential_follows_the_open_badges_schema(
    learner: User, make_achievement: MakeAchievement
) -> None:
    credential = issue_credential(
        learner, make_achievement("course:zh", name="感染预防与控制", language="zh-hans")
    )
    assert schema_errors(credential.document) == []
    assert credential.document["credentialSubject"]["achievement"]["inLanguage"] == "zh-Hans"


def test_expiring_suspended_credential_follows_the_open_badges_schema(
    learner: User, make_achievement: MakeAchievement
) -> None:
    credential = issue_credential(
        learner,
        make_achievement("event:workshop", kind="event", credits={}),
        valid_until=timezone.now() + timedelta(days=365),
    )
    suspend_credential(credential, by=StaffFactory.create(), reason="Under review")
    credential.refresh_from_db()
    assert schema_errors(credential.document) == []


def test_credential_states_one_status_entry_for_revocation_and_suspension(
    issued: Credential,
) -> None:
    status = issued.document["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "message"
    assert status["statusSize"] == 2
    assert [m["message"] for m in status["statusMessage"]] == ["valid", "revoked", "suspended"]
