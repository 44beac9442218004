"""A person with a footprint in every pillar, made through the apps' own services where they
write the learning record, for the export and erasure tests."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.accounts.tests.footprint_more import change_email, more_footprint
from praxis.catalog import services as catalog
from praxis.catalog.tests.factories import course_with_lessons
from praxis.community.models import Post, Thread
from praxis.community.tests.factories import MembershipFactory, PostFactory, ThreadFactory
from praxis.credentials.services import issue_credential
from praxis.credentials.tests.factories import AchievementFactory
from praxis.events.services.registration import register
from praxis.events.tests.factories import EventFactory
from praxis.lrs.services import account_agent, record
from praxis.packages import cmi5
from praxis.packages.launch import Launch
from praxis.packages.models import Package
from praxis.research.tests.factories import consenting


@dataclass
class Footprint:
    person: User
    other: User
    handle: str
    identifiers: dict[str, str]
    others_post: Post
    quoting_post: Post
    own_post: Post
    thread_others_answered: Thread


def make_footprint() -> Footprint:
    person = UserFactory.create(
        full_name="Zainab Okonkwo-Haddad",
        email="zainab.okonkwo@example.org",
        organisation_name="Zainab's Clinic",
    )
    old_email = change_email(person, "z.haddad@example.net")
    other = UserFactory.create(full_name="Tomás Ribeiro", email="tomas@example.org")
    course = course_with_lessons(modules=1, lessons_per_module=2)
    enrolment = catalog.enrol(person, course)
    module = course.modules.first()
    assert module is not None
    lesson = module.lessons.first()
    assert lesson is not None
    catalog.complete_lesson(person, lesson)
    _cmi5_session(person, enrolment.registration, lesson.uuid)
    issue_credential(person, AchievementFactory.create())
    register(person, EventFactory.create(), {})
    consenting(person)
    membership = MembershipFactory.create(user=person, profile="zainab-ok")
    MembershipFactory.create(user=other, community=membership.community, profile="tomas-r")
    own_thread = ThreadFactory.create(community=membership.community, author=person)
    own_post = PostFactory.create(thread=own_thread, body="My own question", body_html="<p>x</p>")
    PostFactory.create(thread=own_thread, author=other, body="An answer from Tomás")
    others_thread = ThreadFactory.create(community=membership.community, author=other)
    PostFactory.create(thread=others_thread, author=other, body="Opening")
    others_post = PostFactory.create(
        thread=others_thread,
        author=other,
        body="Thanks @zainab-ok for the checklist",
        body_html='<p>Thanks <a href="/community/members/zainab-ok/">@zainab-ok</a></p>',
    )
    PostFactory.create(thread=others_thread, author=person, body="You are welcome")
    quoting = PostFactory.create(
        thread=others_thread,
        author=other,
        body=f"> **{person.full_name}:**\n> You are welcome\n\nGlad",
    )
    # A statement about the person by someone else: they are its object, and in its context.
    record(
        account_agent(str(other.uuid), other.full_name),
        "http://adlnet.gov/expapi/verbs/mentored",
        {"objectType": "Agent", "mbox": f"mailto:{person.email}", "name": person.full_name},
        context={"instructor": account_agent(str(person.uuid), person.full_name)},
    )
    _admin_log_about(person, membership)
    more_footprint(person, other, course)
    return Footprint(
        person=person,
        other=other,
        handle="zainab-ok",
        identifiers={
            "email": person.email,
            "old_email": old_email,
            "name": person.full_name,
            "handle": "zainab-ok",
            "uuid": str(person.uuid),
        },
        others_post=others_post,
        quoting_post=quoting,
        own_post=own_post,
        thread_others_answered=own_thread,
    )


def _cmi5_session(person: User, registration: uuid.UUID, subject: uuid.UUID) -> None:
    """A cmi5 unit launched and its credential fetched: a session, LMS.LaunchData, the
    learner's preferences and a launch credential bound to them."""
    au = {"identifier": "https://example.org/au/1", "title": "AU", "launch": "index.html"}
    package = Package.objects.create(
        kind=Package.Kind.CMI5, title="cmi5 course", summary={"launchables": [au]}
    )
    launch = Launch(
        learner=person.pk,
        package=package.pk,
        subject=str(subject),
        registration=str(registration),
    )
    url = cmi5.launch_au(launch, au["identifier"])
    fetch = url.split("fetch=")[1].split("&")[0].rsplit("%2F", 1)[1]
    cmi5.fetch_token(fetch)


def _admin_log_about(person: User, membership: Model) -> None:
    """What the back office writes when staff edit the person, and a record of theirs whose
    name and change message show who it belongs to."""
    staff = StaffFactory.create(full_name="Back Office", email="office@example.org")
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(person.pk),
        object_repr=str(person),
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["Organisation"]}}]),
    )
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(membership),
        object_id=str(membership.pk),
        object_repr=f"{person.full_name} <{person.email}> in the community",
        action_flag=CHANGE,
        change_message=json.dumps(
            [{"changed": {"name": "membership", "object": person.email, "fields": ["Role"]}}]
        ),
    )
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(membership),
        object_id=str(membership.pk),
        object_repr="@zainab-ok (member)",
        action_flag=CHANGE,
        change_message=json.dumps([{"changed": {"fields": ["Reputation"]}}]),
    )
