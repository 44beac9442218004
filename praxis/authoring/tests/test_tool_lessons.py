"""Lessons opening an external tool (LTI 1.3) in a draft: placed through the API by authors of
the tool's organisation (or any author for an academy tool), reviewed and published like any
other lesson, and refused for a tool the author may not place."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import LoggedInClient, SchemaCheckedClient
from praxis.authoring import services
from praxis.authoring.models import DraftLesson
from praxis.authoring.tests.conftest import Team, approve
from praxis.catalog.models import Lesson
from praxis.lti.models import ResourceLink
from praxis.lti.tests.factories import ToolFactory
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(team: Team) -> str:
    module = team.draft.modules.get()
    return f"/api/v1/authoring/drafts/{team.draft.uuid}/modules/{module.key}/tool-lessons"


def test_author_places_their_organisations_tool_as_a_lesson(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    tool = ToolFactory.create(organisation=team.organisation, name="Sepsis simulator")
    ToolFactory.create(organisation=OrganisationFactory.create(), name="Someone else's")
    api_client.force_login(team.author)

    listed = api_client.get(f"/api/v1/authoring/drafts/{team.draft.uuid}/tools").json()
    response = api_client.post(
        _url(team),
        {"tool": str(tool.uuid), "pass_mark": 70, "custom": {"case": "adult"}},
        content_type="application/json",
    )

    assert [entry["name"] for entry in listed] == ["Sepsis simulator"]
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["title"], body["pass_mark"]) == ("Sepsis simulator", 70)
    link = ResourceLink.objects.get(uuid=body["resource_link"])
    assert link.custom == {"case": "adult"}
    assert DraftLesson.objects.get(key=body["key"]).tool_link == link


def test_a_tool_of_another_organisation_is_refused_and_nothing_added(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    tool = ToolFactory.create(organisation=OrganisationFactory.create())
    api_client.force_login(team.author)
    before = DraftLesson.objects.count()

    response = api_client.post(
        _url(team), {"tool": str(tool.uuid)}, content_type="application/json"
    )

    assert (response.status_code, response.json()["error"]["code"]) == (
        404,
        "lti_tool_unavailable",
    )
    assert DraftLesson.objects.count() == before
    assert not ResourceLink.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [({"pass_mark": 101}, "pass_mark"), ({"url": "ftp://tool.example/x"}, "url")],
)
def test_a_bad_placement_is_refused_with_its_field(
    api_client: SchemaCheckedClient, team: Team, change: dict[str, object], field: str
) -> None:
    tool = ToolFactory.create(organisation=None)
    api_client.force_login(team.author)
    response = api_client.post(
        _url(team), {"tool": str(tool.uuid), **change}, content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not ResourceLink.objects.exists()


def test_published_draft_makes_the_tool_a_lesson_of_the_course(team: Team) -> None:
    tool = ToolFactory.create(organisation=None)
    module = team.draft.modules.get()
    lesson = services.add_tool_lesson(module, team.author, tool=tool.uuid, title="Simulation")
    approve(team)
    services.publish(team.draft, team.staff)

    published = Lesson.objects.get(uuid=lesson.key)
    assert published.tool_link == lesson.tool_link
    assert published.title == "Simulation"


def test_the_draft_page_places_a_tool_as_a_lesson(team: Team) -> None:
    tool = ToolFactory.create(organisation=team.organisation, name="Wound care lab")
    browser = LoggedInClient()
    browser.force_login(team.author)
    module = team.draft.modules.get()

    response = browser.post(
        reverse("authoring:add_tool", args=[team.draft.uuid]),
        {"module": str(module.key), "tool": str(tool.uuid), "action": "place"},
        follow=True,
    )

    lesson = DraftLesson.objects.get(tool_link__tool=tool)
    assert lesson.title == "Wound care lab"
    assert "The external tool is now a lesson." in response.text


@pytest.mark.parametrize("tool", ["not-a-uuid", "6f1c63b3-43a5-4c4e-9a0a-0c2b8f5c8d11"])
def test_the_draft_page_refuses_an_unknown_tool(team: Team, tool: str) -> None:
    browser = LoggedInClient()
    browser.force_login(team.author)
    module = team.draft.modules.get()
    before = DraftLesson.objects.count()

    response = browser.post(
        reverse("authoring:add_tool", args=[team.draft.uuid]),
        {"module": str(module.key), "tool": tool, "action": "place"},
        follow=True,
    )

    assert "This external tool is not available." in response.text
    assert DraftLesson.objects.count() == before
