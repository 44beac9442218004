"""The layout of a signed-in page costs few template nodes: what is the same for everyone is
rendered once per language, and the work menu once per language and list of work, never shown
to anyone but the people whose work it lists."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.template.base import Node
from django.test import Client

from conftest import LoggedInClient
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.events.tests.factories import EventFactory
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory
from praxis.web import navigation

pytestmark = pytest.mark.django_db

LAYOUT = {"base.html", "web/work_menu.html"}


@pytest.fixture(autouse=True)
def _no_kept_markup() -> Iterator[None]:
    navigation._markup.cache_clear()
    yield
    navigation._markup.cache_clear()


def layout_nodes_rendered(client: Client, url: str = "/") -> int:
    """How many nodes of the layout (not of the page's own content) render for `url`."""
    render = Node.render_annotated
    count = 0

    def counted(node: Node, context: Any) -> Any:
        nonlocal count
        origin = getattr(node, "origin", None)
        if origin is not None and origin.template_name in LAYOUT:
            count += 1
        return render(node, context)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Node, "render_annotated", counted)
        assert client.get(url).status_code == 200
    return count


def work_menu(client: Client) -> str:
    page = client.get("/").content.decode()
    return page.split('class="work"')[1].split("</ul>")[0] if 'class="work"' in page else ""


def test_a_staff_members_layout_renders_few_nodes_once_warm(client: Client) -> None:
    EventFactory.create(title="Triage workshop", slug="triage")
    client.force_login(StaffFactory.create())
    layout_nodes_rendered(client)
    # 70 when the work menu was rendered for each page (its loop, one node a line).
    assert layout_nodes_rendered(client) <= 30


def test_a_learners_layout_renders_few_nodes_once_warm(client: Client) -> None:
    client.force_login(UserFactory.create())
    layout_nodes_rendered(client)
    # 33 when the header, menu and footer were split in more parts.
    assert layout_nodes_rendered(client) <= 28


def test_people_with_other_work_never_see_anothers_menu(client: Client) -> None:
    EventFactory.create(title="Triage workshop", slug="triage")
    client.force_login(StaffFactory.create())
    assert "Triage workshop" in work_menu(client)
    admin = LoggedInClient()
    admin.force_login(MembershipFactory.create(role=Role.ADMIN).user)
    menu = work_menu(admin)
    assert "My organisations" in menu
    assert "Triage workshop" not in menu and "Administration" not in menu
    learner = LoggedInClient()
    learner.force_login(UserFactory.create())
    assert work_menu(learner) == ""
    assert "Your work" not in learner.get("/").content.decode()


def test_the_same_work_is_rendered_once_per_language(client: Client) -> None:
    for _ in range(2):
        staff = LoggedInClient()
        staff.force_login(StaffFactory.create())
        assert "Administration" in work_menu(staff)
    french = LoggedInClient()
    french.force_login(StaffFactory.create())
    page = french.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="fr"' in page
    assert "Mes brouillons" in page.split('class="work"')[1]
    assert navigation._markup.cache_info().misses == 2
