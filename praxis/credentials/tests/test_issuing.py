from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import ValidationFailed
from praxis.credentials.models import CpdActivity, Credential, SigningKey
from praxis.credentials.services import define_achievement, issue_credential
from praxis.credentials.tests.conftest import MakeAchievement
from praxis.credentials.verification import verify
from praxis.lrs.models import Statement
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_issued_credential_is_an_open_badge_signed_by_the_site(issued: Credential) -> None:
    document = issued.document
    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert document["issuer"]["id"] == "did:web:127.0.0.1%3A8000"
    assert document["credentialSubject"]["achievement"]["name"] == "Hand hygiene in practice"
    assert document["credentialSubject"]["identifier"][0]["identityHash"] == "Amina Yusuf"
    assert document["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert verify(document).status == "valid"


def test_achievement_carries_criteria_alignment_and_issuing_partner(issued: Credential) -> None:
    achievement = issued.document["credentialSubject"]["achievement"]
    assert achievement["criteria"]["narrative"] == "Completed every lesson of the course."
    assert achievement["alignment"][0]["targetName"] == "Infection prevention and control"
    assert achievement["creator"]["name"] == "Kenya Medical Training College"


def test_issuing_twice_for_the_same_achievement_returns_the_first(
    learner: User, issued: Credential
) -> None:
    again = issue_credential(learner, issued.achievement)
    assert again.pk == issued.pk
    assert Credential.objects.filter(learner=learner).count() == 1
    assert CpdActivity.objects.filter(learner=learner).count() == 2


def test_database_refuses_a_second_credential_for_the_same_achievement(issued: Credential) -> None:
    duplicate = Credential(
        achievement=issued.achievement,
        learner=issued.learner,
        issued_at=timezone.now(),
        status_index=issued.status_index + 1,
        signing_key=issued.signing_key,
        document={},
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_issuing_records_cpd_lines_with_the_credential_as_evidence(issued: Credential) -> None:
    lines = {line.system.code: line for line in issued.cpd_activities.select_related("system")}
    assert lines["cpd-hours"].credits == Decimal("2.50")
    assert lines["ama-pra-1"].credits == Decimal("2.50")
    assert not lines["cpd-hours"].self_reported


def test_issuing_records_an_earned_statement(issued: Credential) -> None:
    statement = Statement.objects.get(verb_id="http://id.tincanapi.com/verb/earned")
    assert statement.data["object"]["definition"]["name"] == {"en": "Hand hygiene in practice"}


def test_first_issue_makes_a_signing_key(issued: Credential) -> None:
    assert SigningKey.objects.filter(retired_at__isnull=True).count() == 1
    assert issued.document["proof"][0]["verificationMethod"].endswith(issued.signing_key.key_id)


def test_achievement_in_arabic_and_chinese_is_signed_and_verifies(
    learner: User, make_achievement: MakeAchievement
) -> None:
    achievement = make_achievement(
        "course:ar", name="الوقاية من العدوى ومكافحتها — 感染预防与控制", language="ar"
    )
    credential = issue_credential(learner, achievement)
    assert verify(credential.document).status == "valid"


def test_credential_valid_until_before_issue_is_refused(
    learner: User, make_achievement: MakeAchievement
) -> None:
    with pytest.raises(ValidationFailed):
        issue_credential(
            learner, make_achievement(), valid_until=timezone.now() - timedelta(days=1)
        )
    assert not Credential.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("kind", "party"), ("name", ""), ("criteria", "   "), ("hours", "lots"), ("hours", "-1")],
)
def test_bad_achievement_definitions_are_refused(field: str, value: str) -> None:
    arguments: dict[str, Any] = {
        "kind": "course",
        "name": "Triage",
        "criteria": "Completed",
        "hours": "1",
        field: value,
    }
    with pytest.raises(ValidationFailed):
        define_achievement("course:bad", **arguments)


def test_unknown_credit_system_is_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        define_achievement(
            "course:x", kind="course", name="Triage", criteria="Done", credits={"made-up": 1}
        )
    assert "made-up" in str(refused.value.fields["credits"][0])


def test_ama_credits_are_rounded_down_to_quarters(make_achievement: MakeAchievement) -> None:
    achievement = make_achievement(hours="1.6", credits={"ama-pra-1": None, "eaccme": "1.9"})
    amounts = {c.system.code: c.amount for c in achievement.credits.select_related("system")}
    assert amounts == {"ama-pra-1": Decimal("1.50"), "eaccme": Decimal("1.50")}


def test_iacet_ceus_are_hours_over_ten_rounded_to_tenths(make_achievement: MakeAchievement) -> None:
    achievement = make_achievement(hours="14", credits={"iacet-ceu": None})
    assert achievement.credits.get().amount == Decimal("1.40")
    achievement = make_achievement(hours="16.5", credits={"iacet-ceu": None})
    assert achievement.credits.get().amount == Decimal("1.70")


def test_an_achievement_defined_again_as_it_was_is_only_read() -> None:
    partner = OrganisationFactory.create(name="Kenya Medical Training College")
    arguments: dict[str, Any] = {
        "kind": "course",
        "name": "Hand hygiene in practice",
        "criteria": "Completed every lesson of the course.",
        "hours": "2.5",
        "credits": {"cpd-hours": "2.5", "ama-pra-1": None},
        "organisations": [partner],
    }
    first = define_achievement("course:hand-hygiene", **arguments)
    with CaptureQueriesContext(connection) as queries:
        again = define_achievement("course:hand-hygiene", **arguments)
    assert again.pk == first.pk and again.updated_at == first.updated_at
    statements = [query["sql"].split()[0].upper() for query in queries.captured_queries]
    assert set(statements) == {"SELECT"}  # no transaction, nothing written
    other = OrganisationFactory.create(name="Aga Khan University")
    arguments.update(organisations=[other], credits={"cpd-hours": "3"})
    changed = define_achievement("course:hand-hygiene", **arguments)
    assert list(changed.organisations.all()) == [other]
    assert {c.system.code: c.amount for c in changed.credits.select_related("system")} == {
        "cpd-hours": Decimal("3.00")
    }


@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_make_one_credential(make_achievement: MakeAchievement) -> None:
    if connection.vendor == "sqlite":
        # SQLite serialises writers; the unique constraint is what matters, tested above.
        learner = UserFactory.create()
        achievement = make_achievement()
        issue_credential(learner, achievement)
        issue_credential(learner, achievement)
        assert Credential.objects.count() == 1
        return
    learner = UserFactory.create()
    achievement = make_achievement()
    results: list[int] = []

    def issue() -> None:
        try:
            results.append(issue_credential(learner, achievement).pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1
    assert Credential.objects.count() == 1


def test_earned_statement_names_the_achievement_in_its_own_language_and_the_verb_in_words(
    learner: User, make_achievement: MakeAchievement
) -> None:
    achievement = make_achievement(
        "course:es", name="Higiene de manos en la práctica", language="es"
    )
    issue_credential(learner, achievement)

    data = Statement.objects.get(verb_id="http://id.tincanapi.com/verb/earned").data
    assert data["object"]["definition"]["name"] == {"es": "Higiene de manos en la práctica"}
    assert data["verb"]["display"] == {"en-US": "earned"}


def test_earned_statement_tags_chinese_in_canonical_case(
    learner: User, make_achievement: MakeAchievement
) -> None:
    issue_credential(learner, make_achievement("course:zh", name="手卫生", language="zh-hans"))

    data = Statement.objects.get(verb_id="http://id.tincanapi.com/verb/earned").data
    assert data["object"]["definition"]["name"] == {"zh-Hans": "手卫生"}
