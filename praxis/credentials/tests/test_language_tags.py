"""Language tags leave Praxis in their canonical case (zh-Hans), in credentials, in the xAPI
statements they record, and in the pages and PDFs."""

from __future__ import annotations

import re
from typing import Any

import pytest

from praxis.credentials.services import issue_credential
from praxis.lrs.models import Statement

pytestmark = pytest.mark.django_db


def test_earned_statement_names_the_badge_in_its_own_language(
    learner: Any, make_achievement: Any
) -> None:
    issue_credential(learner, make_achievement("course:zh", name="手部卫生", language="zh-hans"))
    statement = Statement.objects.get(verb_id="http://id.tincanapi.com/verb/earned")
    assert statement.data["object"]["definition"]["name"] == {"zh-Hans": "手部卫生"}


def test_pages_declare_chinese_in_canonical_case(client: Any, issued: Any) -> None:
    page = client.get(f"/credentials/{issued.uuid}", HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert re.search(r'<html lang="zh-Hans"', page)
