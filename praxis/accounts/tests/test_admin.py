"""The back office: academy staff edit people; platform admins also grant roles and add people."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from praxis.accounts import services
from praxis.accounts.models import ApiToken, User
from praxis.accounts.tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client: Client) -> Client:
    client.force_login(StaffFactory.create(email="staff@academy.org"))
    return client


@pytest.fixture
def admin_client(client: Client) -> Client:
    client.force_login(
        UserFactory.create(email="admin@academy.org", is_staff=True, is_superuser=True)
    )
    return client


def change_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def profile_post(user: User, **changes: str) -> dict[str, object]:
    data: dict[str, object] = {
        "email": user.email,
        "full_name": user.full_name,
        "occupation": "",
        "country": "",
        "languages": ["en"],
        "preferred_language": "en",
        "organisation_name": "",
        "is_active": "on",
        "email_verified_at_0": "",
        "email_verified_at_1": "",
    }
    data.update(changes)
    return data


def test_staff_find_people_by_name(staff_client: Client) -> None:
    UserFactory.create(full_name="Olusegun Bello", country="NG")
    UserFactory.create(full_name="Maria Silva")

    response = staff_client.get(reverse("admin:accounts_user_changelist"), {"q": "Bello"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Olusegun Bello" in html
    assert "Maria Silva" not in html


def test_staff_edit_a_learners_profile_and_the_change_is_logged(staff_client: Client) -> None:
    learner = UserFactory.create(full_name="Maria Silva")

    response = staff_client.post(change_url(learner), profile_post(learner, full_name="Maria S."))

    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.full_name == "Maria S."
    assert LogEntry.objects.filter(object_id=str(learner.pk)).exists()


def test_staff_cannot_change_roles_or_addresses(staff_client: Client) -> None:
    learner = UserFactory.create(email="maria@example.org")

    staff_client.post(
        change_url(learner),
        profile_post(learner, email="taken-over@example.org", is_staff="on", is_superuser="on"),
    )

    learner.refresh_from_db()
    assert learner.email == "maria@example.org"
    assert not learner.is_staff and not learner.is_superuser


def test_staff_cannot_edit_other_staff_or_admins(staff_client: Client) -> None:
    colleague = StaffFactory.create()

    response = staff_client.post(change_url(colleague), profile_post(colleague, full_name="X"))

    assert response.status_code == 403
    colleague.refresh_from_db()
    assert colleague.full_name != "X"


def test_staff_cannot_add_people_or_set_passwords(staff_client: Client) -> None:
    learner = UserFactory.create()

    assert staff_client.get(reverse("admin:accounts_user_add")).status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[learner.pk])
    assert staff_client.get(password_url).status_code == 403


def test_people_without_staff_role_do_not_enter_the_back_office(person_client: Client) -> None:
    response = person_client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 302


def test_platform_admin_adds_a_person_with_a_lower_case_address(admin_client: Client) -> None:
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Person@Example.org",
            "full_name": "New Person",
            "usable_password": "true",
            "password1": "orchard-lantern-42-kettle",
            "password2": "orchard-lantern-42-kettle",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(full_name="New Person").email == "new.person@example.org"


def test_platform_admin_grants_the_staff_role(admin_client: Client) -> None:
    learner = UserFactory.create()

    admin_client.post(change_url(learner), profile_post(learner, is_staff="on"))

    learner.refresh_from_db()
    assert learner.is_staff


def test_token_admin_shows_the_digest_read_only_and_revokes(
    admin_client: Client, person: User
) -> None:
    token, _ = services.create_api_token(person, "script")

    page = admin_client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    response = admin_client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    assert page.status_code == 200
    assert token.digest in page.content.decode()
    assert 'name="digest"' not in page.content.decode()
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_staff_see_tokens_but_cannot_revoke_them(staff_client: Client, person: User) -> None:
    token, _ = services.create_api_token(person, "script")

    listing = staff_client.get(reverse("admin:accounts_apitoken_changelist"))
    staff_client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    assert listing.status_code == 200
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_a_password_set_by_a_platform_admin_revokes_the_persons_tokens(
    admin_client: Client, person: User
) -> None:
    token, _ = services.create_api_token(person, "script")
    url = reverse("admin:auth_user_password_change", args=[person.pk])

    response = admin_client.post(
        url,
        {
            "usable_password": "true",
            "password1": "orchard-lantern-42-kettle",
            "password2": "orchard-lantern-42-kettle",
        },
    )

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_refused_password_form_leaves_the_tokens_alone(
    admin_client: Client, person: User
) -> None:
    token, _ = services.create_api_token(person, "script")
    url = reverse("admin:auth_user_password_change", args=[person.pk])

    response = admin_client.post(url, {"password1": "a", "password2": "b"})

    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is None
