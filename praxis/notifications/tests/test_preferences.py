"""The preferences page: a choice per kind, saved whole or refused whole."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.notifications import services
from praxis.notifications.kinds import declared
from praxis.notifications.models import Preference

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


def test_every_declared_kind_is_offered_with_its_default(client: Client) -> None:
    client.force_login(UserFactory.create())
    page = client.get(URL).content.decode()
    for key in (
        "review_requested",
        "reviewer_assigned",
        "changes_requested",
        "draft_approved",
        "course_published",
        "research_request_submitted",
        "research_request_decided",
        "event_reminder",
        "event_changed",
        "course_updated",
        "mention",
        "reply",
        "moderation",
    ):
        assert f'name="kind-{key}"' in page
    assert (
        'name="kind-changes_requested" value="email" id="id_kind-changes_requested_1" checked'
        in page
    )
    assert 'name="kind-mention" value="app" id="id_kind-mention_0" checked' in page
    assert len(declared()) >= 13


def test_saving_choices(client: Client) -> None:
    person = UserFactory.create()
    client.force_login(person)
    response = client.post(URL, {"kind-mention": "daily", "kind-changes_requested": "never"})
    assert response.status_code == 302
    assert dict(Preference.objects.filter(person=person).values_list("kind", "delivery")) == {
        "mention": "daily",
        "changes_requested": "never",
    }
    page = client.get(URL).content.decode()
    assert (
        'value="daily" id="id_kind-mention_2" checked' in page
        and "Your notification preferences are saved." in page
    )
    client.post(URL, {"kind-mention": "app"})  # back to the default: nothing kept
    assert not Preference.objects.filter(person=person, kind="mention").exists()


@pytest.mark.parametrize(
    "posted",
    [
        {"kind-mention": "sometimes"},
        {"kind-mention": ""},
        {"kind-mention": "x" * 100_000},
        {"kind-mention": "daily", "kind-reply": "hourly"},
        {"kind-no_such_kind": "daily"},
        {"kind-mention": "daily", "kind-" + "z" * 500: "daily"},
    ],
)
def test_bad_input_is_refused_whole_with_a_message(client: Client, posted: dict[str, str]) -> None:
    person = UserFactory.create()
    client.force_login(person)
    response = client.post(URL, posted)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert"' in page
    assert (
        "Choose how you want to receive each kind of notification." in page
        or "There is no such kind of notification." in page
    )
    assert not Preference.objects.filter(person=person).exists()


def test_the_service_refuses_with_stable_codes() -> None:
    person = UserFactory.create()
    with pytest.raises(ValidationFailed) as unknown:
        services.set_preferences(person, {"nothing": "daily"})
    assert unknown.value.code == ErrorCode.UNKNOWN_NOTICE_KIND
    with pytest.raises(ValidationFailed) as invalid:
        services.set_preferences(person, {"mention": 3})  # type: ignore[dict-item]  # the wrong type is the point
    assert invalid.value.code == ErrorCode.INVALID_DELIVERY


def test_an_empty_form_changes_nothing(client: Client) -> None:
    person = UserFactory.create()
    Preference.objects.create(person=person, kind="reply", delivery="weekly")
    client.force_login(person)
    assert client.post(URL, {}).status_code == 302
    assert Preference.objects.get(person=person, kind="reply").delivery == "weekly"


def test_the_page_needs_a_login(client: Client) -> None:
    assert client.get(URL).status_code == 302
