"""Every hand-off of every pillar, in the demo ecosystem, one after another: the person the work
reaches gets one notice in the app and, as their preferences say, one e-mail, never two.

Run twice: with everyone on the defaults (the workflow hand-offs e-mail at once, the community's
news stays in the app), and with everyone having chosen e-mail at once for every kind.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import translation
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.models import User
from praxis.authoring import services as authoring
from praxis.authoring.models import Draft, Review
from praxis.community.models import MemberProfile, Membership, Post, Thread
from praxis.community.services import moderation, posting
from praxis.demo.partners import IN_REVIEW_TITLE
from praxis.demo.tests.conftest import (  # the demo, loaded once for the module
    _demo_loaded_once,
    _fast_password_hashing,
    demo,
)
from praxis.events.models import Event, Registration
from praxis.events.services.programme import save_session
from praxis.notifications.kinds import Delivery, Kind, declared, reaching
from praxis.notifications.models import Notice, Preference
from praxis.research import services as research
from praxis.research.inputs import ProjectRequest

__all__ = ["_demo_loaded_once", "_fast_password_hashing", "demo"]

pytestmark = pytest.mark.django_db

STAFF = "staff@praxis.example"


class HandOffs:
    """Runs one hand-off and says what reached its recipient."""

    def __init__(self, capture: Callable[..., Any], everything_by_email: bool) -> None:
        self.capture = capture
        self.everything_by_email = everything_by_email

    def expected_emails(self, kind: Kind[Any]) -> int:
        return 1 if self.everything_by_email or kind.default == Delivery.EMAIL else 0

    def run(self, person: User, kind: Kind[Any], step: Callable[[], object]) -> Notice:
        before = set(Notice.objects.filter(person=person).values_list("pk", flat=True))
        sent = len(mail.outbox)
        with self.capture(execute=True):
            step()
        # Whoever a kind reaches is offered a choice of how to receive it.
        assert kind in reaching(person), f"{kind.key} reaches {person.email}, unoffered"
        new = list(Notice.objects.filter(person=person).exclude(pk__in=before))
        assert [notice.kind for notice in new] == [kind.key], (
            f"{kind.key}: {person.email} got {[n.kind for n in new]}"
        )
        to_them = [m for m in mail.outbox[sent:] if person.email in m.to]
        assert len(to_them) == self.expected_emails(kind), (
            f"{kind.key}: {len(to_them)} e-mails to {person.email}: "
            + "; ".join(str(m.subject) for m in to_them)
        )
        if to_them:
            with translation.override(person.preferred_language or "en"):  # theirs, as sent
                text = new[0].text
            assert text in str(to_them[0].subject) + str(to_them[0].body)
            assert new[0].link in str(to_them[0].body)
        return new[0]


@pytest.fixture(params=["defaults", "everything by e-mail"])
def handoffs(
    request: pytest.FixtureRequest,
    demo: str,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> HandOffs:
    everything = request.param != "defaults"
    if everything:
        Preference.objects.bulk_create(
            Preference(person=person, kind=kind.key, delivery=Delivery.EMAIL)
            for person in User.objects.all()
            for kind in declared()
        )
    mail.outbox.clear()
    return HandOffs(django_capture_on_commit_callbacks, everything)


def person(email: str) -> User:
    return User.objects.get(email=email)


def kind(key: str) -> Kind[Any]:
    found = next((each for each in declared() if each.key == key), None)
    assert found is not None, key
    return found


def _passing(review: Review) -> dict[int, tuple[bool | None, str]]:
    return {item.criterion_id: (True, "") for item in review.items.all()}


def test_every_hand_off_sends_one_notice_and_its_email(handoffs: HandOffs) -> None:
    staff, amina = person(STAFF), person("amina@praxis.example")
    sofia, joseph = person("sofia@praxis.example"), person("joseph@praxis.example")

    # Co-creation: submitted, reviewer assigned, changes requested, approved, published.
    new_version = Draft.objects.get(created_by=sofia)
    handoffs.run(
        staff,
        kind("review_requested"),
        lambda: authoring.submit_for_review(new_version, sofia),
    )
    review = handoffs.run(
        amina,
        kind("reviewer_assigned"),
        lambda: authoring.assign_reviewer(new_version, amina, staff),
    )
    assert review.link.endswith("/review/")
    pending = Review.objects.get(draft=new_version, reviewer=amina)
    handoffs.run(
        sofia,
        kind("changes_requested"),
        lambda: authoring.record_review(
            pending, amina, items={}, decision="changes_requested", comment="Cite 2025."
        ),
    )
    in_review = Draft.objects.get(title=IN_REVIEW_TITLE)
    amina_review = Review.objects.get(draft=in_review, reviewer=amina)
    handoffs.run(
        joseph,
        kind("draft_approved"),
        lambda: authoring.record_review(
            amina_review, amina, items=_passing(amina_review), decision="approved"
        ),
    )
    handoffs.run(joseph, kind("course_published"), lambda: authoring.publish(in_review, staff))

    # Research: a data-access request submitted, then decided.
    li_wei = person("li.wei@praxis.example")
    projects: list[Any] = []
    handoffs.run(
        staff,
        kind("research_request_submitted"),
        lambda: projects.append(
            research.submit_project(
                li_wei,
                ProjectRequest.read(
                    {
                        "title": "Night-shift learning",
                        "aims": "When nurses on nights study.",
                        "ethics_reference": "ERC-2026-9",
                        "ethics_expires_on": datetime.date.today() + datetime.timedelta(days=200),
                        "k": 5,
                        "columns": ["who_region", "verb", "timestamp"],
                    }
                ),
            )
        ),
    )
    handoffs.run(
        li_wei,
        kind("research_request_decided"),
        lambda: research.decide(projects[0], "approved", by=staff, note="Within the consent."),
    )

    # Events: a session of an event someone registered for moves (out of its room).
    registration = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            event__status=Event.Status.PUBLISHED,
            event__sessions__isnull=False,
        )
        .select_related("event", "person")
        .first()
    )
    assert registration is not None
    session = registration.event.sessions.filter(room__isnull=False).order_by("starts_at").first()
    assert session is not None
    handoffs.run(
        registration.person,
        kind("event_changed"),
        lambda: save_session(
            registration.event,
            session=session,
            title=session.title,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            room=None,  # moved out of its room
            track=session.track,
            speakers=list(session.speakers.all()),
            kind=session.kind,
            description=session.description,
        ),
    )

    # Community: a reply in a thread its author follows, a mention, a moderation outcome.
    thread = (
        Thread.objects.filter(is_visible=True, is_locked=False, community__course__isnull=True)
        .exclude(author=staff)
        .select_related("author", "community")
        .order_by("id")
        .first()
    )
    assert thread is not None
    handoffs.run(
        thread.author,
        kind("reply"),
        lambda: posting.reply(staff, thread, "Our ward does the same, with a checklist."),
    )
    mentioned = (
        Membership.objects.filter(community=thread.community, status=Membership.Status.ACTIVE)
        .exclude(user__in=[staff, thread.author])
        .select_related("user")
        .first()
    )
    assert mentioned is not None
    handle = MemberProfile.objects.get(user=mentioned.user).handle
    handoffs.run(
        mentioned.user,
        kind("mention"),
        lambda: posting.reply(staff, thread, f"@{handle} what does your ward do?"),
    )
    held = Post.objects.filter(status=Post.Status.HELD).select_related("author").first()
    assert held is not None, "the demo's newcomer has a post waiting"
    handoffs.run(held.author, kind("moderation"), lambda: moderation.approve_post(staff, held))
