"""Organisers replace and remove a session's slides and recordings, on the session's page and
through the API: the file it replaces leaves the storage, bad input and the wrong user change
nothing."""

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import PermissionDenied, ValidationFailed
from praxis.events import services
from praxis.events.models import Event, Material
from praxis.events.tests.factories import EventFactory, SessionFactory
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 32


@pytest.fixture
def media(settings: SettingsWrapper, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def event() -> Event:
    event = EventFactory.create(running=True)
    event.co_organisers.add(OrganisationFactory.create())
    return event


@pytest.fixture
def organiser(event: Event) -> User:
    """An admin of the event's co-organising partner."""
    return MembershipFactory.create(organisation=event.co_organisers.get(), role=Role.ADMIN).user


@pytest.fixture
def slides(event: Event, organiser: User, media: Path) -> Material:
    session = SessionFactory.create(event=event, starts_at=event.starts_at)
    return services.add_material(
        session,
        by=organiser,
        kind="slides",
        title="Opening slides",
        file=SimpleUploadedFile("opening.pdf", PDF),
        file_name="opening.pdf",
    )


def stored(media: Path) -> list[str]:
    return sorted(path.name for path in media.rglob("*") if path.is_file())


def test_replacing_slides_with_a_recording_link_keeps_the_address_and_drops_the_file(
    slides: Material,
    organiser: User,
    media: Path,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.replace_material(
            slides,
            by=organiser,
            kind="recording",
            title="Opening, recorded",
            url="https://video.example.org/opening",
        )
    slides.refresh_from_db()
    assert (slides.kind, slides.title, slides.url) == (
        "recording",
        "Opening, recorded",
        "https://video.example.org/opening",
    )
    assert not slides.file and slides.content_type == ""
    assert stored(media) == []


def test_replacing_a_file_with_another_file(
    slides: Material,
    organiser: User,
    media: Path,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.replace_material(
            slides,
            by=organiser,
            kind="recording",
            title="Opening audio",
            file=SimpleUploadedFile("opening.mp3", MP3),
            file_name="opening.mp3",
        )
    slides.refresh_from_db()
    assert slides.content_type == "audio/mpeg"
    assert stored(media) == ["opening.mp3"]


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"file": b"<html></html>"}, "material_not_allowed"),
        ({"file": b""}, "material_not_allowed"),
        ({"kind": "recording", "file": PDF}, "material_not_allowed"),
        ({"url": "http://video.example.org/1"}, "material_not_allowed"),
        ({}, "material_not_allowed"),
        ({"kind": "poster", "url": "https://example.org"}, "material_not_allowed"),
        ({"title": "", "url": "https://example.org"}, "invalid_input"),
        ({"title": "x" * 201, "url": "https://example.org"}, "invalid_input"),
    ],
)
def test_a_bad_replacement_changes_nothing(
    slides: Material, organiser: User, media: Path, changes: dict[str, Any], code: str
) -> None:
    arguments: dict[str, Any] = {"kind": "slides", "title": "New", **changes}
    if "file" in arguments:
        arguments["file"] = SimpleUploadedFile("new.pdf", arguments["file"])
        arguments["file_name"] = "new.pdf"
    with pytest.raises(ValidationFailed) as refused:
        services.replace_material(slides, by=organiser, **arguments)
    assert refused.value.code == code
    kept = Material.objects.get()
    assert (kept.title, kept.content_type, kept.url) == ("Opening slides", "application/pdf", "")
    assert stored(media) == ["opening.pdf"]


