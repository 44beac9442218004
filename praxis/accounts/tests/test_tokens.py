"""Personal API tokens: made and shown once, stored as a digest, revoked; bearer authentication."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts import services
from praxis.accounts.models import ApiToken, User
from praxis.accounts.services import tokens as token_service
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import Conflict, ErrorCode, NotFound, ValidationFailed

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"


def bearer(plaintext: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def test_new_token_is_stored_only_as_its_sha256_digest(person: User) -> None:
    token, plaintext = services.create_api_token(person, "  Moodle sync  ")

    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.name == "Moodle sync"
    assert stored.digest == hashlib.sha256(plaintext.encode()).hexdigest()
    assert stored.prefix == plaintext[:8]
    assert plaintext.startswith("px_") and len(plaintext) > 40
    assert not ApiToken.objects.filter(digest=plaintext).exists()


def test_every_token_is_different(person: User) -> None:
    plaintexts = {services.create_api_token(person, f"t{n}")[1] for n in range(5)}

    assert len(plaintexts) == 5


@pytest.mark.parametrize("name", ["", "   ", "n" * 101, "a\x00b", None])
def test_token_needs_a_sensible_name(person: User, name: str | None) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.create_api_token(person, name)  # type: ignore[arg-type]  # None on purpose

    assert "name" in error.value.fields
    assert not ApiToken.objects.exists()


def test_a_person_may_hold_only_so_many_live_tokens(
    person: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(token_service, "MAX_ACTIVE_TOKENS", 2)
    services.create_api_token(person, "one")
    second, _ = services.create_api_token(person, "two")

    with pytest.raises(Conflict):
        services.create_api_token(person, "three")
    services.revoke_api_token(person, second.pk)
    services.create_api_token(person, "three")


def test_revoking_a_token_is_idempotent(person: User) -> None:
    token, _ = services.create_api_token(person, "script")

    first = services.revoke_api_token(person, token.pk).revoked_at
    second = services.revoke_api_token(person, token.pk).revoked_at

    assert first is not None and first == second


def test_another_persons_token_cannot_be_revoked_and_looks_missing(person: User) -> None:
    other = UserFactory.create()
    token, _ = services.create_api_token(other, "theirs")

    with pytest.raises(NotFound) as error:
        services.revoke_api_token(person, token.pk)

    assert error.value.code == ErrorCode.NOT_FOUND
    token.refresh_from_db()
    assert token.revoked_at is None


# Bearer authentication


def test_good_token_authenticates_and_notes_its_use(
    api_client: SchemaCheckedClient, person: User
) -> None:
    token, plaintext = services.create_api_token(person, "script")

    response = api_client.get(ME, **bearer(plaintext))

    assert response.status_code == 200
    assert response.json()["email"] == person.email
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_use_is_noted_at_most_once_a_minute(
    api_client: SchemaCheckedClient, person: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    token, plaintext = services.create_api_token(person, "script")
    recent = timezone.now() - datetime.timedelta(seconds=10)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=recent)

    with django_assert_num_queries(1):  # the look-up only, no write
        assert token_service.authenticate_token(plaintext) == person

    token.refresh_from_db()
    assert token.last_used_at == recent


def test_revoked_token_is_refused(api_client: SchemaCheckedClient, person: User) -> None:
    token, plaintext = services.create_api_token(person, "script")
    services.revoke_api_token(person, token.pk)

    response = api_client.get(ME, **bearer(plaintext))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_token_of_a_deactivated_person_is_refused(
    api_client: SchemaCheckedClient, person: User
) -> None:
    _token, plaintext = services.create_api_token(person, "script")
    person.is_active = False
    person.save()

    assert api_client.get(ME, **bearer(plaintext)).status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Bearer garbage",
        "Bearer ",
        "Bearer px_" + "A" * 43,
        "Bearer " + "x" * 5000,
        "Token px_abc",
        "Basic dXNlcjpwYXNz",
        "",
    ],
)
def test_garbage_authorization_is_refused(
    api_client: SchemaCheckedClient, person: User, header: str
) -> None:
    services.create_api_token(person, "script")

    response = api_client.get(ME, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_digest_of_a_token_is_not_itself_a_token(
    api_client: SchemaCheckedClient, person: User
) -> None:
    token, _plaintext = services.create_api_token(person, "script")

    assert api_client.get(ME, **bearer(token.digest)).status_code == 401


# The page


def test_tokens_page_shows_a_new_token_once(person_client: Client, person: User) -> None:
    response = person_client.post(reverse("accounts:tokens"), {"name": "Research export"})

    token = ApiToken.objects.get(user=person)
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    plaintext = html.split('id="new-token" type="text" readonly value="', 1)[1].split('"', 1)[0]
    assert hashlib.sha256(plaintext.encode()).hexdigest() == token.digest
    again = person_client.get(reverse("accounts:tokens")).content.decode()
    assert plaintext not in again
    assert "Research export" in again
    assert token.prefix in again


def test_tokens_page_refuses_an_empty_name(person_client: Client) -> None:
    response = person_client.post(reverse("accounts:tokens"), {"name": ""})

    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_tokens_page_lists_only_ones_own_tokens_in_constant_queries(
    person_client: Client,
    person: User,
    django_assert_num_queries: DjangoAssertNumQueries,
    settings: SettingsWrapper,
) -> None:
    # session (unless sessions live in the cache), person, tokens
    queries = 2 if settings.SESSION_ENGINE.endswith(".cache") else 3
    other = UserFactory.create()
    services.create_api_token(other, "someone else's")
    services.create_api_token(person, "first")
    with django_assert_num_queries(queries):
        first = person_client.get(reverse("accounts:tokens"))
    for n in range(5):
        services.create_api_token(person, f"more {n}")

    with django_assert_num_queries(queries):
        html = person_client.get(reverse("accounts:tokens")).content.decode()

    assert first.status_code == 200
    assert html.count("<tr>") == 1 + 6
    assert "someone else&#x27;s" not in html


def test_revoking_on_the_page_revokes_the_token(person_client: Client, person: User) -> None:
    token, _ = services.create_api_token(person, "old laptop")

    response = person_client.post(reverse("accounts:token_revoke", args=[token.pk]), follow=True)

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "is revoked" in response.content.decode()


def test_revoking_another_persons_token_on_the_page_is_404(person_client: Client) -> None:
    token, _ = services.create_api_token(UserFactory.create(), "theirs")

    response = person_client.post(reverse("accounts:token_revoke", args=[token.pk]))

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_invalid_token_is_refused_even_where_no_login_is_needed(
    api_client: SchemaCheckedClient, person: User
) -> None:
    _token, plaintext = services.create_api_token(person, "directory sync")
    services.revoke_all_api_tokens(person)

    for header in (f"Bearer {plaintext}", "Bearer px_made-up", "bearer "):
        refused = api_client.get("/api/v1/partners", HTTP_AUTHORIZATION=header)
        assert refused.status_code == 401
        assert refused.json()["error"]["code"] == "not_authenticated"
    assert api_client.get("/api/v1/partners").status_code == 200


def test_every_operation_declares_the_401_an_invalid_token_gets(
    api_client: SchemaCheckedClient,
) -> None:
    for path, operations in api_client.spec["paths"].items():
        for method, operation in operations.items():
            assert "401" in operation["responses"], f"{method.upper()} {path}"


def _cells(html: str, column: str) -> list[str]:
    """The text of each row's cell in `column` (its data-label) of the tokens table."""
    return [
        cell.split(">", 1)[1].split("</td>", 1)[0]
        for cell in html.split(f'<td data-label="{column}"')[1:]
    ]


def test_tokens_table_shows_each_tokens_status_and_the_revoke_button_apart(
    person_client: Client, person: User
) -> None:
    services.create_api_token(person, "laptop")
    old, _ = services.create_api_token(person, "old phone")
    services.revoke_api_token(person, old.pk)

    html = person_client.get(reverse("accounts:tokens")).content.decode()

    header = html.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert '<th scope="col">Status</th><th scope="col">Actions</th>' in header
    active, revoked = _cells(html, "Status")
    assert active == "active"
    assert revoked.startswith("revoked<br><time datetime=")
    assert "<button" not in active + revoked
    (actions,) = _cells(html, "Actions")
    assert "Revoke “laptop”" in actions and "<button" in actions
    assert html.count('<td class="empty"></td>') == 1


def test_a_token_named_in_latin_letters_keeps_its_place_in_an_arabic_message(
    person_client: Client, person: User
) -> None:
    token, _ = services.create_api_token(person, "Laptop 2.")
    person_client.cookies["django_language"] = "ar"

    response = person_client.post(reverse("accounts:token_revoke", args=[token.pk]), follow=True)

    # Isolated from the Arabic sentence: its "2." stays after "Laptop", not before it.
    assert "«\u2068Laptop 2.\u2069»" in response.content.decode()
