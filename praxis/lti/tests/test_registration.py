"""Registering external tools: staff for the academy, partner authors for their organisation,
through the API and the page; a tool registered without a usable key is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import LoggedInClient, SchemaCheckedClient
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.authoring.tests.factories import member
from praxis.lti.models import Tool
from praxis.lti.tests.tool import key_pair
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PUBLIC_KEY = key_pair()[1]


def tool_fields(**change: Any) -> dict[str, Any]:
    return {
        "name": "Sepsis simulator",
        "login_url": "https://tool.example/lti/login",
        "target_link_uri": "https://tool.example/lti/launch",
        "public_key": PUBLIC_KEY,
        **change,
    }


def test_partner_author_registers_a_tool_for_their_organisation(
    api_client: SchemaCheckedClient,
) -> None:
    organisation = OrganisationFactory.create()
    api_client.force_login(member(organisation, Role.AUTHOR))

    response = api_client.post(
        "/api/v1/lti/tools",
        tool_fields(organisation=organisation.slug),
        content_type="application/json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["organisation"] == organisation.slug
    assert body["redirect_uris"] == ["https://tool.example/lti/launch"]
    assert body["client_id"] and body["deployment_id"]
    assert body["platform"]["jwks_url"].endswith("/lti/jwks.json")
    assert [t["name"] for t in api_client.get("/api/v1/lti/tools").json()] == ["Sepsis simulator"]


def test_only_staff_register_academy_tools(api_client: SchemaCheckedClient) -> None:
    api_client.force_login(UserFactory.create())
    refused = api_client.post("/api/v1/lti/tools", tool_fields(), content_type="application/json")
    assert refused.status_code == 403
    api_client.force_login(StaffFactory.create())
    made = api_client.post("/api/v1/lti/tools", tool_fields(), content_type="application/json")
    assert made.status_code == 201
    assert Tool.objects.get().organisation is None


def test_an_author_cannot_register_for_another_organisation(
    api_client: SchemaCheckedClient,
) -> None:
    api_client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    other = OrganisationFactory.create()
    response = api_client.post(
        "/api/v1/lti/tools", tool_fields(organisation=other.slug), content_type="application/json"
    )
    assert response.status_code == 403
    assert not Tool.objects.exists()


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"public_key": ""}, "lti_tool_key_required", "public_key"),
        ({"jwks_url": "https://tool.example/jwks"}, "lti_tool_key_required", "public_key"),
        ({"public_key": "not a key"}, "lti_tool_key_invalid", "public_key"),
        ({"public_key": key_pair()[0]}, "lti_tool_key_invalid", "public_key"),
        ({"login_url": "http://tool.example/login"}, "invalid_input", "login_url"),
        ({"target_link_uri": "javascript:alert(1)"}, "invalid_input", "target_link_uri"),
        ({"redirect_uris": ["https://ok.example", "nope"]}, "invalid_input", "redirect_uris"),
        ({"login_url": "https://tool.example/lo gin"}, "invalid_input", "login_url"),
        ({"target_link_uri": "https://tool .example/launch"}, "invalid_input", "target_link_uri"),
        ({"target_link_uri": "https://tool.example:99999/"}, "invalid_input", "target_link_uri"),
        ({"redirect_uris": ["https://tool.example:port/"]}, "invalid_input", "redirect_uris"),
        (
            {"public_key": "", "jwks_url": "https://tool_example/jwks"},
            "invalid_input",
            "jwks_url",
        ),
        ({"name": ""}, "invalid_input", "name"),
        ({"name": "n" * 201}, "invalid_input", "name"),
        ({"organisation": "no-such-organisation"}, "invalid_input", "organisation"),
    ],
)
def test_a_bad_registration_is_refused(
    api_client: SchemaCheckedClient, change: dict[str, Any], code: str, field: str
) -> None:
    api_client.force_login(StaffFactory.create())
    response = api_client.post(
        "/api/v1/lti/tools", tool_fields(**change), content_type="application/json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert field in error["fields"]
    assert not Tool.objects.exists()


def test_the_page_registers_a_tool_and_shows_its_client_id() -> None:
    browser = LoggedInClient()
    browser.force_login(StaffFactory.create())
    response = browser.post(
        reverse("lti:tools"),
        {**tool_fields(), "redirect_uris": "https://tool.example/a\nhttps://tool.example/b"},
        follow=True,
    )
    tool = Tool.objects.get()
    assert tool.redirect_uris == ["https://tool.example/a", "https://tool.example/b"]
    assert tool.client_id in response.content.decode()


def test_the_page_shows_why_a_registration_was_refused() -> None:
    browser = LoggedInClient()
    browser.force_login(StaffFactory.create())
    response = browser.post(reverse("lti:tools"), tool_fields(public_key=""))
    assert "either the tool" in response.content.decode()
    assert not Tool.objects.exists()


def test_the_page_refuses_an_address_with_a_space_beside_its_field() -> None:
    browser = LoggedInClient()
    browser.force_login(StaffFactory.create())
    response = browser.post(
        reverse("lti:tools"), tool_fields(public_key="", jwks_url="https://tool .example/jwks")
    )
    assert response.status_code == 200
    assert "Enter the URL of the tool&#x27;s key set (https)." in response.content.decode()
    assert not Tool.objects.exists()


def test_the_register_button_says_what_it_registers_in_spanish() -> None:
    """The bare word "Register" is translated as signing up ("Inscribirse")."""
    browser = LoggedInClient()
    browser.force_login(StaffFactory.create(preferred_language="es"))
    page = browser.get(reverse("lti:tools"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<button type="submit">Registrar una herramienta</button>' in page
    assert "Inscribirse" not in page


def test_a_learner_is_refused_the_tools_page() -> None:
    browser = LoggedInClient()
    browser.force_login(UserFactory.create())
    assert browser.get(reverse("lti:tools")).status_code == 403
    assert browser.post(reverse("lti:tools"), tool_fields()).status_code == 403
    assert not Tool.objects.exists()


def test_the_platform_key_set_lists_the_signing_key() -> None:
    keys = Client().get(reverse("lti:jwks")).json()["keys"]
    assert len(keys) == 1
    assert keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256" and keys[0]["kid"]
    assert "d" not in keys[0]  # the private part never leaves
