"""The event's organisers set its tracks on the site and through the API: they add one, rename
it or move it in the list, and remove one no abstract was submitted to; anybody else is
refused, and bad input changes nothing."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.events.models import Event, Session, Track
from praxis.events.tests.factories import (
    AbstractFactory,
    EventFactory,
    RegistrationFactory,
    SessionFactory,
    TrackFactory,
)
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference() -> Event:
    event = EventFactory.create(
        type="conference",
        title="Nairobi forum",
        abstracts_deadline=timezone.now() + timedelta(days=3),
    )
    event.co_organisers.add(OrganisationFactory.create(name="Nairobi School of Public Health"))
    return event


def organiser_of(event: Event) -> User:
    return MembershipFactory.create(organisation=event.co_organisers.get(), role=Role.ADMIN).user


def page_of(event: Event) -> str:
    return f"/events/{event.slug}/tracks/"


def track_path(track: Track) -> str:
    return f"/events/{track.event.slug}/tracks/{track.pk}/"


def api_of(event: Event) -> str:
    return f"/api/v1/events/{event.slug}/tracks"


def names(event: Event) -> list[str]:
    return list(Track.objects.filter(event=event).values_list("name", flat=True))


# On the site


def test_organisers_find_the_tracks_from_the_edit_and_reviewers_pages(
    client: Client, conference: Event
) -> None:
    client.force_login(organiser_of(conference))
    link = f'<a href="{page_of(conference)}"'
    assert link in client.get(f"/events/{conference.slug}/edit/").content.decode()
    reviewers = client.get(f"/events/{conference.slug}/abstracts/reviewers/").content.decode()
    assert link in reviewers
    assert "back office" not in reviewers
    page = client.get(page_of(conference)).content.decode()
    assert "This event has no track yet." in page
    assert "Add a track" in page


def test_an_organiser_adds_tracks_which_go_last_and_take_abstracts(
    client: Client, conference: Event
) -> None:
    client.force_login(organiser_of(conference))
    added = client.post(page_of(conference), {"new-name": "  Hand   hygiene "}, follow=True)
    assert added.status_code == 200
    assert "The track “Hand hygiene” is added." in added.content.decode()
    client.post(page_of(conference), {"new-name": "Outbreak response"})
    client.post(page_of(conference), {"new-name": "Antimicrobial resistance", "new-position": "0"})
    assert names(conference) == ["Antimicrobial resistance", "Hand hygiene", "Outbreak response"]
    page = client.get(page_of(conference)).content.decode()
    assert re.findall(r'<h2 id="track-\d+" dir="auto">([^<]+)</h2>', page) == [
        "Antimicrobial resistance",
        "Hand hygiene",
        "Outbreak response",
    ]
    assert "0 abstracts" in page
    # Submitters now choose among them.
    client.force_login(UserFactory.create())
    form = client.get(f"/events/{conference.slug}/abstracts/new/").content.decode()
    assert "Hand hygiene" in form
    assert "Outbreak response" in form


def test_an_organiser_renames_and_moves_a_track(client: Client, conference: Event) -> None:
    first = TrackFactory.create(event=conference, name="Hand hygiene", position=0)
    second = TrackFactory.create(event=conference, name="Outbreaks", position=1)
    abstract = AbstractFactory.create(event=conference, track=second)
    client.force_login(organiser_of(conference))
    saved = client.post(
        track_path(second),
        {f"t{second.pk}-name": "Outbreak response", f"t{second.pk}-position": "0"},
        follow=True,
    )
    assert "The track “Outbreak response” is saved." in saved.content.decode()
    assert saved.redirect_chain == [(f"{page_of(conference)}#track-{second.pk}", 302)]
    # Renaming a track to its own name in another case is no clash.
    client.post(
        track_path(first), {f"t{first.pk}-name": "HAND hygiene", f"t{first.pk}-position": 1}
    )
    assert names(conference) == ["Outbreak response", "HAND hygiene"]
    abstract.refresh_from_db()
    assert abstract.track == second


@pytest.mark.parametrize(
    ("name", "position", "message", "status"),
    [
        ("", "", "Give a name of up to 150 characters.", 400),
        ("   ", "", "Give a name of up to 150 characters.", 400),
        ("x" * 151, "", "Give a name of up to 150 characters.", 400),
        ("hand HYGIENE", "", "This event already has a track with this name.", 409),
        ("Outbreaks", "-1", "Give a number from 0 to 999.", 400),
        ("Outbreaks", "1000", "Give a number from 0 to 999.", 400),
        ("Outbreaks", "first", "Enter a whole number.", 400),
    ],
)
def test_bad_names_and_positions_are_refused_beside_the_field(
    client: Client, conference: Event, name: str, position: str, message: str, status: int
) -> None:
    existing = TrackFactory.create(event=conference, name="Hand hygiene")
    other = TrackFactory.create(event=conference, name="Planning", position=3)
    client.force_login(organiser_of(conference))
    added = client.post(page_of(conference), {"new-name": name, "new-position": position})
    renamed = client.post(
        track_path(other), {f"t{other.pk}-name": name, f"t{other.pk}-position": position}
    )
    for response, field in ((added, "id_new-"), (renamed, f"id_t{other.pk}-")):
        assert response.status_code == status
        page = response.content.decode()
        assert message in page
        assert f'id="{field}{"position" if "number" in message else "name"}_error"' in page
    assert names(conference) == [existing.name, "Planning"]
    other.refresh_from_db()
    assert other.position == 3


def test_an_organiser_removes_a_track_without_abstracts_after_a_confirmation(
    client: Client, conference: Event
) -> None:
    track = TrackFactory.create(event=conference, name="Outbreaks")
    session = SessionFactory.create(event=conference, track=track, title="Cholera lessons")
    client.force_login(organiser_of(conference))
    page = client.get(page_of(conference)).content.decode()
    assert '<details class="confirm">' in page
    assert "Remove the track “Outbreaks”? Its sessions stay in the programme" in page
    removed = client.post(track_path(track), {"action": "remove"}, follow=True)
    assert "The track “Outbreaks” is removed." in removed.content.decode()
    assert names(conference) == []
    session.refresh_from_db()
    assert session.track is None
    assert Session.objects.filter(title="Cholera lessons").exists()


def test_a_track_with_abstracts_cannot_be_removed(client: Client, conference: Event) -> None:
    track = TrackFactory.create(event=conference, name="Outbreaks")
    AbstractFactory.create(event=conference, track=track)
    client.force_login(organiser_of(conference))
    page = client.get(page_of(conference)).content.decode()
    assert "1 abstract" in page
    assert "Abstracts were submitted to this track, so it cannot be removed." in page
    assert "Remove the track “Outbreaks”?" not in page
    refused = client.post(track_path(track), {"action": "remove"})
    assert refused.status_code == 409
    assert (
        "This track cannot be removed: abstracts were submitted to it. Rename it instead."
        in refused.content.decode()
    )
    assert names(conference) == ["Outbreaks"]


def wrong_people(event: Event, track: Track) -> list[User]:
    reviewer = UserFactory.create()
    track.reviewers.add(reviewer)
    registrant = RegistrationFactory.create(event=event).person
    other_admin = MembershipFactory.create(
        organisation=OrganisationFactory.create(), role=Role.ADMIN
    ).user
    author = MembershipFactory.create(organisation=event.co_organisers.get(), role=Role.AUTHOR).user
    return [reviewer, registrant, other_admin, author]


def test_people_who_do_not_organise_the_event_cannot_set_its_tracks(
    client: Client, conference: Event
) -> None:
    track = TrackFactory.create(event=conference, name="Outbreaks")
    for person in wrong_people(conference, track):
        client.force_login(person)
        assert client.get(page_of(conference)).status_code in (403, 404)
        assert client.post(page_of(conference), {"new-name": "Mine"}).status_code in (403, 404)
        renamed = client.post(track_path(track), {f"t{track.pk}-name": "Mine"})
        assert renamed.status_code in (403, 404)
        assert client.post(track_path(track), {"action": "remove"}).status_code in (403, 404)
    client.logout()
    assert client.post(page_of(conference), {"new-name": "Mine"}).status_code == 302  # log in
    assert names(conference) == ["Outbreaks"]


def test_a_track_of_another_event_is_404(client: Client, conference: Event) -> None:
    elsewhere = TrackFactory.create(event=EventFactory.create(), name="Elsewhere")
    client.force_login(organiser_of(conference))
    wrong = f"/events/{conference.slug}/tracks/{elsewhere.pk}/"
    assert client.post(wrong, {f"t{elsewhere.pk}-name": "Mine"}).status_code == 404
    assert client.post(wrong, {"action": "remove"}).status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.name == "Elsewhere"


def test_academy_staff_set_tracks_too(client: Client, conference: Event) -> None:
    client.force_login(UserFactory.create(is_staff=True))
    client.post(page_of(conference), {"new-name": "Hand hygiene"})
    assert names(conference) == ["Hand hygiene"]


def test_the_tracks_page_reads_every_track_in_the_same_number_of_queries(
    client: Client, conference: Event
) -> None:
    client.force_login(organiser_of(conference))

    def queries_for_the_page() -> int:
        with CaptureQueriesContext(connection) as done:
            assert client.get(page_of(conference)).status_code == 200
        return len(done.captured_queries)

    AbstractFactory.create(event=conference, track=TrackFactory.create(event=conference))
    one_track = queries_for_the_page()
    for _n in range(4):
        AbstractFactory.create(event=conference, track=TrackFactory.create(event=conference))
    assert queries_for_the_page() == one_track


# Through the API


def test_api_lists_adds_renames_and_removes_tracks(
    api_client: SchemaCheckedClient, conference: Event
) -> None:
    api_client.client.force_login(organiser_of(conference))
    assert api_client.get(api_of(conference)).json() == []
    added = api_client.post(api_of(conference), {"name": "Hand hygiene"})
    assert added.status_code == 201
    body = added.json()
    assert body == {"id": body["id"], "name": "Hand hygiene", "position": 1, "abstracts": 0}
    second = api_client.post(api_of(conference), {"name": "Outbreaks"}).json()
    assert second["position"] == 2
    AbstractFactory.create(event=conference, track=Track.objects.get(pk=body["id"]))
    moved = api_client.patch(f"{api_of(conference)}/{second['id']}", {"position": 0})
    assert moved.status_code == 200
    assert moved.json()["name"] == "Outbreaks"
    renamed = api_client.patch(f"{api_of(conference)}/{body['id']}", {"name": "Infection control"})
    assert renamed.json() == {
        "id": body["id"],
        "name": "Infection control",
        "position": 1,
        "abstracts": 1,
    }
    listed = api_client.get(api_of(conference)).json()
    assert [(t["name"], t["abstracts"]) for t in listed] == [
        ("Outbreaks", 0),
        ("Infection control", 1),
    ]
    assert api_client.delete(f"{api_of(conference)}/{second['id']}").status_code == 204
    assert api_client.delete(f"{api_of(conference)}/{second['id']}").status_code == 404
    assert names(conference) == ["Infection control"]


def test_api_refuses_removing_a_track_with_abstracts(
    api_client: SchemaCheckedClient, conference: Event
) -> None:
    track = TrackFactory.create(event=conference, name="Outbreaks")
    AbstractFactory.create(event=conference, track=track)
    api_client.client.force_login(organiser_of(conference))
    refused = api_client.delete(f"{api_of(conference)}/{track.pk}")
    assert refused.status_code == 409
    assert refused.json()["error"] == {
        "code": "track_has_abstracts",
        "message": "This track cannot be removed: abstracts were submitted to it. Rename it "
        "instead.",
        "fields": {},
    }
    assert names(conference) == ["Outbreaks"]


@pytest.mark.parametrize(
    ("body", "status", "code", "field"),
    [
        ({"name": ""}, 400, "invalid_input", "name"),
        ({"name": "   "}, 400, "invalid_input", "name"),
        ({"name": "x" * 151}, 400, "invalid_input", "name"),
        ({"name": 42}, 400, "invalid_input", "name"),
        ({}, 400, "invalid_input", "name"),
        ({"name": "A\u0000B"}, 400, "invalid_character", None),
        ({"name": "hand HYGIENE"}, 409, "track_name_taken", "name"),
        ({"name": "Outbreaks", "position": -1}, 400, "invalid_input", "position"),
        ({"name": "Outbreaks", "position": 1000}, 400, "invalid_input", "position"),
        ({"name": "Outbreaks", "position": "first"}, 400, "invalid_input", "position"),
    ],
)
def test_api_refuses_bad_tracks_and_changes_nothing(
    api_client: SchemaCheckedClient,
    conference: Event,
    body: dict[str, object],
    status: int,
    code: str,
    field: str | None,
) -> None:
    existing = TrackFactory.create(event=conference, name="Hand hygiene")
    other = TrackFactory.create(event=conference, name="Planning", position=3)
    api_client.client.force_login(organiser_of(conference))
    for response in (
        api_client.post(api_of(conference), body),
        api_client.patch(f"{api_of(conference)}/{other.pk}", body) if body else None,
    ):
        if response is None:  # an empty change is no error: it changes nothing
            continue
        assert response.status_code == status
        error = response.json()["error"]
        assert error["code"] == code
        if field:
            assert error["fields"][field]
    assert names(conference) == [existing.name, "Planning"]
    other.refresh_from_db()
    assert other.position == 3


def test_api_refuses_people_who_do_not_organise_the_event(
    api_client: SchemaCheckedClient, conference: Event
) -> None:
    track = TrackFactory.create(event=conference, name="Outbreaks")
    for person in wrong_people(conference, track):
        api_client.client.force_login(person)
        assert api_client.get(api_of(conference)).status_code in (403, 404)
        assert api_client.post(api_of(conference), {"name": "Mine"}).status_code in (403, 404)
        patched = api_client.patch(f"{api_of(conference)}/{track.pk}", {"name": "Mine"})
        assert patched.status_code in (403, 404)
        assert api_client.delete(f"{api_of(conference)}/{track.pk}").status_code in (403, 404)
    api_client.client.logout()
    assert api_client.post(api_of(conference), {"name": "Mine"}).status_code == 401
    assert names(conference) == ["Outbreaks"]


def test_api_a_track_of_another_event_is_404(
    api_client: SchemaCheckedClient, conference: Event
) -> None:
    elsewhere = TrackFactory.create(event=EventFactory.create(), name="Elsewhere")
    api_client.client.force_login(organiser_of(conference))
    wrong = f"{api_of(conference)}/{elsewhere.pk}"
    assert api_client.patch(wrong, {"name": "Mine"}).status_code == 404
    assert api_client.delete(wrong).status_code == 404
    assert api_client.get("/api/v1/events/no-such-event/tracks").status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.name == "Elsewhere"


def test_api_lists_every_track_in_the_same_number_of_queries(
    api_client: SchemaCheckedClient, conference: Event
) -> None:
    api_client.client.force_login(organiser_of(conference))

    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as done:
            assert api_client.get(api_of(conference)).status_code == 200
        return len(done.captured_queries)

    TrackFactory.create(event=conference)
    one_track = queries_for_the_list()
    for _n in range(4):
        AbstractFactory.create(event=conference, track=TrackFactory.create(event=conference))
    assert queries_for_the_list() == one_track
