"""Credit systems and amounts are written in the reader's language, plural forms included:
the shipped systems' names and units go through gettext (a test catalogue stands in for the
translations filled in later)."""

from __future__ import annotations

import pytest
from django.test import Client

from praxis.accounts.models import User
from praxis.core.tests.catalogues import add_test_translations
from praxis.credentials.models import Credential, CreditSystem
from praxis.credentials.services import issue_credential
from praxis.credentials.tests.conftest import MakeAchievement
from praxis.credentials.tests.test_cpd import pdf_text

pytestmark = pytest.mark.django_db

SPANISH = {
    ("%(amount)s hour", 0): "%(amount)s hora",
    ("%(amount)s hour", 1): "%(amount)s horas",
    "credit system\x04CPD hours": "Horas de DPC",
    ("credit unit\x04%(amount)s credit", 0): "%(amount)s crédito",
    ("credit unit\x04%(amount)s credit", 1): "%(amount)s créditos",
}
CHINESE = {
    ("%(amount)s hour", 0): "%(amount)s 小时",
    "credit system\x04CPD hours": "持续专业发展学时",
}


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    add_test_translations(monkeypatch, "es", SPANISH)


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    add_test_translations(monkeypatch, "zh-hans", CHINESE)


def test_wallet_writes_hours_in_spanish_with_the_plural(
    client: Client, issued: Credential, spanish: None
) -> None:
    client.force_login(issued.learner)
    page = client.get("/credentials/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "2,5 horas" in page
    assert "2,5 créditos" in page
    assert " hours" not in page


def test_one_hour_takes_the_singular(
    client: Client, learner: User, make_achievement: MakeAchievement, spanish: None
) -> None:
    issue_credential(learner, make_achievement("course:short", hours="1", credits={"cpd-hours": 1}))
    client.force_login(learner)
    page = client.get("/credentials/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "1 hora" in page and "1 horas" not in page


def test_cpd_page_names_the_system_in_chinese(
    client: Client, issued: Credential, chinese: None
) -> None:
    client.force_login(issued.learner)
    page = client.get("/credentials/cpd/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "持续专业发展学时" in page
    assert "2.5 小时" in page
    assert "CPD hours" not in page


def test_cpd_pdf_names_the_system_in_spanish(
    client: Client, issued: Credential, spanish: None
) -> None:
    client.force_login(issued.learner)
    text = pdf_text(client.get("/credentials/cpd/record.pdf", HTTP_ACCEPT_LANGUAGE="es").content)
    assert "Horas de DPC" in text
    assert "2,5 horas" in text


def test_certificate_pdf_writes_credits_in_chinese(
    client: Client, issued: Credential, chinese: None
) -> None:
    text = pdf_text(
        client.get(f"/credentials/{issued.uuid}.pdf", HTTP_ACCEPT_LANGUAGE="zh-hans").content
    )
    assert "2.5 小时" in text and "持续专业发展学时" in text


def test_a_system_renamed_by_staff_keeps_its_given_name(
    client: Client, issued: Credential, spanish: None
) -> None:
    CreditSystem.objects.filter(code="cpd-hours").update(name="Horas de formación continua")
    client.force_login(issued.learner)
    page = client.get("/credentials/cpd/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Horas de formación continua" in page