def test_removing_takes_the_material_and_its_file_away(
    slides: Material,
    organiser: User,
    media: Path,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_material(slides, by=organiser)
    assert not Material.objects.exists() and stored(media) == []


@pytest.mark.parametrize("who", ["learner", "other organisation"])
def test_the_wrong_user_can_neither_replace_nor_remove(
    slides: Material, media: Path, who: str
) -> None:
    person = (
        UserFactory.create() if who == "learner" else MembershipFactory.create(role=Role.ADMIN).user
    )
    with pytest.raises(PermissionDenied):
        services.replace_material(
            slides, by=person, kind="slides", title="Mine", url="https://example.org"
        )
    with pytest.raises(PermissionDenied):
        services.remove_material(slides, by=person)
    assert Material.objects.get().title == "Opening slides"
    assert stored(media) == ["opening.pdf"]


# The organisers' pages


def test_organiser_replaces_and_removes_on_the_pages(
    client: Client, slides: Material, organiser: User, media: Path, event: Event
) -> None:
    client.force_login(organiser)
    page = f"/events/{event.slug}/materials/{slides.uuid}/edit/"
    assert "Opening slides" in client.get(page).content.decode()
    refused = client.post(page, {"kind": "slides", "title": "Deck", "file": b""})
    assert refused.status_code == 400
    assert "Upload a file or give a link, one of the two." in refused.content.decode()
    replaced = client.post(
        page, {"kind": "slides", "title": "Deck v2", "url": "https://slides.example.org/2"}
    )
    session_page = f"/events/{event.slug}/sessions/{slides.session.uuid}/"
    assert replaced.status_code == 302 and replaced["Location"] == session_page
    assert Material.objects.get().url == "https://slides.example.org/2"
    removed = client.post(session_page, {"action": "remove", "material": str(slides.uuid)})
    assert removed.status_code == 302 and not Material.objects.exists()


@pytest.mark.parametrize("material", ["not-a-uuid", "", "00000000-0000-0000-0000-000000000000"])
def test_removing_an_unknown_material_is_not_found(
    client: Client, slides: Material, organiser: User, event: Event, material: str
) -> None:
    client.force_login(organiser)
    response = client.post(
        f"/events/{event.slug}/sessions/{slides.session.uuid}/",
        {"action": "remove", "material": material},
    )
    assert response.status_code == 404 and Material.objects.exists()


def test_a_material_of_another_session_is_not_removed_from_this_one(
    client: Client, slides: Material, organiser: User, event: Event
) -> None:
    other = SessionFactory.create(event=event, starts_at=event.starts_at)
    client.force_login(organiser)
    response = client.post(
        f"/events/{event.slug}/sessions/{other.uuid}/",
        {"action": "remove", "material": str(slides.uuid)},
    )
    assert response.status_code == 404 and Material.objects.exists()


def test_the_pages_refuse_a_learner(client: Client, slides: Material, event: Event) -> None:
    client.force_login(UserFactory.create())
    page = f"/events/{event.slug}/materials/{slides.uuid}/edit/"
    assert client.get(page).status_code == 403
    assert (
        client.post(page, {"kind": "slides", "title": "X", "url": "https://e.org"}).status_code
        == 403
    )
    removed = client.post(
        f"/events/{event.slug}/sessions/{slides.session.uuid}/",
        {"action": "remove", "material": str(slides.uuid)},
    )
    assert removed.status_code == 403
    assert Material.objects.get().title == "Opening slides"


# The API


def test_api_replaces_by_link_and_by_upload_then_removes(
    api_client: SchemaCheckedClient,
    client: Client,
    slides: Material,
    organiser: User,
    event: Event,
    media: Path,
) -> None:
    client.force_login(organiser)
    url = f"/api/v1/events/{event.slug}/sessions/{slides.session.uuid}/materials/{slides.uuid}"
    link = api_client.put(
        url, data={"kind": "recording", "title": "Plenary", "url": "https://v.example.org/1"}
    )
    assert link.status_code == 200 and link.json()["url"] == "https://v.example.org/1"
    upload = api_client.client.post(
        url + "/upload",
        {"kind": "slides", "title": "Deck", "file": SimpleUploadedFile("d.pdf", PDF)},
    )
    api_client.check("post", url + "/upload", upload)
    assert upload.status_code == 200 and upload.json()["content_type"] == "application/pdf"
    assert upload.json()["uuid"] == str(slides.uuid)
    assert api_client.delete(url).status_code == 204
    assert not Material.objects.exists()
    assert api_client.delete(url).status_code == 404


def test_api_refuses_a_disguised_upload_and_a_bad_link(
    api_client: SchemaCheckedClient,
    client: Client,
    slides: Material,
    organiser: User,
    event: Event,
    media: Path,
) -> None:
    client.force_login(organiser)
    url = f"/api/v1/events/{event.slug}/sessions/{slides.session.uuid}/materials/{slides.uuid}"
    upload = api_client.client.post(
        url + "/upload",
        {"kind": "slides", "title": "Deck", "file": SimpleUploadedFile("d.pdf", b"MZ\x90\x00")},
    )
    api_client.check("post", url + "/upload", upload)
    assert upload.status_code == 400
    assert upload.json()["error"]["code"] == "material_not_allowed"
    bad = api_client.put(url, data={"kind": "slides", "title": "D", "url": "ftp://e.org/d"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "material_not_allowed"
    assert Material.objects.get().title == "Opening slides"
    assert stored(media) == ["opening.pdf"]


def test_api_refuses_another_organisation_and_unknown_materials(
    api_client: SchemaCheckedClient, client: Client, slides: Material, event: Event
) -> None:
    client.force_login(MembershipFactory.create(role=Role.ADMIN).user)
    base = f"/api/v1/events/{event.slug}/sessions/{slides.session.uuid}/materials"
    url = f"{base}/{slides.uuid}"
    assert api_client.delete(url).status_code == 403
    changed = api_client.put(url, data={"kind": "slides", "title": "X", "url": "https://e.org"})
    assert changed.status_code == 403
    assert api_client.delete(f"{base}/00000000-0000-0000-0000-000000000000").status_code == 404
    assert Material.objects.get().title == "Opening slides"
