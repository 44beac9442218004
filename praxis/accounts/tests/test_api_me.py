"""GET and PATCH /api/v1/me, with session or token authentication."""

from __future__ import annotations

import pytest
from django.test import Client

from conftest import SchemaCheckedClient
from praxis.accounts import services
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import ErrorCode, PraxisError

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


def bearer(plaintext: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def test_anonymous_caller_gets_401_not_authenticated(api_client: SchemaCheckedClient) -> None:
    response = api_client.get(ME)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_anonymous_patch_gets_401_not_a_csrf_error(api_client: SchemaCheckedClient) -> None:
    response = api_client.patch(ME, data={"full_name": "Someone"})

    assert response.status_code == 401


def test_me_returns_the_profile_with_the_derived_region(
    person_api_client: SchemaCheckedClient, person: User
) -> None:
    services.update_profile(person, occupation="2221", country="ID", languages=["id", "en"])

    body = person_api_client.get(ME).json()

    assert body["email"] == "amina@example.org"
    assert body["uuid"] == str(person.uuid)
    assert body["email_verified"] is True
    assert body["occupation"] == "2221"
    assert body["occupation_title"] == "Nursing professionals"
    assert body["country"] == "ID"
    assert body["country_name"] == "Indonesia"
    assert body["who_region"] == "WPR"
    assert body["who_region_name"] == "Western Pacific Region"
    assert body["languages"] == ["id", "en"]


def test_me_of_a_person_without_country_has_no_region(
    person_api_client: SchemaCheckedClient,
) -> None:
    body = person_api_client.get(ME).json()

    assert body["country"] == ""
    assert body["who_region"] is None
    assert body["occupation"] is None


def test_patch_changes_the_fields_sent(
    person_api_client: SchemaCheckedClient, person: User
) -> None:
    response = person_api_client.patch(
        ME, data={"country": "br", "languages": ["pt"], "preferred_language": "es"}
    )

    assert response.status_code == 200
    assert response.json()["who_region"] == "AMR"
    person.refresh_from_db()
    assert (person.country, person.languages, person.preferred_language) == ("BR", ["pt"], "es")
    assert person.full_name == "Amina Diallo"


def test_patch_with_null_clears_the_occupation(
    person_api_client: SchemaCheckedClient, person: User
) -> None:
    services.update_profile(person, occupation="2221")

    response = person_api_client.patch(ME, data={"occupation": None})

    assert response.json()["occupation"] is None
    person.refresh_from_db()
    assert person.occupation is None


def test_spoken_languages_are_any_registered_tags_kept_canonical(
    person_api_client: SchemaCheckedClient, person: User
) -> None:
    response = person_api_client.patch(ME, data={"languages": ["bn", "pt-br", "tlh", "bn"]})
    assert response.status_code == 200
    assert response.json()["languages"] == ["bn", "pt-BR", "tlh"]
    person.refresh_from_db()
    assert person.languages == ["bn", "pt-BR", "tlh"]


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"full_name": 123}, "full_name", "invalid_input"),
        ({"full_name": ""}, "full_name", "invalid_input"),
        ({"full_name": None}, "full_name", "invalid_input"),
        ({"full_name": "x" * 10_000}, "full_name", "invalid_input"),
        ({"full_name": "A\u0000B"}, "full_name", "invalid_character"),
        ({"languages": "en"}, "languages", "invalid_input"),
        ({"languages": ["en", 5]}, "languages.1", "invalid_input"),
        ({"languages": ["xx"]}, "languages", "unknown_language"),
        ({"languages": ["en-Qqqq"]}, "languages", "unknown_language"),
        ({"languages": ["en--US"]}, "languages", "invalid_language_tag"),
        ({"languages": ["b" * 5000]}, "languages", "invalid_language_tag"),
        ({"languages": [""]}, "languages", "invalid_language_tag"),
        ({"languages": ["bn"] * 21}, "languages", "invalid_input"),
        ({"country": "ZZ"}, "country", "unknown_country"),
        ({"occupation": "0000"}, "occupation", "unknown_occupation"),
        ({"preferred_language": "ja"}, "preferred_language", "unknown_language"),
        ({"is_staff": True}, "is_staff", "invalid_input"),
        ({"email": "new@example.org"}, "email", "invalid_input"),
    ],
)
def test_bad_patch_is_400_with_field_errors_and_writes_nothing(
    person_api_client: SchemaCheckedClient,
    person: User,
    body: dict[str, object],
    field: str,
    code: str,
) -> None:
    response = person_api_client.patch(ME, data={"organisation_name": "Changed", **body})

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert field in error["fields"]
    person.refresh_from_db()
    assert person.organisation_name == ""
    assert person.email == "amina@example.org"
    assert person.is_staff is False


