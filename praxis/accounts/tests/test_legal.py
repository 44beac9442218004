"""Terms of use and privacy notice: accepted at sign-up, asked again when a new version is in
force, with a record of who accepted which version when."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from praxis.accounts import services
from praxis.accounts.models import LegalAcceptance, LegalDocument, LegalDocumentTranslation, User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "full_name": "Aroha Ngata",
    "email": "aroha@example.org",
    "password": "kōwhai-harbour-58-lantern",
}


def publish(
    kind: str = "terms",
    version: str = "1",
    when: datetime.datetime | None = None,
    title: str | None = None,
) -> LegalDocument:
    return LegalDocument.objects.create(
        kind=kind,
        version=version,
        title=title or f"{kind} {version}",
        body=f"The {kind}, version {version}.\n\nSecond paragraph.",
        published_at=when or timezone.now() - datetime.timedelta(minutes=1),
    )


@pytest.fixture
def documents(db: None) -> list[LegalDocument]:
    return [publish("terms"), publish("privacy")]


def test_sign_up_needs_the_box_ticked_and_creates_nobody_without(
    client: Client, documents: list[LegalDocument]
) -> None:
    page = client.get(reverse("accounts:signup")).content.decode()
    assert "I accept the terms of use and the privacy notice" in page
    assert reverse("accounts:legal_document", args=["privacy"]) in page

    response = client.post(reverse("accounts:signup"), SIGN_UP)

    assert response.status_code == 400
    assert "Please accept the terms of use and the privacy notice" in response.content.decode()
    assert not User.objects.exists()


def test_sign_up_records_the_versions_accepted(
    client: Client, documents: list[LegalDocument]
) -> None:
    response = client.post(reverse("accounts:signup"), {**SIGN_UP, "accept_terms": "on"})

    assert response.status_code == 200
    person = User.objects.get()
    accepted = LegalAcceptance.objects.filter(person=person)
    assert sorted(a.document.kind for a in accepted) == ["privacy", "terms"]
    assert all(a.accepted_at <= timezone.now() for a in accepted)


def test_sign_up_lists_the_documents_with_the_languages_own_comma(
    client: Client, documents: list[LegalDocument]
) -> None:
    page = client.get(reverse("accounts:signup"), HTTP_ACCEPT_LANGUAGE="ur").content.decode()

    terms = reverse("accounts:legal_document", args=["terms"])
    privacy = reverse("accounts:legal_document", args=["privacy"])
    between = page.split(f'href="{terms}">terms 1</a>')[1].split(f'<a href="{privacy}"')[0]
    assert between == "، "  # Urdu's comma, not a Latin one


def test_without_documents_sign_up_asks_nothing(client: Client) -> None:
    page = client.get(reverse("accounts:signup")).content.decode()

    assert "I accept the terms" not in page


def test_a_new_version_is_asked_for_at_the_next_visit(
    client: Client, documents: list[LegalDocument]
) -> None:
    person = UserFactory.create()
    services.accept_documents_in_force(person, True)
    client.force_login(person)
    assert client.get("/courses/").status_code == 200

    newer = publish("terms", "2")
    response = client.get("/courses/")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:accept_terms") + "?next=%2Fcourses%2F"
    page = client.get(response["Location"]).content.decode()
    assert "terms 2" in page and "privacy 1" in page
    refused = client.post(reverse("accounts:accept_terms"), {"next": "/courses/"})
    assert refused.status_code == 400
    assert client.get("/courses/").status_code == 302
    accepted = client.post(reverse("accounts:accept_terms"), {"accept": "on", "next": "/courses/"})
    assert accepted["Location"] == "/courses/"
    assert client.get("/courses/").status_code == 200
    assert LegalAcceptance.objects.filter(person=person, document=newer).exists()


def test_a_version_published_for_later_is_not_asked_yet(
    client: Client, documents: list[LegalDocument]
) -> None:
    person = UserFactory.create()
    services.accept_documents_in_force(person, True)
    client.force_login(person)

    publish("terms", "2", when=timezone.now() + datetime.timedelta(days=3))

    assert client.get("/courses/").status_code == 200


def test_logout_and_the_documents_stay_open(client: Client, documents: list[LegalDocument]) -> None:
    client.force_login(UserFactory.create())

    assert client.get(reverse("accounts:legal_document", args=["terms"])).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_api_token_clients_are_not_asked(client: Client, documents: list[LegalDocument]) -> None:
    person = UserFactory.create()
    _token, plaintext = services.create_api_token(person, "sync")

    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {plaintext}")

    assert response.status_code == 200


def test_a_document_is_shown_in_the_readers_language(
    client: Client, documents: list[LegalDocument]
) -> None:
    LegalDocumentTranslation.objects.create(
        document=documents[0], language="fr", title="Conditions d’utilisation", body="Texte."
    )

    french = client.get(
        reverse("accounts:legal_document", args=["terms"]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    spanish = client.get(
        reverse("accounts:legal_document", args=["terms"]), HTTP_ACCEPT_LANGUAGE="es"
    )

    assert "Conditions d’utilisation" in french.content.decode()
    assert "terms 1" in spanish.content.decode()


@pytest.mark.parametrize(
    ("kind", "status"), [("cookies", 404), ("x" * 300, 404), ("terms%00", 400)]
)
def test_unknown_documents_are_not_found(
    client: Client, documents: list[LegalDocument], kind: str, status: int
) -> None:
    assert client.get(f"/accounts/legal/{kind}/").status_code == status


def test_acceptance_needs_a_true_answer(documents: list[LegalDocument]) -> None:
    person = UserFactory.create()
    for answer in (False, None, "on", 1):
        with pytest.raises(ValidationFailed) as refused:
            services.accept_documents_in_force(person, answer)
        assert refused.value.code == "terms_not_accepted"
    assert not LegalAcceptance.objects.exists()


def test_staff_edit_drafts_but_not_versions_in_force(
    client: Client, documents: list[LegalDocument]
) -> None:
    staff = UserFactory.create(is_staff=True)
    services.accept_documents_in_force(staff, True)
    client.force_login(staff)
    draft = publish("terms", "3", when=timezone.now() + datetime.timedelta(days=30))

    in_force = client.get(reverse("admin:accounts_legaldocument_change", args=[documents[0].pk]))
    editable = client.get(reverse("admin:accounts_legaldocument_change", args=[draft.pk]))

    assert 'name="body"' not in in_force.content.decode()
    assert 'name="body"' in editable.content.decode()
