"""Registering learning platforms that launch Praxis courses: staff only, through the API and
the page, which also show what to enter in the platform; a registration that does not pass is
refused with the field at fault and nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.lti.models import Platform
from praxis.lti.tests.tool import key_pair
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PUBLIC_KEY = key_pair()[1]
API = "/api/v1/lti/platforms"


def platform_fields(**change: Any) -> dict[str, Any]:
    return {
        "name": "Hospital Moodle",
        "issuer": "https://moodle.hospital.example",
        "client_id": "a1b2c3",
        "auth_url": "https://moodle.hospital.example/mod/lti/auth.php",
        "token_url": "https://moodle.hospital.example/mod/lti/token.php",
        "jwks_url": "https://moodle.hospital.example/mod/lti/certs.php",
        "deployment_ids": ["4"],
        **change,
    }


def register(client: SchemaCheckedClient, **change: Any) -> Any:
    return client.post(API, platform_fields(**change), content_type="application/json")


def test_staff_register_a_platform_and_read_what_to_enter(api_client: SchemaCheckedClient) -> None:
    organisation = OrganisationFactory.create()
    api_client.force_login(StaffFactory.create())

    response = register(api_client, organisation=organisation.slug)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["issuer"] == "https://moodle.hospital.example"
    assert body["deployment_ids"] == ["4"] and body["active"] is True
    assert body["organisation"] == organisation.slug
    assert body["tool"] == {
        "login_url": f"{settings.SITE_URL}/lti/tool/login",
        "launch_url": f"{settings.SITE_URL}/lti/tool/launch",
        "redirect_uri": f"{settings.SITE_URL}/lti/tool/launch",
        "jwks_url": f"{settings.SITE_URL}/lti/jwks.json",
        "deep_linking": False,
    }
    assert [p["name"] for p in api_client.get(API).json()] == ["Hospital Moodle"]
    assert api_client.get("/api/v1/lti/tool").json() == body["tool"]


def test_a_platform_key_may_be_a_pem_public_key(api_client: SchemaCheckedClient) -> None:
    api_client.force_login(StaffFactory.create())
    response = register(api_client, jwks_url="", public_key=PUBLIC_KEY)
    assert response.status_code == 201
    assert response.json()["has_public_key"] is True


def test_only_staff_register_or_list_platforms(api_client: SchemaCheckedClient) -> None:
    api_client.force_login(UserFactory.create())
    assert register(api_client).status_code == 403
    assert api_client.get(API).status_code == 403
    assert not Platform.objects.exists()


def test_nobody_signed_in_registers_nothing(api_client: SchemaCheckedClient) -> None:
    assert register(api_client).status_code == 401
    assert not Platform.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"name": ""}, "name", "invalid_input"),
        ({"name": "n" * 201}, "name", "invalid_input"),
        ({"issuer": "moodle"}, "issuer", "invalid_input"),
        ({"issuer": "http://moodle.example"}, "issuer", "invalid_input"),
        ({"client_id": " "}, "client_id", "invalid_input"),
        ({"client_id": "c" * 256}, "client_id", "invalid_input"),
        ({"auth_url": "ftp://moodle.example/auth"}, "auth_url", "invalid_input"),
        ({"token_url": "https://" + "t" * 1000 + ".example"}, "token_url", "invalid_input"),
        ({"deployment_ids": []}, "deployment_ids", "invalid_input"),
        ({"deployment_ids": ["d" * 256]}, "deployment_ids", "invalid_input"),
        ({"deployment_ids": [str(n) for n in range(21)]}, "deployment_ids", "invalid_input"),
        ({"jwks_url": ""}, "public_key", "lti_platform_key_required"),
        ({"public_key": PUBLIC_KEY}, "public_key", "lti_platform_key_required"),
        ({"jwks_url": "", "public_key": "not a key"}, "public_key", "lti_tool_key_invalid"),
        ({"organisation": "nobody"}, "organisation", "invalid_input"),
    ],
)
def test_a_registration_that_does_not_pass_is_refused(
    api_client: SchemaCheckedClient, change: dict[str, Any], field: str, code: str
) -> None:
    api_client.force_login(StaffFactory.create())

    response = register(api_client, **change)

    assert response.status_code == 400, response.json()
    error = response.json()["error"]
    assert error["code"] == code and field in error["fields"]
    assert not Platform.objects.exists()


@pytest.mark.parametrize("payload", [[], "text", {"name": 3}, {}])
def test_a_payload_of_the_wrong_shape_is_refused(
    api_client: SchemaCheckedClient, payload: Any
) -> None:
    api_client.force_login(StaffFactory.create())
    response = api_client.post(API, payload, content_type="application/json")
    assert response.status_code in {400, 422}
    assert not Platform.objects.exists()


def test_an_issuer_and_client_id_registered_twice_is_refused(
    api_client: SchemaCheckedClient,
) -> None:
    api_client.force_login(StaffFactory.create())
    assert register(api_client).status_code == 201
    again = register(api_client, name="Same Moodle again")
    assert again.status_code == 400 and "client_id" in again.json()["error"]["fields"]
    assert Platform.objects.count() == 1


def test_staff_register_a_platform_on_the_page(client: Client) -> None:
    client.force_login(StaffFactory.create())
    page = client.get(reverse("lti:platforms"))
    content = page.content.decode()
    assert page.status_code == 200
    assert f"{settings.SITE_URL}/lti/tool/login" in content
    assert f"{settings.SITE_URL}/lti/tool/launch" in content

    fields = platform_fields(deployment_ids="4\n5\n")
    response = client.post(reverse("lti:platforms"), {**fields, "organisation": ""})

    assert response.status_code == 302
    platform = Platform.objects.get()
    assert platform.deployment_ids == ["4", "5"] and platform.organisation is None
    assert "Hospital Moodle" in client.get(reverse("lti:platforms")).content.decode()


def test_the_page_shows_what_does_not_pass(client: Client) -> None:
    client.force_login(StaffFactory.create())
    fields = platform_fields(deployment_ids="4", jwks_url="")
    response = client.post(reverse("lti:platforms"), {**fields, "organisation": ""})
    assert response.status_code == 200
    assert "one of the two" in response.content.decode()
    assert not Platform.objects.exists()


def test_a_bad_key_set_address_is_refused_in_the_platform_s_words(client: Client) -> None:
    client.force_login(StaffFactory.create())
    fields = platform_fields(deployment_ids="4", jwks_url="https://moodle hospital.example/certs")
    response = client.post(reverse("lti:platforms"), {**fields, "organisation": ""})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter the URL of the platform&#x27;s key set (https)." in content
    assert "tool&#x27;s key set" not in content
    assert not Platform.objects.exists()


def test_the_register_button_names_a_platform_in_french(client: Client) -> None:
    """The bare word "Register" is translated as signing up ("S'inscrire")."""
    client.force_login(StaffFactory.create(preferred_language="fr"))
    page = client.get(reverse("lti:platforms"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<button type="submit">Enregistrer une plateforme</button>' in page
    assert "inscrire" not in page


def test_the_page_is_for_staff_only(client: Client) -> None:
    client.force_login(UserFactory.create())
    assert client.get(reverse("lti:platforms")).status_code == 403
    fields = platform_fields(deployment_ids="4")
    assert client.post(reverse("lti:platforms"), fields).status_code == 403
    assert not Platform.objects.exists()
