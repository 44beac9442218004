"""Each hand-off of the quality review sends its notice, and its e-mail to whoever wants one at
once; reviewers' comments show on the draft beside their lesson."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory
from praxis.authoring import services
from praxis.authoring.models import Review
from praxis.authoring.tests.conftest import Team
from praxis.core.errors import ValidationFailed
from praxis.notifications.models import Notice, Preference

pytestmark = pytest.mark.django_db


def _texts(person: User) -> list[str]:
    return [notice.text for notice in Notice.objects.filter(person=person)]


def _passing(review: Review) -> dict[int, tuple[bool | None, str]]:
    return {item.criterion_id: (True, "") for item in review.items.all()}


def test_submitting_tells_the_staff_by_notice_and_email(
    team: Team, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    other_staff = StaffFactory.create(email="dana@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_review(team.draft, team.author)
    for person in (team.staff, other_staff):
        assert _texts(person) == [
            "Amina Odhiambo submitted “Mental health first aid” for review; it waits for a "
            "reviewer."
        ]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([team.staff.email, other_staff.email])
    assert f"/authoring/drafts/{team.draft.uuid}/" in mail.outbox[0].body
    assert not Notice.objects.filter(person=team.author).exists()


def test_assigning_tells_the_reviewer(
    team: Team, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    services.submit_for_review(team.draft, team.author)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_reviewer(team.draft, team.reviewer, team.staff)
    assert _texts(team.reviewer) == ["You are asked to review “Mental health first aid”."]
    assert [m.to for m in mail.outbox] == [[team.reviewer.email]]
    assert f"/authoring/drafts/{team.draft.uuid}/review/" in mail.outbox[0].body


def test_changes_requested_tell_the_authors_and_show_on_the_draft(
    team: Team, client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    services.submit_for_review(team.draft, team.author)
    review = services.assign_reviewer(team.draft, team.reviewer, team.staff)
    mail.outbox.clear()
    lesson = team.lessons[1]
    with django_capture_on_commit_callbacks(execute=True):
        services.record_review(
            review,
            team.reviewer,
            items={},
            decision="changes_requested",
            comment="Good start.",
            lesson_comments={str(lesson.key): "Cite the safe messaging guidelines."},
        )
    assert _texts(team.author) == [
        "Chen Li asked for changes to “Mental health first aid”: see the comments."
    ]
    assert [m.to for m in mail.outbox] == [[team.author.email]]
    assert "asked for changes" in mail.outbox[0].subject

    client.force_login(team.author)
    page = client.get(reverse("authoring:draft", args=[team.draft.uuid])).content.decode()
    beside = page.index("Talking about suicide safely")
    assert page.index("Cite the safe messaging guidelines.", beside) > beside
    assert page.index("Cite the safe messaging guidelines.") < page.index("Quality review")
    assert "Good start." in page


def test_a_comment_on_a_lesson_of_another_draft_is_refused_and_changes_nothing(team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    review = services.assign_reviewer(team.draft, team.reviewer, team.staff)
    with pytest.raises(ValidationFailed) as refused:
        services.record_review(
            review,
            team.reviewer,
            items={},
            decision="changes_requested",
            lesson_comments={"not-a-key": "Hm"},
        )
    assert "does not exist" in str(refused.value.fields["anchor"][0])
    review.refresh_from_db()
    assert review.decision == "pending"
    assert not team.draft.comments.exists()
    assert not Notice.objects.filter(person=team.author).exists()


def test_approval_and_publication_tell_the_authors(
    team: Team, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    Preference.objects.create(person=team.author, kind="course_published", delivery="app")
    services.submit_for_review(team.draft, team.author)
    review = services.assign_reviewer(team.draft, team.reviewer, team.staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_review(review, team.reviewer, items=_passing(review), decision="approved")
    assert _texts(team.author) == [
        "“Mental health first aid” passed the quality review and can be published."
    ]
    assert [m.to for m in mail.outbox] == [[team.author.email]]
    with django_capture_on_commit_callbacks(execute=True):
        services.publish(team.draft, team.staff)
    assert _texts(team.author)[0] == "“Mental health first aid” is published as version 1."
    assert len(mail.outbox) == 1  # the author chose the app only for publication


def test_the_reviewer_sees_the_notice_count_and_the_author_the_comment_pages(
    team: Team, client: Client
) -> None:
    services.submit_for_review(team.draft, team.author)
    services.assign_reviewer(team.draft, team.reviewer, team.staff)
    client.force_login(team.reviewer)
    page = client.get(reverse("authoring:review", args=[team.draft.uuid])).content.decode()
    assert '<span class="count">1<span class="visually-hidden"> unread</span></span>' in page
    assert f'name="lesson-{team.lessons[0].key}"' in page
