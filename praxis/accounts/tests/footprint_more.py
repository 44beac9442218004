"""The rest of a person's footprint: what the other apps keep (quiz attempts, notices,
memberships, feedback, LTI, authoring, events, private messages) and the account's own security
records (two-factor devices, passkeys, API tokens, an earlier e-mail address)."""

from __future__ import annotations

import uuid

from praxis.accounts import links
from praxis.accounts.models import User
from praxis.accounts.services import create_api_token, two_factor
from praxis.accounts.services.email_change import confirm_email_change, request_email_change
from praxis.accounts.tests.factories import DEFAULT_PASSWORD
from praxis.accounts.tests.test_passkeys import added
from praxis.assessments import services as assessments
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.authoring.models import Comment, HistoryEntry, Review
from praxis.authoring.tests.factories import DraftFactory
from praxis.catalog.models import Course
from praxis.community.models import Conversation, DirectMessage
from praxis.events.tests.factories import AbstractFactory, ExhibitorFactory, SpeakerFactory
from praxis.feedback.models import CourseRating, SurveyResponse
from praxis.lti.models import Launch, LineItem, Score, Subject
from praxis.lti.tests.factories import ResourceLinkFactory, ToolFactory
from praxis.notifications.kinds import Delivery
from praxis.notifications.models import Notice
from praxis.organisations.tests.factories import MembershipFactory as OrganisationMembership


def change_email(person: User, new_email: str) -> str:
    """Change the person's address through the confirmation link; returns the earlier one."""
    old = person.email
    request_email_change(person, new_email, DEFAULT_PASSWORD)
    confirm_email_change(links.make_email_change_token(person, new_email))
    person.refresh_from_db()
    return old


def more_footprint(person: User, other: User, course: Course) -> None:
    _learning(person, course)
    _account(person)
    _others(person, other)


def _learning(person: User, course: Course) -> None:
    quiz = quiz_with([choice_question(texts=("Soap", "Air"))], course=course)
    attempt = assessments.start_attempt(person, quiz)
    assessments.submit_attempt(
        person,
        attempt,
        {
            str(item.question.uuid): item.question.options.get(correct=True).id
            for item in attempt.items.select_related("question")
        },
    )
    CourseRating.objects.create(course=course, learner=person, stars=4, review="Clear and short")
    SurveyResponse.objects.create(course=course, learner=person, answers={"useful": 5})
    tool = ToolFactory.create(created_by=person)
    link = ResourceLinkFactory.create(tool=tool)
    Subject.objects.create(tool=tool, learner=person)
    Launch.objects.create(tool=tool, link=link, learner=person, subject=uuid.uuid4())
    item = LineItem.objects.create(
        tool=tool, context_id="ctx", link=link, label="Case", score_maximum=10
    )
    Score.objects.create(
        line_item=item,
        learner=person,
        score_given=8,
        score_maximum=10,
        activity_progress="Completed",
        grading_progress="FullyGraded",
        timestamp=attempt.created_at,
    )


def _account(person: User) -> None:
    create_api_token(person, "laptop script")
    two_factor.begin_setup(person)
    added(person, "My phone")
    Notice.objects.create(
        person=person,
        kind="community.reply",
        params={"thread": "Hand rub"},
        delivery=Delivery.IN_APP,
    )
    OrganisationMembership.create(user=person)


def _others(person: User, other: User) -> None:
    """Records shared with others: drafts and reviews, an event's programme and booths,
    a private conversation, a notice to someone else naming the person."""
    draft = DraftFactory.create(created_by=person)
    draft.authors.add(person)
    Comment.objects.create(draft=draft, author=person, body="Shorter, please")
    reviewed = DraftFactory.create(created_by=other)
    Review.objects.create(draft=reviewed, reviewer=person, assigned_by=other)
    HistoryEntry.objects.create(draft=draft, actor=person, action=HistoryEntry.Action.EDITED)
    HistoryEntry.objects.create(
        draft=reviewed, actor=other, action=HistoryEntry.Action.ASSIGNED, detail=person.full_name
    )
    HistoryEntry.objects.create(
        draft=reviewed,
        action=HistoryEntry.Action.ASSIGNED,
        detail_code="same_reviewer",
        detail_values={"name": person.full_name},
    )
    SpeakerFactory.create(person=person, name=person.full_name, organisation_name="Zainab's Clinic")
    AbstractFactory.create(
        submitter=person, authors=[{"name": person.full_name, "organisation": "Zainab's Clinic"}]
    )
    ExhibitorFactory.create(contact_email=person.email)
    first, second = sorted([person, other], key=lambda user: user.pk)
    conversation = Conversation.objects.create(first=first, second=second)
    DirectMessage.objects.create(
        conversation=conversation, author=person, body="Hello", body_html="<p>Hello</p>"
    )
    DirectMessage.objects.create(
        conversation=conversation, author=other, body="Hi Zainab", body_html="<p>Hi Zainab</p>"
    )
    Notice.objects.create(
        person=other,
        kind="community.reply",
        params={"name": person.full_name},
        delivery=Delivery.IN_APP,
    )
