"""Choosing content in an external tool (LTI Deep Linking 2.0) with pylti1p3 as the tool: the
author goes to the tool from the draft's page, the tool posts back the resource links chosen,
and they become lessons; a forged, replayed or foreign answer adds nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import RSAKey
from pylti1p3.deep_link_resource import DeepLinkResource

from conftest import LoggedInClient
from praxis.authoring.models import DraftLesson
from praxis.authoring.tests.conftest import Team
from praxis.lti.tests.factories import ToolFactory
from praxis.lti.tests.tool import LOGIN_URL, PyltiTool, ToolLaunch, form_post, key_pair

pytestmark = pytest.mark.django_db

DL = "https://purl.imsglobal.org/spec/lti-dl/claim/"


@pytest.fixture
def tool() -> PyltiTool:
    tool = PyltiTool.new()
    tool.registration = ToolFactory.create(public_key=tool.public_pem, organisation=None)
    return tool


def choose(team: Team, tool: PyltiTool) -> tuple[ToolLaunch, LoggedInClient]:
    """The author asks to choose content in the tool; pylti1p3 receives the deep linking
    request."""
    assert tool.registration is not None
    browser = LoggedInClient()
    browser.force_login(team.author)
    module = team.draft.modules.get()
    response = browser.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {"module": str(module.key), "tool": str(tool.registration.uuid), "action": "choose_tool"},
    )
    assert response.status_code == 302 and response["Location"].startswith(LOGIN_URL)
    page = browser.get(tool.login(response["Location"]).removeprefix(settings.SITE_URL))
    return tool.launch(form_post(page.content.decode())[1]), browser


def answer(launch: ToolLaunch, token: str) -> Any:
    settings_claim = launch.get_launch_data()[DL + "deep_linking_settings"]  # type: ignore[literal-required] # a claim pylti1p3 does not type
    return_url = str(settings_claim["deep_link_return_url"])
    # Posted from the tool's page: the author's session cookie does not come along.
    return Client().post(
        return_url.removeprefix(settings.SITE_URL),
        {"JWT": token},
        headers={"Accept": "application/json"},
    )


def chosen() -> list[DeepLinkResource]:
    return [
        DeepLinkResource()
        .set_url("https://tool.example/cases/sepsis")
        .set_title("Sepsis case")
        .set_custom_params({"case": "sepsis"}),
        DeepLinkResource().set_url("https://tool.example/cases/burns").set_title("Burns case"),
    ]


def test_the_draft_page_offers_the_tool(team: Team, tool: PyltiTool) -> None:
    browser = LoggedInClient()
    browser.force_login(team.author)
    page = browser.get(reverse("authoring:draft", args=[team.draft.uuid]))
    assert "Choose content in the tool" in page.text
    assert "form-action 'self' https://tool.example" in page["Content-Security-Policy"]


def test_content_chosen_in_the_tool_becomes_lessons(team: Team, tool: PyltiTool) -> None:
    launch, _browser = choose(team, tool)
    assert launch.is_deep_link_launch()

    response = answer(launch, launch.get_deep_link().get_response_jwt(chosen()))

    assert response.status_code == 302
    added = DraftLesson.objects.filter(tool_link__isnull=False).order_by("position")
    assert [
        (lesson.title, lesson.tool_link.url if lesson.tool_link else "") for lesson in added
    ] == [
        ("Sepsis case", "https://tool.example/cases/sepsis"),
        ("Burns case", "https://tool.example/cases/burns"),
    ]
    assert added[0].tool_link is not None and added[0].tool_link.custom == {"case": "sepsis"}


def test_an_answer_is_taken_once(team: Team, tool: PyltiTool) -> None:
    launch, _browser = choose(team, tool)
    token = launch.get_deep_link().get_response_jwt(chosen())
    assert answer(launch, token).status_code == 302

    again = answer(launch, token)

    assert (again.status_code, again.json()["error"]["code"]) == (409, "lti_replay")
    assert DraftLesson.objects.filter(tool_link__isnull=False).count() == 2


def test_an_answer_signed_by_another_key_adds_nothing(team: Team, tool: PyltiTool) -> None:
    launch, _browser = choose(team, tool)
    claims = launch.get_deep_link().get_message_jwt(chosen())
    forged = jwt.encode({"alg": "RS256"}, claims, RSAKey.import_key(key_pair()[0]))

    response = answer(launch, forged)

    assert (response.status_code, response.json()["error"]["code"]) == (401, "lti_bad_signature")
    assert not DraftLesson.objects.filter(tool_link__isnull=False).exists()
    # The launch is still unanswered: the real answer goes through.
    assert answer(launch, launch.get_deep_link().get_response_jwt(chosen())).status_code == 302


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (
            {"https://purl.imsglobal.org/spec/lti-dl/claim/data": "another launch"},
            "lti_assertion_invalid",
        ),
        ({"aud": ["https://elsewhere.example"]}, "lti_assertion_invalid"),
        (
            {"https://purl.imsglobal.org/spec/lti/claim/deployment_id": "other"},
            "lti_unknown_deployment",
        ),
        ({"exp": 1_000_000_000}, "lti_assertion_expired"),
        (
            {"https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest"},
            "lti_invalid_request",
        ),
        (
            {
                "https://purl.imsglobal.org/spec/lti-dl/claim/content_items": [
                    {"type": "ltiResourceLink", "url": "javascript:alert(1)"}
                ]
            },
            "lti_invalid_request",
        ),
        (
            {"https://purl.imsglobal.org/spec/lti-dl/claim/content_items": "all of them"},
            "lti_invalid_request",
        ),
    ],
)
def test_a_wrong_answer_adds_nothing(
    team: Team, tool: PyltiTool, change: dict[str, object], code: str
) -> None:
    launch, _browser = choose(team, tool)
    claims = {**launch.get_deep_link().get_message_jwt(chosen()), **change}
    token = jwt.encode({"alg": "RS256"}, claims, RSAKey.import_key(tool.private_pem))

    response = answer(launch, token)

    assert response.json()["error"]["code"] == code
    assert not DraftLesson.objects.filter(tool_link__isnull=False).exists()


def test_an_unknown_launch_is_refused(team: Team) -> None:
    response = Client().post(
        reverse("authoring:tool_content", args=["6f1c63b3-43a5-4c4e-9a0a-0c2b8f5c8d11"]),
        {"JWT": "x.y.z"},
        headers={"Accept": "application/json"},
    )
    assert (response.status_code, response.json()["error"]["code"]) == (403, "lti_launch_expired")
