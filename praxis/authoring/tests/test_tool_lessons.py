"""Lessons opening an external tool (LTI 1.3) in a draft: placed through the API by authors of
the tool's organisation (or any author for an academy tool), reviewed and published like any
other lesson, and refused for a tool the author may not place."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from conftest import LoggedInClient, SchemaCheckedClient
from praxis.authoring import services
from praxis.authoring.models import DraftLesson, HistoryEntry
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.editor_page import marked_invalid
from praxis.authoring.tests.factories import member
from praxis.catalog.models import Lesson
from praxis.lti.models import ResourceLink
from praxis.lti.tests.factories import ToolFactory
from praxis.organisations.models import Role
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
        reverse("authoring:draft", args=[team.draft.uuid]),
        {"module": str(module.key), "tool": str(tool.uuid), "action": "place_tool"},
        follow=True,
    )

    lesson = DraftLesson.objects.get(tool_link__tool=tool)
    assert lesson.title == "Wound care lab"
    assert "The external tool is now a lesson." in response.text


@pytest.mark.parametrize("tool", ["not-a-uuid", "6f1c63b3-43a5-4c4e-9a0a-0c2b8f5c8d11"])
def test_the_draft_page_refuses_an_unknown_tool_beside_its_field(team: Team, tool: str) -> None:
    ToolFactory.create(organisation=team.organisation, name="Wound care lab")
    browser = LoggedInClient()
    browser.force_login(team.author)
    module = team.draft.modules.get()
    before = DraftLesson.objects.count()

    response = browser.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {"module": str(module.key), "tool": tool, "action": "place_tool"},
    )

    assert response.status_code == 400
    field = f"id_tool_{module.key}"
    assert f'id="{field}_error">Choose a tool.' in response.text
    assert marked_invalid(response.text, field)
    assert DraftLesson.objects.count() == before


# The pass mark, changed after the lesson is placed


def _tool_lesson(team: Team, pass_mark: int = 80) -> DraftLesson:
    tool = ToolFactory.create(organisation=team.organisation, name="Triage simulator")
    module = team.draft.modules.get()
    return services.add_tool_lesson(module, team.author, tool=tool.uuid, pass_mark=pass_mark)


def _settings_url(draft_uuid: object, lesson: DraftLesson) -> str:
    return f"/api/v1/authoring/drafts/{draft_uuid}/lessons/{lesson.key}/tool"


def _put_mark(client: SchemaCheckedClient, url: str, mark: object) -> Any:
    return client.put(url, {"pass_mark": mark}, content_type="application/json")


def test_the_api_changes_the_pass_mark_of_a_draft_tool_lesson_in_place(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    lesson = _tool_lesson(team)
    link = lesson.tool_link
    assert link is not None
    api_client.force_login(team.co_author)

    response = _put_mark(api_client, _settings_url(team.draft.uuid, lesson), 65)
    read = api_client.get(_settings_url(team.draft.uuid, lesson))

    assert response.status_code == 200, response.json()
    assert (response.json()["pass_mark"], response.json()["resource_link"]) == (65, str(link.uuid))
    assert read.json()["pass_mark"] == 65
    link.refresh_from_db()
    assert link.pass_mark == 65
    assert ResourceLink.objects.count() == 1  # nobody else held the link: no copy
    entry = HistoryEntry.objects.filter(draft=team.draft).latest("id")
    assert entry.detail_text == "pass mark of lesson Triage simulator: 65 %"


def test_a_new_version_copies_the_published_link_and_its_learners_keep_their_pass_mark(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    lesson = _tool_lesson(team, pass_mark=80)
    approve(team)
    services.publish(team.draft, team.staff)
    published = Lesson.objects.get(uuid=lesson.key)
    launched = published.tool_link
    assert launched is not None
    following = services.start_new_version(published.module.course, team.author)
    copied_lesson = DraftLesson.objects.get(module__draft=following, key=lesson.key)
    assert copied_lesson.tool_link == launched
    api_client.force_login(team.author)

    first = _put_mark(api_client, _settings_url(following.uuid, copied_lesson), 60)
    second = _put_mark(api_client, _settings_url(following.uuid, copied_lesson), 55)

    assert (first.status_code, second.status_code) == (200, 200)
    copy = ResourceLink.objects.get(uuid=first.json()["resource_link"])
    assert copy != launched
    assert second.json()["resource_link"] == str(copy.uuid)  # the copy is this draft's own now
    assert (copy.tool, copy.url, copy.custom, copy.pass_mark) == (
        launched.tool,
        launched.url,
        launched.custom,
        55,
    )
    launched.refresh_from_db()
    published.refresh_from_db()
    assert (published.tool_link, launched.pass_mark) == (launched, 80)
    assert ResourceLink.objects.count() == 2

    following.refresh_from_db()
    team.draft = following
    approve(team)
    services.publish(following, team.staff)
    published.refresh_from_db()
    assert published.tool_link == copy


@pytest.mark.parametrize("mark", [-1, 101, 1000, 70.5, "70", "", None, True, [70]])
def test_a_bad_pass_mark_is_refused_by_the_api_and_changes_nothing(
    api_client: SchemaCheckedClient, team: Team, mark: object
) -> None:
    lesson = _tool_lesson(team)
    api_client.force_login(team.author)
    before = HistoryEntry.objects.count()

    response = _put_mark(api_client, _settings_url(team.draft.uuid, lesson), mark)

    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], list(error["fields"])) == ("invalid_input", ["pass_mark"])
    assert ResourceLink.objects.get().pass_mark == 80
    assert HistoryEntry.objects.count() == before


def test_an_out_of_range_mark_says_which_marks_are_accepted(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    lesson = _tool_lesson(team)
    api_client.force_login(team.author)

    response = _put_mark(api_client, _settings_url(team.draft.uuid, lesson), 140)

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["pass_mark"] == [
        "Enter a whole number from 0 to 100."
    ]


def test_another_organisations_author_cannot_read_or_change_the_pass_mark(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    lesson = _tool_lesson(team)
    stranger = member(OrganisationFactory.create(), Role.AUTHOR)
    api_client.force_login(stranger)

    read = api_client.get(_settings_url(team.draft.uuid, lesson))
    changed = _put_mark(api_client, _settings_url(team.draft.uuid, lesson), 10)

    assert (read.status_code, changed.status_code) == (403, 403)
    assert changed.json()["error"]["code"] == "permission_denied"
    assert ResourceLink.objects.get().pass_mark == 80


def test_the_reviewer_of_the_draft_cannot_change_the_pass_mark(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    lesson = _tool_lesson(team)
    services.submit_for_review(team.draft, team.author)
    services.assign_reviewer(team.draft, team.reviewer, team.staff)
    api_client.force_login(team.reviewer)

    response = _put_mark(api_client, _settings_url(team.draft.uuid, lesson), 10)

    assert response.status_code in (403, 409)
    assert ResourceLink.objects.get().pass_mark == 80


def test_a_published_version_keeps_its_pass_mark(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    lesson = _tool_lesson(team)
    approve(team)
    services.publish(team.draft, team.staff)
    api_client.force_login(team.author)

    response = _put_mark(api_client, _settings_url(team.draft.uuid, lesson), 10)

    assert (response.status_code, response.json()["error"]["code"]) == (
        409,
        "version_read_only",
    )
    assert ResourceLink.objects.get().pass_mark == 80


def test_a_lesson_opening_no_tool_has_no_pass_mark(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(team.author)
    url = _settings_url(team.draft.uuid, team.lessons[0])

    read = api_client.get(url)
    changed = _put_mark(api_client, url, 50)

    assert (read.status_code, read.json()["error"]["code"]) == (404, "lti_not_a_tool_lesson")
    assert (changed.status_code, changed.json()["error"]["code"]) == (
        404,
        "lti_not_a_tool_lesson",
    )
    assert not ResourceLink.objects.exists()


def test_the_lesson_page_shows_the_tool_and_saves_its_pass_mark(team: Team) -> None:
    lesson = _tool_lesson(team)
    browser = LoggedInClient()
    browser.force_login(team.author)
    page = reverse("authoring:lesson", args=[team.draft.uuid, lesson.key])

    shown = browser.get(page)
    saved = browser.post(page, {"action": "pass_mark", "pass_mark": " 65 "}, follow=True)

    assert "Triage simulator" in shown.text and "Save the pass mark" in shown.text
    assert 'value="80"' in shown.text
    assert saved.redirect_chain[-1][0].endswith(f"{page}#tool-heading")
    assert "Pass mark saved." in saved.text
    assert 'value="65"' in saved.text
    assert ResourceLink.objects.get().pass_mark == 65


@pytest.mark.parametrize("mark", ["", "-5", "101", "seventy", "70.5", "1e2"])
def test_the_lesson_page_refuses_a_bad_pass_mark_beside_its_field_and_changes_nothing(
    team: Team, mark: str
) -> None:
    lesson = _tool_lesson(team)
    browser = LoggedInClient()
    browser.force_login(team.author)

    response = browser.post(
        reverse("authoring:lesson", args=[team.draft.uuid, lesson.key]),
        {"action": "pass_mark", "pass_mark": mark},
    )

    assert response.status_code == 400
    assert 'id="tool-pass_mark_error">Enter a whole number from 0 to 100.' in response.text
    assert marked_invalid(response.text, "tool-pass_mark")
    if mark:  # what was typed stays in the field
        assert f'value="{mark}"' in response.text
    assert "Pass mark saved." not in response.text
    assert ResourceLink.objects.get().pass_mark == 80


def test_the_lesson_page_refuses_another_organisations_author(team: Team) -> None:
    lesson = _tool_lesson(team)
    browser = LoggedInClient()
    browser.force_login(member(OrganisationFactory.create(), Role.AUTHOR))

    response = browser.post(
        reverse("authoring:lesson", args=[team.draft.uuid, lesson.key]),
        {"action": "pass_mark", "pass_mark": "10"},
    )

    assert response.status_code == 403
    assert ResourceLink.objects.get().pass_mark == 80


def test_the_lesson_page_of_a_published_version_offers_no_pass_mark_form(team: Team) -> None:
    lesson = _tool_lesson(team)
    approve(team)
    services.publish(team.draft, team.staff)
    browser = LoggedInClient()
    browser.force_login(team.author)

    shown = browser.get(reverse("authoring:lesson", args=[team.draft.uuid, lesson.key]))
    posted = browser.post(
        reverse("authoring:lesson", args=[team.draft.uuid, lesson.key]),
        {"action": "pass_mark", "pass_mark": "10"},
        follow=True,
    )

    assert "Triage simulator" in shown.text and "Save the pass mark" not in shown.text
    assert "This version is published and cannot change." in posted.text
    assert ResourceLink.objects.get().pass_mark == 80
