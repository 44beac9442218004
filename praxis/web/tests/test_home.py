"""The front door: live content for a visitor, where to go next for a signed-in person."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments.tests.factories import AlignmentFactory
from praxis.catalog import services as catalog
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import CourseFactory, course_with_lessons
from praxis.community.notices import mention
from praxis.community.tests.factories import CommunityFactory, ThreadFactory
from praxis.competencies.tests.factories import TargetRequirementFactory
from praxis.credentials.tests.factories import ExternalActivityFactory
from praxis.events.models import Event
from praxis.events.tests.factories import EventFactory, RegistrationFactory
from praxis.notifications import services as notifications
from praxis.organisations.tests.factories import NetworkFactory, OrganisationFactory
from praxis.reference.models import Occupation

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


def text(response: Response) -> str:
    return response.content.decode()


def test_visitor_sees_what_praxis_offers_with_live_content(client: Client) -> None:
    CourseFactory.create(title="Hand hygiene basics")
    CourseFactory.create(title="Draft course", status=Course.Status.DRAFT)
    EventFactory.create(title="Triage workshop")
    EventFactory.create(
        title="Past seminar",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=2),
    )
    EventFactory.create(title="Unpublished event", status=Event.Status.DRAFT)
    community = CommunityFactory.create(name="Nurses of the Pacific")
    ThreadFactory.create(community=community)
    CommunityFactory.create(name="Quiet corner")

    page = text(client.get("/"))

    for pillar in ["Learning", "Partners", "Events", "Communities", "Research"]:
        assert f">{pillar}</a></h3>" in page
    assert "Hand hygiene basics" in page
    assert "Draft course" not in page
    assert "Triage workshop" in page
    assert "Past seminar" not in page and "Unpublished event" not in page
    assert "Nurses of the Pacific" in page
    assert "Quiet corner" not in page  # no conversation yet


def test_visitor_sees_the_partner_network_in_numbers(client: Client) -> None:
    fiji = OrganisationFactory.create(country="FJ")
    OrganisationFactory.create(country="KE")
    OrganisationFactory.create(country="KE")
    NetworkFactory.create(lead=fiji)

    page = text(client.get("/"))

    assert "<strong>3</strong> partner organisations" in page
    assert "<strong>2</strong> countries" in page
    assert "<strong>1</strong> networks" in page


def test_visitor_sees_courses_in_their_language_first(client: Client) -> None:
    CourseFactory.create(title="Hygiène des mains", language="fr")
    for n in range(4):
        CourseFactory.create(title=f"English course {n}", language="en")
    page = text(client.get("/", HTTP_ACCEPT_LANGUAGE="fr"))
    new_section = page.split('id="new-title"')[1].split("</section>")[0]
    assert new_section.index("Hygiène des mains") < new_section.index("English course")


def test_home_page_shows_numbers_in_the_visitors_language(client: Client) -> None:
    for _ in range(3):
        OrganisationFactory.create()
    page = text(client.get("/", HTTP_ACCEPT_LANGUAGE="ar"))
    assert 'lang="ar" dir="rtl"' in page
    assert "<strong>3</strong>" in page


def test_signed_in_person_sees_where_to_go_next(client: Client) -> None:
    occupation = Occupation.objects.first()
    learner = UserFactory.create(occupation=occupation, full_name="Amina Diallo")
    course = course_with_lessons(title="Wound care")
    catalog.enrol(learner, course)
    RegistrationFactory.create(
        person=learner, event=EventFactory.create(title="Wound care webinar")
    )
    requirement = TargetRequirementFactory.create(profile__occupation=occupation, level=3)
    AlignmentFactory.create(
        course=CourseFactory.create(title="Triage essentials"), item=requirement.item
    )
    ExternalActivityFactory.create(learner=learner)
    User.objects.filter(pk=learner.pk).update(created_at=timezone.now() - timedelta(days=30))
    client.force_login(learner)

    page = text(client.get("/"))

    assert "Welcome back, Amina" in page
    continue_section = page.split('id="continue-title"')[1].split("</section>")[0]
    assert "Wound care" in continue_section and "Resume" in continue_section
    assert "Wound care webinar" in page.split('id="next-events-title"')[1].split("</section>")[0]
    steps = page.split('id="next-steps-title"')[1].split("</section>")[0]
    assert "Triage essentials" in steps
    cpd = page.split('id="cpd-title"')[1].split("</section>")[0]
    # The amount in the system's unit, with its plural forms, the system named beside it.
    assert "<strong>3 hours</strong>" in cpd and "CPD hours" in cpd
    client.cookies["django_language"] = "ar"
    arabic = text(client.get("/")).split('id="cpd-title"')[1].split("</section>")[0]
    assert "ساعات التطوير المهني المستمر" in arabic and "CPD hours" not in arabic
    client.cookies["django_language"] = "fr"
    french = text(client.get("/")).split('id="cpd-title"')[1].split("</section>")[0]
    assert "<strong>3 heures</strong>" in french


def test_signed_in_person_without_anything_is_told_where_to_start(client: Client) -> None:
    client.force_login(UserFactory.create(full_name="Ngozi Okafor"))
    page = text(client.get("/"))
    assert "Welcome, Ngozi" in page and "Welcome back" not in page  # their first day
    assert "You are not following any course right now." in page
    assert "You are not registered for any coming event." in page
    assert "No CPD credits recorded yet." in page


def unread_section(page: str) -> str:
    return page.split('id="unread-title"')[1].split("</section>")[0]


def test_signed_in_person_sees_their_newest_unread_notices(client: Client) -> None:
    learner = UserFactory.create()
    for thread in ("Gowns", "Masks", "Night shifts", "Hand rubs"):
        notifications.notify(learner, mention, "/community/t/x/", actor="Chen Li", thread=thread)
    read = notifications.notify(
        learner, mention, "/community/t/y/", actor="Chen Li", thread="Already read"
    )
    assert read is not None
    read.read_at = timezone.now()
    read.save(update_fields=["read_at"])
    # Someone else's unread notice is not shown to the learner.
    notifications.notify(
        UserFactory.create(), mention, "/community/t/z/", actor="Chen Li", thread="Not yours"
    )
    client.force_login(learner)

    section = unread_section(text(client.get("/")))

    assert "Unread notifications" in section
    # The newest three, newest first; each opens through the form that marks it read.
    assert section.index("“Hand rubs”") < section.index("“Night shifts”") < section.index("“Masks”")
    assert "“Gowns”" not in section
    assert "Already read" not in section and "Not yours" not in section
    assert section.count('name="open" value="1"') == 3
    assert 'href="/notifications/"' in section


def test_opening_a_notice_from_the_home_page_marks_it_read(client: Client) -> None:
    learner = UserFactory.create()
    notice = notifications.notify(learner, mention, "/community/t/x/", actor="Ana", thread="Gowns")
    assert notice is not None
    client.force_login(learner)
    assert f'action="/notifications/{notice.pk}/read/"' in unread_section(text(client.get("/")))

    response = client.post(f"/notifications/{notice.pk}/read/", {"open": "1"})

    assert response.status_code == 302 and response["Location"] == "/community/t/x/"
    assert 'id="unread-title"' not in text(client.get("/"))


def test_no_unread_notice_means_no_section(client: Client) -> None:
    learner = UserFactory.create()
    notifications.notify(
        UserFactory.create(), mention, "/community/t/z/", actor="Chen Li", thread="Not yours"
    )
    client.force_login(learner)
    page = text(client.get("/"))
    assert "Welcome," in page  # the signed-in home page
    assert 'id="unread-title"' not in page and "Not yours" not in page


def test_home_page_queries_stay_fixed_for_a_visitor(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for _ in range(6):
        course = CourseFactory.create()
        course.organisations.add(OrganisationFactory.create())
        EventFactory.create()
        ThreadFactory.create(community=CommunityFactory.create())
    # new courses + their organisations, popular courses + their organisations, events,
    # communities, organisations' figures, networks
    with django_assert_num_queries(8):
        response = client.get("/")
    assert response.status_code == 200


def test_home_page_queries_stay_fixed_for_a_learner(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    learner = UserFactory.create()
    for _ in range(4):
        catalog.enrol(learner, course_with_lessons())
        RegistrationFactory.create(person=learner)
    for thread in ("Gowns", "Masks", "Night shifts", "Hand rubs"):
        notifications.notify(learner, mention, "/community/t/x/", actor="Chen Li", thread=thread)
    client.force_login(learner)
    client.get("/")  # warm the session, and keep each course's lessons
    # session, user, the visitor's 8, enrolments, completed lessons, registrations, CPD lines,
    # unread notices (their count comes from the cache)
    with django_assert_num_queries(15):
        response = client.get("/")
    assert response.status_code == 200


def test_a_second_visitor_gets_the_home_page_without_a_query(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    CourseFactory.create(title="Hand hygiene basics")
    first = text(client.get("/"))
    with django_assert_num_queries(0):
        second = Client().get("/")
    assert "Hand hygiene basics" in text(second) and text(second) == first
    assert "Cookie" in second["Vary"]  # a cache between must not give it to a signed-in person


def test_the_next_visitor_sees_what_was_published_or_written_since(client: Client) -> None:
    draft = course_with_lessons(title="Triage in the emergency room")
    client.get("/")
    catalog.publish_course(draft)
    EventFactory.create(title="Cold chain workshop")
    community = CommunityFactory.create(name="Midwives of the Andes")
    ThreadFactory.create(community=community)
    OrganisationFactory.create(country="PE")
    page = text(Client().get("/"))
    assert "Triage in the emergency room" in page and "Cold chain workshop" in page
    assert "Midwives of the Andes" in page
    assert "<strong>1</strong> partner organisations" in page


def test_which_courses_are_most_followed_shows_within_the_minute(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    courses = [course_with_lessons(title=f"Course {letter}") for letter in "ABCDEFGHI"]
    for course in courses:
        catalog.publish_course(course)
    now = timezone.now()
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    before = text(client.get("/")).split('id="popular-title"')[1].split("</section>")[0]
    # The four newest are shown as new, not as popular; of the others, A to D (by title).
    assert "Course E" not in before
    for _ in range(3):  # enrolling changes no page's text: only who follows what
        catalog.enrol(UserFactory.create(), courses[4])
    monkeypatch.setattr("django.utils.timezone.now", lambda: now + timedelta(minutes=1))
    after = text(Client().get("/")).split('id="popular-title"')[1].split("</section>")[0]
    assert "Course E" in after


def test_a_signed_in_person_and_a_visitor_each_get_their_own_home_page(client: Client) -> None:
    learner = UserFactory.create(full_name="Amina Haddad")
    signed_in = Client()
    signed_in.force_login(learner)
    for _round in range(2):  # the second round is served from whatever the first one kept
        assert "Welcome" in text(signed_in.get("/"))
        visitor = text(Client().get("/"))
        assert "Keep learning, wherever you care for people" in visitor
        assert "Welcome" not in visitor and "Amina" not in visitor
