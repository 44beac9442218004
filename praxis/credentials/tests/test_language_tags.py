"""Language tags leave Praxis in their canonical case (zh-Hans), in credentials, in the xAPI
statements they record, and in the pages and PDFs."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from praxis.accounts.models import User
from praxis.credentials.models import Credential
from praxis.credentials.services import issue_credential
from praxis.credentials.tests.conftest import MakeAchievement
from praxis.lrs.models import Statement

pytestmark = pytest.mark.django_db


def test_earned_statement_names_the_badge_in_its_own_language(
    learner: User, make_achievement: MakeAchievement
) -> None:
    issue_credential(learner, make_achievement("course:zh", name="手部卫生", language="zh-hans"))
    statement = Statement.objects.get(verb_id="http://id.tincanapi.com/verb/earned")
    assert statement.data["object"]["definition"]["name"] == {"zh-Hans": "手部卫生"}


def test_pages_declare_chinese_in_canonical_case(client: Client, issued: Credential) -> None:
    page = client.get(f"/credentials/{issued.uuid}", HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert re.search(r'<html lang="zh-Hans"', page)
