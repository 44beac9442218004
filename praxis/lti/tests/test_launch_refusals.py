"""Authentication requests Praxis refuses, each with its `lti_*` code, leaving the launch
unspent so that nothing changed."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from praxis.accounts.tests.factories import UserFactory
from praxis.lti.models import Launch
from praxis.lti.tests.conftest import Placement
from praxis.lti.tests.test_pylti_tool import open_tool
from praxis.lti.tests.tool import LAUNCH_URL, form_post

pytestmark = pytest.mark.django_db


def auth_params(placement: Placement) -> dict[str, str]:
    """The parameters of the tool's authentication request, as pylti1p3 builds them."""
    url = placement.tool.login(open_tool(placement))
    return dict(parse_qsl(urlsplit(url).query))


def authorize(browser: Client, params: dict[str, str]) -> tuple[int, str]:
    response = browser.get(reverse("lti:authorize"), params, headers={"Accept": "application/json"})
    body = response.json() if response.status_code != 200 else {}
    return response.status_code, body.get("error", {}).get("code", "")


def nothing_spent() -> bool:
    return not Launch.objects.filter(used_at__isnull=False).exists()


def test_a_correct_request_gets_the_form_posting_the_id_token(placement: Placement) -> None:
    params = auth_params(placement)
    response = placement.browser.get(reverse("lti:authorize"), params)
    action, fields = form_post(response.content.decode())
    assert action == LAUNCH_URL
    assert set(fields) == {"id_token", "state"} and fields["state"] == params["state"]
    assert f"form-action 'self' {LAUNCH_URL}" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("lti_message_hint", "not-a-launch", "lti_launch_expired"),
        ("lti_message_hint", "6f1c63b3-43a5-4c4e-9a0a-0c2b8f5c8d11", "lti_launch_expired"),
        ("client_id", "another-client", "lti_unknown_client"),
        ("redirect_uri", "https://evil.example/catch", "lti_wrong_redirect"),
        ("redirect_uri", LAUNCH_URL + "/", "lti_wrong_redirect"),
        ("login_hint", "someone-else", "lti_wrong_user"),
        ("state", "", "lti_invalid_request"),
        ("nonce", "", "lti_invalid_request"),
        ("nonce", "n" * 256, "lti_invalid_request"),
        ("state", "s" * 2001, "lti_invalid_request"),
        ("response_type", "code", "lti_invalid_request"),
        ("scope", "openid profile", "lti_invalid_request"),
        ("response_mode", "query", "lti_invalid_request"),
        ("prompt", "login", "lti_invalid_request"),
    ],
)
def test_a_wrong_parameter_is_refused_with_its_code(
    placement: Placement, name: str, value: str, code: str
) -> None:
    params = auth_params(placement)
    params[name] = value

    assert authorize(placement.browser, params)[1] == code
    assert nothing_spent()


def test_a_missing_parameter_is_refused(placement: Placement) -> None:
    params = auth_params(placement)
    del params["client_id"]
    assert authorize(placement.browser, params) == (400, "lti_invalid_request")


def test_another_signed_in_person_cannot_take_the_launch(placement: Placement) -> None:
    params = auth_params(placement)
    intruder = Client()
    intruder.force_login(UserFactory.create())

    assert authorize(intruder, params) == (403, "lti_wrong_user")
    assert authorize(Client(), params) == (403, "lti_wrong_user")
    assert nothing_spent()


def test_a_launch_is_spent_once(placement: Placement) -> None:
    params = auth_params(placement)
    assert placement.browser.get(reverse("lti:authorize"), params).status_code == 200

    assert authorize(placement.browser, params) == (409, "lti_replay")
    assert Launch.objects.filter(used_at__isnull=False).count() == 1


def test_a_nonce_used_before_is_refused_on_a_new_launch(placement: Placement) -> None:
    first = auth_params(placement)
    assert placement.browser.get(reverse("lti:authorize"), first).status_code == 200
    second = auth_params(placement)
    second["nonce"] = first["nonce"]

    assert authorize(placement.browser, second) == (409, "lti_replay")
    assert Launch.objects.filter(used_at__isnull=False).count() == 1


def test_an_old_launch_has_expired(placement: Placement) -> None:
    params = auth_params(placement)
    Launch.objects.update(
        created_at=Launch.objects.get().created_at
        - timedelta(minutes=settings.LTI_LAUNCH_MINUTES + 1)
    )
    assert authorize(placement.browser, params) == (403, "lti_launch_expired")
    assert nothing_spent()


def test_a_deactivated_tool_cannot_be_launched(placement: Placement) -> None:
    params = auth_params(placement)
    registration = placement.tool.registration
    assert registration is not None
    registration.active = False
    registration.save()

    assert authorize(placement.browser, params)[1] == "lti_tool_unavailable"
    response = placement.browser.post(
        reverse("catalog:launch_tool", args=[placement.course.slug, placement.lesson.uuid]),
        headers={"Accept": "application/json"},
    )
    assert response.json()["error"]["code"] == "lti_tool_unavailable"
    assert nothing_spent()


def test_a_learner_not_enrolled_cannot_open_the_tool(placement: Placement) -> None:
    stranger = Client()
    stranger.force_login(UserFactory.create())
    response = stranger.post(
        reverse("catalog:launch_tool", args=[placement.course.slug, placement.lesson.uuid]),
        headers={"Accept": "application/json"},
    )
    assert response.json()["error"]["code"] == "not_enrolled"
    assert not Launch.objects.exists()


def test_a_lesson_without_a_tool_has_nothing_to_launch(placement: Placement) -> None:
    response = placement.browser.post(
        reverse("catalog:launch_tool", args=[placement.course.slug, placement.other_lesson.uuid]),
        headers={"Accept": "application/json"},
    )
    assert (response.status_code, response.json()["error"]["code"]) == (
        404,
        "lti_not_a_tool_lesson",
    )
    assert not Launch.objects.exists()


def test_the_lesson_page_offers_the_tool_instead_of_mark_as_complete(
    placement: Placement,
) -> None:
    page = placement.browser.get(
        reverse("catalog:lesson", args=[placement.course.slug, placement.lesson.uuid])
    )
    html = page.content.decode()
    assert (
        reverse("catalog:launch_tool", args=[placement.course.slug, placement.lesson.uuid]) in html
    )
    assert (
        reverse("catalog:complete_lesson", args=[placement.course.slug, placement.lesson.uuid])
        not in html
    )
    assert "form-action 'self' https://tool.example" in page["Content-Security-Policy"]
