"""The preferences page: a choice per kind, saved whole or refused whole."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.notifications import services
from praxis.notifications.kinds import declared
from praxis.notifications.models import Preference
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

URL = reverse("notifications:preferences")


LEARNER_KINDS = (
    "course_updated",
    "mention",
    "reply",
    "accepted",
    "moderation",
    "invitation",
    "direct_message",
    "event_reminder",
    "event_changed",
    "organiser_message",
)
AUTHOR_KINDS = ("changes_requested", "draft_approved", "course_published", "survey_results_ready")
STAFF_KINDS = ("review_requested", "reviewer_assigned", "partner_application")


def offered(page: str) -> set[str]:
    """The kinds the preferences page offers a choice for."""
    return {kind.key for kind in declared() if f'name="kind-{kind.key}"' in page}


def test_a_learner_is_offered_only_the_kinds_that_can_reach_them(client: Client) -> None:
    client.force_login(UserFactory.create())
    page = client.get(URL).content.decode()
    assert offered(page) == set(LEARNER_KINDS)
    assert "A draft waits for a reviewer" not in page
    assert "A data-access request is submitted" not in page
    assert "Applications to join the partner network (staff)" not in page
    assert 'name="kind-mention" value="app" id="id_kind-mention_0" checked' in page
    assert 'name="kind-event_reminder" value="email" id="id_kind-event_reminder_1" checked' in page


def test_an_author_is_offered_the_kinds_of_their_drafts_and_courses(client: Client) -> None:
    author = UserFactory.create()
    MembershipFactory.create(user=author, role=Role.AUTHOR)
    client.force_login(author)
    page = client.get(URL).content.decode()
    assert offered(page) == {*LEARNER_KINDS, *AUTHOR_KINDS}
    assert (
        'name="kind-changes_requested" value="email" id="id_kind-changes_requested_1" checked'
        in page
    )


def test_staff_and_research_officers_are_offered_their_kinds(client: Client) -> None:
    client.force_login(StaffFactory.create())
    page = client.get(URL).content.decode()
    assert set(STAFF_KINDS) <= offered(page)
    assert "research_request_submitted" not in offered(page)
    officer = UserFactory.create()
    officer.user_permissions.add(
        Permission.objects.get(codename="decide_access", content_type__app_label="research")
    )
    client.force_login(officer)
    assert offered(client.get(URL).content.decode()) == {
        *LEARNER_KINDS,
        "research_request_submitted",
    }


def test_a_choice_for_a_kind_no_longer_offered_is_kept(client: Client) -> None:
    person = UserFactory.create()
    Preference.objects.create(person=person, kind="changes_requested", delivery="never")
    client.force_login(person)
    assert "changes_requested" not in offered(client.get(URL).content.decode())
    assert client.post(URL, {"kind-mention": "daily"}).status_code == 302
    response = client.post(URL, {"kind-changes_requested": "weekly"})
    assert response.status_code == 400
    assert "There is no such kind of notification." in response.content.decode()
    assert dict(Preference.objects.filter(person=person).values_list("kind", "delivery")) == {
        "changes_requested": "never",
        "mention": "daily",
    }
    MembershipFactory.create(user=person, role=Role.AUTHOR)
    page = client.get(URL).content.decode()
    assert (
        'name="kind-changes_requested" value="never" id="id_kind-changes_requested_4" checked'
        in page
    )


def test_saving_choices(client: Client) -> None:
    person = UserFactory.create()
    client.force_login(person)
    response = client.post(URL, {"kind-mention": "daily", "kind-event_changed": "never"})
    assert response.status_code == 302
    assert dict(Preference.objects.filter(person=person).values_list("kind", "delivery")) == {
        "mention": "daily",
        "event_changed": "never",
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