def test_patch_with_a_body_that_is_not_json_is_malformed(
    person_api_client: SchemaCheckedClient,
) -> None:
    response = person_api_client.patch(ME, data="{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_body"


def test_patch_with_a_list_body_is_refused(person_api_client: SchemaCheckedClient) -> None:
    response = person_api_client.patch(ME, data="[1, 2]", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] in {"malformed_body", "invalid_input"}


def test_token_patches_only_its_owners_profile(
    api_client: SchemaCheckedClient, person: User
) -> None:
    other = UserFactory.create(full_name="Other Person")
    _token, plaintext = services.create_api_token(person, "script")

    response = api_client.patch(ME, data={"full_name": "Changed by script"}, **bearer(plaintext))

    assert response.status_code == 200
    person.refresh_from_db()
    other.refresh_from_db()
    assert person.full_name == "Changed by script"
    assert other.full_name == "Other Person"


def test_session_patch_without_the_csrf_token_is_refused(
    api_client: SchemaCheckedClient, person: User
) -> None:
    api_client.client = Client(enforce_csrf_checks=True)
    api_client.force_login(person)

    response = api_client.patch(ME, data={"full_name": "Forged"})

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"
    person.refresh_from_db()
    assert person.full_name == "Amina Diallo"


def test_session_patch_with_the_csrf_token_is_accepted(
    api_client: SchemaCheckedClient, person: User
) -> None:
    api_client.client = Client(enforce_csrf_checks=True)
    api_client.force_login(person)
    api_client.get("/accounts/profile/")  # sets the CSRF cookie, as the site's pages do
    token = api_client.cookies["csrftoken"].value

    response = api_client.patch(ME, data={"full_name": "Amina D."}, HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 200


def test_token_patch_needs_no_csrf_token(api_client: SchemaCheckedClient, person: User) -> None:
    api_client.client = Client(enforce_csrf_checks=True)
    _token, plaintext = services.create_api_token(person, "script")

    response = api_client.patch(ME, data={"full_name": "Amina D."}, **bearer(plaintext))

    assert response.status_code == 200


def test_patch_sets_and_clears_the_year_of_birth(
    person_api_client: SchemaCheckedClient, person: User
) -> None:
    response = person_api_client.patch(ME, data={"birth_year": 1979})

    assert response.status_code == 200
    assert response.json()["birth_year"] == 1979
    cleared = person_api_client.patch(ME, data={"birth_year": None})
    assert cleared.json()["birth_year"] is None
    person.refresh_from_db()
    assert person.birth_year is None


@pytest.mark.parametrize("year", [1850, 2999, 85, "nineteen", 1980.5])
def test_patch_with_a_bad_year_of_birth_is_refused(
    person_api_client: SchemaCheckedClient, person: User, year: int | str | float
) -> None:
    response = person_api_client.patch(ME, data={"birth_year": year})

    assert response.status_code == 400
    assert "birth_year" in response.json()["error"]["fields"]
    person.refresh_from_db()
    assert person.birth_year is None


def test_patch_turns_the_data_saver_on_and_off(
    person_api_client: SchemaCheckedClient, person: User
) -> None:
    assert person_api_client.get(ME).json()["data_saver"] is False

    response = person_api_client.patch(ME, data={"data_saver": True})

    assert response.status_code == 200
    assert response.json()["data_saver"] is True
    person.refresh_from_db()
    assert person.data_saver is True
    assert person_api_client.patch(ME, data={"data_saver": False}).json()["data_saver"] is False


@pytest.mark.parametrize("value", ["yes", "true", 1, 0, None, [], {"on": True}, "x" * 10_000])
def test_patch_with_a_data_saver_that_is_not_true_or_false_is_refused(
    person_api_client: SchemaCheckedClient, person: User, value: object
) -> None:
    response = person_api_client.patch(ME, data={"data_saver": value, "full_name": "Changed"})

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert "data_saver" in error["fields"]
    person.refresh_from_db()
    assert person.data_saver is False
    assert person.full_name != "Changed"


def test_a_data_saver_that_is_not_true_or_false_is_refused_by_the_service(person: User) -> None:
    with pytest.raises(PraxisError) as refused:
        services.update_profile(person, data_saver="on", full_name="Changed")

    assert refused.value.code == ErrorCode.INVALID_INPUT
    person.refresh_from_db()
    assert (person.data_saver, person.full_name != "Changed") == (False, True)
