"""The staff's review queue (page and API), and a re-submitted draft going back by itself to the
reviewer who asked for changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.authoring import services
from praxis.authoring.models import Draft, HistoryEntry, Review
from praxis.authoring.tests.conftest import Team
from praxis.authoring.tests.factories import member
from praxis.notifications.models import Notice
from praxis.organisations.models import Membership, Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

QUEUE = "/api/v1/authoring/review-queue"


def _texts(person: User) -> list[str]:
    return [notice.text for notice in Notice.objects.filter(person=person).order_by("pk")]


def _ask_for_changes(team: Team) -> Review:
    services.submit_for_review(team.draft, team.author)
    review = services.assign_reviewer(team.draft, team.reviewer, team.staff)
    services.record_review(
        review, team.reviewer, items={}, decision="changes_requested", comment="Cite sources."
    )
    team.draft.refresh_from_db()
    return review


def _second_draft(team: Team, title: str, *, submitted_days_ago: int) -> Draft:
    draft = services.start_draft(team.author, team.organisation, title=title, language="fr")
    services.add_lesson(draft.modules.get(), team.author, "Introduction")
    services.submit_for_review(draft, team.author)
    HistoryEntry.objects.filter(draft=draft, action=HistoryEntry.Action.SUBMITTED).update(
        at=timezone.now() - timedelta(days=submitted_days_ago)
    )
    return draft


# Re-submission


def test_resubmitted_draft_goes_back_to_the_same_reviewer_who_is_told(
    team: Team, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    first = _ask_for_changes(team)
    Notice.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_review(team.draft, team.author)
    again = Review.objects.get(draft=team.draft, round=2)
    assert again.reviewer == team.reviewer
    assert again.decision == Review.Decision.PENDING
    assert again.assigned_by == team.staff
    assert again.items.count() == first.items.count() > 0
    assert _texts(team.reviewer) == ["You are asked to review “Mental health first aid”."]
    assert [m.to for m in mail.outbox] == [[team.reviewer.email]]
    assert not Notice.objects.filter(person=team.staff).exists(), "no staff hand-off needed"
    entry = team.draft.history.filter(action=HistoryEntry.Action.ASSIGNED).last()
    assert entry is not None
    assert entry.actor is None
    assert entry.detail_text == "Chen Li again, on re-submission"


def test_the_returning_reviewer_can_record_the_second_round(team: Team) -> None:
    _ask_for_changes(team)
    services.submit_for_review(team.draft, team.author)
    again = Review.objects.get(draft=team.draft, round=2)
    services.record_review(
        again,
        team.reviewer,
        items={item.criterion_id: (True, "") for item in again.items.all()},
        decision="approved",
    )
    team.draft.refresh_from_db()
    assert team.draft.status == Draft.Status.APPROVED


def test_a_reviewer_who_may_no_longer_review_leaves_the_draft_to_staff(
    team: Team, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    _ask_for_changes(team)
    Membership.objects.filter(user=team.reviewer).delete()
    Notice.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_review(team.draft, team.author)
    assert not Review.objects.filter(draft=team.draft, round=2).exists()
    assert not Notice.objects.filter(person=team.reviewer).exists()
    assert _texts(team.staff) == [
        "Amina Odhiambo submitted “Mental health first aid” for review; it waits for a reviewer."
    ]


def test_a_first_submission_still_waits_for_staff(team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    assert not Review.objects.filter(draft=team.draft).exists()


# The page


def test_staff_see_drafts_in_review_oldest_first_with_round_and_reviewers(
    client: Client, team: Team
) -> None:
    _ask_for_changes(team)
    services.submit_for_review(team.draft, team.author)  # round 2, back to Chen Li
    _second_draft(team, "Santé mentale", submitted_days_ago=3)
    client.force_login(team.staff)
    page = client.get(reverse("authoring:review_queue")).text
    assert "<h1>Review queue</h1>" in page
    older, newer = page.index("Santé mentale"), page.index("Mental health first aid")
    assert older < newer, "the longest waiting comes first"
    assert "3\xa0days" in page[older:newer]
    assert "No reviewer yet" in page[older:newer]
    row = page[newer : page.index("</tr>", newer)]
    assert ">2</td>" in row
    assert "Chen Li" in row
    assert "Waiting for the reviewer" in row
    # The course's language and organisations on a line of their own, each name isolated: a
    # right-to-left page would otherwise interleave them with the title as the line wraps.
    organisations = ", ".join(
        f"<bdi>{o.display_name}</bdi>" for o in team.draft.organisations.order_by("pk")
    )
    assert f'<div class="muted">English · {organisations}</div>' in row


def test_only_unassigned_drafts_when_asked(client: Client, team: Team) -> None:
    _ask_for_changes(team)
    services.submit_for_review(team.draft, team.author)
    _second_draft(team, "Santé mentale", submitted_days_ago=1)
    client.force_login(team.staff)
    page = client.get(reverse("authoring:review_queue") + "?unassigned=1").text
    assert "Santé mentale" in page
    assert "Mental health first aid" not in page


def test_staff_menu_leads_to_the_queue(client: Client, team: Team) -> None:
    client.force_login(team.staff)
    page = client.get("/").text
    assert f'href="{reverse("authoring:review_queue")}"' in page


@pytest.mark.parametrize("who", ["author", "reviewer"])
def test_others_than_staff_are_refused_the_queue(client: Client, team: Team, who: str) -> None:
    services.submit_for_review(team.draft, team.author)
    client.force_login(getattr(team, who))
    response = client.get(reverse("authoring:review_queue"))
    assert response.status_code == 403
    assert "Mental health first aid" not in response.text


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(reverse("authoring:review_queue"))
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_queue_page_queries_are_pinned(
    client: Client, team: Team, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    _ask_for_changes(team)
    services.submit_for_review(team.draft, team.author)
    for days in (1, 2, 3):
        _second_draft(team, f"Santé mentale {days}", submitted_days_ago=days)
    client.force_login(team.staff)
    client.get(reverse("authoring:review_queue"))
    # session, person, drafts, their organisations, their reviews with reviewers
    with django_assert_num_queries(5):
        assert client.get(reverse("authoring:review_queue")).status_code == 200


# The API


def test_api_lists_the_queue_for_staff(api_client: SchemaCheckedClient, team: Team) -> None:
    _ask_for_changes(team)
    services.submit_for_review(team.draft, team.author)
    second = _second_draft(team, "Santé mentale", submitted_days_ago=2)
    api_client.force_login(team.staff)
    response = api_client.get(QUEUE)
    assert response.status_code == 200
    body = response.json()
    assert [entry["key"] for entry in body] == [str(second.uuid), str(team.draft.uuid)]
    assert body[0]["reviewers"] == []
    assert body[1]["round"] == 2
    assert body[1]["reviewers"] == [{"reviewer": "Chen Li", "decision": "pending"}]
    unassigned = api_client.get(QUEUE + "?unassigned=true").json()
    assert [entry["title"] for entry in unassigned] == ["Santé mentale"]


def test_api_refuses_others_than_staff(api_client: SchemaCheckedClient, team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    for person in (team.author, team.reviewer, member(OrganisationFactory.create(), Role.ADMIN)):
        api_client.force_login(person)
        response = api_client.get(QUEUE)
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "permission_denied"


def test_api_asks_anonymous_callers_to_sign_in(api_client: SchemaCheckedClient) -> None:
    assert api_client.get(QUEUE).status_code == 401


@pytest.mark.parametrize("value", ["maybe", "x" * 5000, "[]"])
def test_api_refuses_a_malformed_filter(
    api_client: SchemaCheckedClient, team: Team, value: str
) -> None:
    api_client.force_login(team.staff)
    response = api_client.get(QUEUE, {"unassigned": value})
    assert response.status_code == 400
    assert response.json()["error"]["code"]
