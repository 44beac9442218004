"""Each person finds their work in the header menu, decided by the apps' permission rules."""

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.community.tests.factories import ModeratorFactory
from praxis.events.tests.factories import EventFactory
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory
from praxis.research.tests.factories import ProjectFactory, research_officer

pytestmark = pytest.mark.django_db


def work_menu(client: Client) -> str:
    page = client.get("/").content.decode()
    if 'class="work"' not in page:
        return ""
    return page.split('class="work"')[1].split("</ul>")[0]


def test_a_learner_has_no_work_menu(client: Client) -> None:
    client.force_login(UserFactory.create())
    assert work_menu(client) == ""
    assert "Your work" not in client.get("/").content.decode()


def test_an_author_finds_their_drafts(client: Client) -> None:
    author = MembershipFactory.create(role=Role.AUTHOR).user
    client.force_login(author)
    menu = work_menu(client)
    assert 'href="/authoring/#drafts-heading">My drafts' in menu
    assert 'href="/lti/tools/">External tools' in menu
    assert "Review queue" not in menu and "Administration" not in menu
    assert "/lti/platforms/" not in menu


def test_a_reviewer_finds_the_review_queue(client: Client) -> None:
    client.force_login(MembershipFactory.create(role=Role.REVIEWER).user)
    menu = work_menu(client)
    assert 'href="/authoring/#reviews-heading">Review queue' in menu
    assert "My drafts" not in menu


def test_staff_find_review_assignments_check_in_and_the_admin(client: Client) -> None:
    EventFactory.create(title="Triage workshop", slug="triage")
    client.force_login(StaffFactory.create())
    menu = work_menu(client)
    for label in ["My drafts", "Review queue", "Review assignments", "Analytics", "Administration"]:
        assert label in menu
    assert 'href="/events/triage/check-in/">Check-in: <span dir="auto">Triage workshop' in menu
    assert 'href="/admin/"' in menu
    assert 'href="/lti/tools/">External tools' in menu
    assert 'href="/lti/platforms/">Learning platforms' in menu


def test_a_research_officer_finds_research_requests(client: Client) -> None:
    client.force_login(research_officer())
    menu = work_menu(client)
    assert 'href="/research/projects/">Research requests' in menu
    assert "Administration" not in menu


def test_a_researcher_finds_their_projects(client: Client) -> None:
    client.force_login(ProjectFactory.create().principal_investigator)
    assert 'href="/research/projects/">My research projects' in work_menu(client)


def test_a_moderator_finds_their_communitys_queue(client: Client) -> None:
    moderator = ModeratorFactory.create(community__name="Midwives", community__slug="midwives")
    client.force_login(moderator.user)
    menu = work_menu(client)
    assert (
        'href="/community/c/midwives/moderation/">Moderation queue: <span dir="auto">Midwives'
        in menu
    )


def test_an_organisation_admin_finds_their_organisations_and_analytics(client: Client) -> None:
    client.force_login(MembershipFactory.create(role=Role.ADMIN).user)
    menu = work_menu(client)
    assert "My organisations" in menu and "My drafts" in menu and "Analytics" in menu


def test_the_menu_is_labelled_in_the_viewers_language(client: Client) -> None:
    client.force_login(StaffFactory.create())
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="fr"' in page
    assert "Administration" in page.split('class="work"')[1]


def test_pages_add_no_query_for_the_menu_once_logged_in(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client.force_login(StaffFactory.create())
    client.get("/healthz")
    # session, user: the menu comes from the session
    with django_assert_num_queries(2):
        response = client.get("/accounts/login/")
    assert "Administration" in response.content.decode()
