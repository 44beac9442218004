"""Research consent: granted and withdrawn from the account, every change kept."""

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import NotFound, ValidationFailed
from praxis.research import consent
from praxis.research.models import ConsentRecord
from praxis.research.tests.factories import ConsentTextFactory

pytestmark = pytest.mark.django_db


def test_profile_page_links_to_research_consent(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.get(reverse("accounts:profile"))
    assert reverse("research:consent") in response.content.decode()


def test_consent_page_shows_the_text_in_the_learners_language(client: Client) -> None:
    ConsentTextFactory.create(language="en", title="Taking part in research")
    ConsentTextFactory.create(language="fr", title="Participer à la recherche")
    client.force_login(UserFactory.create(preferred_language="fr"))
    response = client.get(reverse("research:consent"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Participer à la recherche" in response.content.decode()


def test_granting_then_withdrawing_keeps_both_changes_with_version(client: Client) -> None:
    ConsentTextFactory.create(version=1)
    ConsentTextFactory.create(version=2, title="Version two")
    learner = UserFactory.create()
    client.force_login(learner)
    client.post(reverse("research:consent"), {"decision": "grant", "version": "2"})
    assert consent.has_consented(learner)
    response = client.post(
        reverse("research:consent"), {"decision": "withdraw", "version": "2"}, follow=True
    )
    assert not consent.has_consented(learner)
    assert "withdrawn" in response.content.decode()
    records = list(ConsentRecord.objects.filter(learner=learner).order_by("recorded_at", "id"))
    assert [(r.granted, r.version) for r in records] == [(True, 2), (False, 2)]


def test_consent_to_a_replaced_version_is_refused() -> None:
    ConsentTextFactory.create(version=1)
    ConsentTextFactory.create(version=2)
    learner = UserFactory.create()
    with pytest.raises(ValidationFailed):
        consent.set_consent(learner, granted=True, version=1)
    assert not ConsentRecord.objects.exists()


def test_malformed_version_changes_nothing(client: Client) -> None:
    ConsentTextFactory.create()
    learner = UserFactory.create()
    client.force_login(learner)
    client.post(reverse("research:consent"), {"decision": "grant", "version": "x" * 5000})
    assert not ConsentRecord.objects.exists()


def test_consent_without_any_text_is_refused() -> None:
    with pytest.raises(NotFound):
        consent.set_consent(UserFactory.create(), granted=True)


def test_consent_page_needs_a_login(client: Client) -> None:
    response = client.get(reverse("research:consent"))
    assert response.status_code == 302


def test_only_learners_whose_latest_record_is_a_grant_consent() -> None:
    ConsentTextFactory.create()
    stays, leaves, never = UserFactory.create(), UserFactory.create(), UserFactory.create()
    consent.set_consent(stays, granted=True)
    consent.set_consent(leaves, granted=True)
    consent.set_consent(leaves, granted=False)
    assert consent.consenting_learner_ids() == {stays.pk}
    assert never.pk not in consent.consenting_learner_ids()


def test_consent_history_names_the_language_of_the_text_consented_to(client: Client) -> None:
    ConsentTextFactory.create(language="zh-hans", title="参与研究")
    learner = UserFactory.create(preferred_language="zh-hans")
    consent.set_consent(learner, granted=True)
    client.force_login(learner)

    english = client.get(reverse("research:consent"), HTTP_ACCEPT_LANGUAGE="en")
    chinese = client.get(reverse("research:consent"), HTTP_ACCEPT_LANGUAGE="zh-hans")

    history = english.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    assert "Chinese (Simplified)</td>" in history
    assert "zh-hans" not in history
    assert "中文（简体）</td>" in chinese.content.decode().split("<tbody>")[1]


def test_a_version_too_long_to_be_a_number_changes_nothing(client: Client) -> None:
    # Ten thousand digits: past what Python reads as a number, once a server error.
    ConsentTextFactory.create()
    learner = UserFactory.create()
    client.force_login(learner)
    response = client.post(
        reverse("research:consent"), {"decision": "grant", "version": "1" * 10_000}
    )
    assert response.status_code == 302
    assert not ConsentRecord.objects.exists()


@pytest.mark.parametrize("posted", [{"decision": "maybe", "version": "1"}, {"version": "1"}, {}])
def test_a_decision_that_is_neither_button_records_nothing(
    client: Client, posted: dict[str, str]
) -> None:
    # Once read as a withdrawal: a learner who had consented was withdrawn without asking.
    ConsentTextFactory.create()
    learner = UserFactory.create()
    consent.set_consent(learner, granted=True)
    client.force_login(learner)
    response = client.post(reverse("research:consent"), posted)
    assert response.status_code == 400
    assert consent.has_consented(learner)
    assert ConsentRecord.objects.filter(learner=learner).count() == 1


def test_the_same_decision_sent_twice_is_recorded_once(client: Client) -> None:
    # A second press, or the page still open in another tab: the history keeps one grant.
    ConsentTextFactory.create()
    learner = UserFactory.create()
    client.force_login(learner)
    for _ in range(2):
        client.post(reverse("research:consent"), {"decision": "grant", "version": "1"})
    page = client.get(reverse("research:consent")).content.decode()
    assert [r.granted for r in ConsentRecord.objects.filter(learner=learner)] == [True]
    assert page.split("<tbody>")[1].count("<tr>") == 1
    for _ in range(2):
        client.post(reverse("research:consent"), {"decision": "withdraw", "version": "1"})
    client.post(reverse("research:consent"), {"decision": "grant", "version": "1"})
    records = ConsentRecord.objects.filter(learner=learner).order_by("recorded_at", "id")
    assert [r.granted for r in records] == [True, False, True]  # each change kept
