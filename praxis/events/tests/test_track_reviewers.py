"""The event's organisers set who reviews each track's abstracts, on the site and through the
API: a member named by their @handle is added and told, one is removed after a confirmation;
anybody else is refused and bad input changes nothing. (An e-mail address is sent an
invitation: test_reviewer_invitations.)"""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.community.services.membership import ensure_profile
from praxis.events import notices
from praxis.events.models import Event, Track
from praxis.events.tests.factories import EventFactory, TrackFactory
from praxis.notifications.models import Notice
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference() -> Event:
    event = EventFactory.create(type="conference", title="Nairobi forum")
    event.co_organisers.add(OrganisationFactory.create(name="Nairobi School of Public Health"))
    return event


@pytest.fixture
def track(conference: Event) -> Track:
    return TrackFactory.create(event=conference, name="Hand hygiene")


def organiser_of(event: Event) -> User:
    return MembershipFactory.create(
        organisation=event.co_organisers.get(), role=Role.ADMIN, user__full_name="Joseph Mwangi"
    ).user


def reviewer_named(name: str, email: str) -> User:
    person = UserFactory.create(full_name=name, email=email)
    ensure_profile(person)
    return person


def page_of(event: Event) -> str:
    return f"/events/{event.slug}/abstracts/reviewers/"


def post_to(track: Track) -> str:
    return f"/events/{track.event.slug}/abstracts/reviewers/{track.pk}/"


def api_path(track: Track) -> str:
    return f"/api/v1/events/{track.event.slug}/tracks/{track.pk}/reviewers"


# On the site


def test_the_abstracts_page_links_organisers_to_the_reviewers_of_the_tracks(
    client: Client, conference: Event, track: Track
) -> None:
    client.force_login(organiser_of(conference))
    page = client.get(f"/events/{conference.slug}/abstracts/review/").content.decode()
    assert f'<a href="{page_of(conference)}">Reviewers of the tracks</a>' in page
    reviewers_page = client.get(page_of(conference)).content.decode()
    assert "Hand hygiene" in reviewers_page
    assert "The track has no reviewer yet." in reviewers_page
    assert "E-mail address or @handle" in reviewers_page


def test_an_organiser_adds_a_reviewer_by_handle_who_is_told(
    client: Client, conference: Event, track: Track
) -> None:
    ruth = reviewer_named("Ruth Otieno", "ruth@example.org")
    handle = ensure_profile(ruth).handle
    client.force_login(organiser_of(conference))
    response = client.post(post_to(track), {f"t{track.pk}-who": f"@{handle}"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ruth Otieno now reviews this track and is told so." in page
    assert '<strong dir="auto">Ruth Otieno</strong>' in page
    assert list(track.reviewers.all()) == [ruth]
    notice = Notice.objects.get(person=ruth)
    assert notice.kind == notices.abstract_reviewer_added.key
    assert notice.link == f"/events/{conference.slug}/abstracts/review/"
    # Told, they now open the abstracts page as a reviewer of the track.
    client.force_login(ruth)
    assert client.get(notice.link).status_code == 200


def test_a_handle_is_shown_left_to_right_beside_the_reviewer(
    client: Client, conference: Event, track: Track
) -> None:
    ivan = reviewer_named("Ivan Petrov", "ivan@example.org")
    handle = ensure_profile(ivan).handle
    client.force_login(organiser_of(conference))
    client.post(post_to(track), {f"t{track.pk}-who": f"@{handle}"})
    assert list(track.reviewers.all()) == [ivan]
    # The handle reads left to right in a right-to-left page: "@" stays before it.
    page = client.get(f"/events/{conference.slug}/abstracts/reviewers/", HTTP_ACCEPT_LANGUAGE="ar")
    assert f'<bdi class="meta" dir="ltr">@{handle}</bdi>' in page.content.decode()


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("", "Give the person&#x27;s e-mail address or their @handle."),
        ("   ", "Give the person&#x27;s e-mail address or their @handle."),
        ("x" * 255, "Give the person&#x27;s e-mail address or their @handle."),
        ("@nobody-here", "No member has the handle @nobody-here."),
        ("ruth@", "Give an e-mail address, such as name@example.org, or an @handle."),
        ("ruth@example org", "Give an e-mail address, such as name@example.org, or an @handle."),
    ],
)
def test_unknown_or_missing_people_are_refused_beside_the_field(
    client: Client, conference: Event, track: Track, who: str, message: str
) -> None:
    client.force_login(organiser_of(conference))
    response = client.post(post_to(track), {f"t{track.pk}-who": who})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    # Beside the field, tied to its input.
    assert f'id="id_t{track.pk}-who_error"' in page
    assert 'aria-invalid="true"' in page
    assert not track.reviewers.exists()
    assert not track.invitations.exists()
    assert not Notice.objects.exists()
    assert mail.outbox == []


def test_adding_a_reviewer_twice_is_refused_and_tells_no_one_again(
    client: Client, conference: Event, track: Track
) -> None:
    ruth = reviewer_named("Ruth Otieno", "ruth@example.org")
    handle = ensure_profile(ruth).handle
    client.force_login(organiser_of(conference))
    client.post(post_to(track), {f"t{track.pk}-who": f"@{handle}"})
    response = client.post(post_to(track), {f"t{track.pk}-who": f"@{handle}"})
    assert response.status_code == 400
    assert "Ruth Otieno already reviews this track." in response.content.decode()
    assert list(track.reviewers.all()) == [ruth]
    assert Notice.objects.filter(person=ruth).count() == 1


def test_an_organiser_removes_a_reviewer_after_a_confirmation(
    client: Client, conference: Event, track: Track
) -> None:
    ruth = reviewer_named("Ruth Otieno", "ruth@example.org")
    track.reviewers.add(ruth)
    client.force_login(organiser_of(conference))
    page = client.get(page_of(conference)).content.decode()
    assert '<details class="confirm">' in page
    assert (
        "Remove Ruth Otieno from the reviewers of “Hand hygiene”? The reviews they wrote stay."
        in page
    )
    response = client.post(
        post_to(track), {"action": "remove", "reviewer": str(ruth.uuid)}, follow=True
    )
    assert "Ruth Otieno no longer reviews this track." in response.content.decode()
    assert not track.reviewers.exists()


def test_removing_someone_who_does_not_review_the_track_is_404(
    client: Client, conference: Event, track: Track
) -> None:
    other = TrackFactory.create(event=conference, name="Outbreaks")
    ruth = reviewer_named("Ruth Otieno", "ruth@example.org")
    other.reviewers.add(ruth)
    client.force_login(organiser_of(conference))
    response = client.post(post_to(track), {"action": "remove", "reviewer": str(ruth.uuid)})
    assert response.status_code == 404
    assert list(other.reviewers.all()) == [ruth]


def wrong_people(event: Event, track: Track) -> list[User]:
    reviewer = UserFactory.create()
    track.reviewers.add(reviewer)
    other_admin = MembershipFactory.create(
        organisation=OrganisationFactory.create(), role=Role.ADMIN
    ).user
    member = MembershipFactory.create(organisation=event.co_organisers.get(), role=Role.AUTHOR).user
    return [reviewer, UserFactory.create(), other_admin, member]


def test_people_who_do_not_organise_the_event_cannot_set_reviewers(
    client: Client, conference: Event, track: Track
) -> None:
    target = reviewer_named("Ruth Otieno", "ruth@example.org")
    for person in wrong_people(conference, track):
        client.force_login(person)
        assert client.get(page_of(conference)).status_code in (403, 404)
        added = client.post(post_to(track), {f"t{track.pk}-who": "ruth@example.org"})
        assert added.status_code in (403, 404)
        assert "Ruth Otieno" not in added.content.decode()
        existing = track.reviewers.first()
        assert existing is not None
        removed = client.post(post_to(track), {"action": "remove", "reviewer": str(existing.uuid)})
        assert removed.status_code in (403, 404)
    assert not track.reviewers.filter(pk=target.pk).exists()
    assert track.reviewers.count() == 1
    assert not track.invitations.exists()
    assert not Notice.objects.exists()
    assert mail.outbox == []


def test_a_track_of_another_event_is_404(client: Client, conference: Event) -> None:
    elsewhere = TrackFactory.create(event=EventFactory.create())
    client.force_login(organiser_of(conference))
    response = client.post(
        f"/events/{conference.slug}/abstracts/reviewers/{elsewhere.pk}/",
        {f"t{elsewhere.pk}-who": "ruth@example.org"},
    )
    assert response.status_code == 404


def test_academy_staff_set_reviewers_too(client: Client, conference: Event, track: Track) -> None:
    ruth = reviewer_named("Ruth Otieno", "ruth@example.org")
    client.force_login(UserFactory.create(is_staff=True))
    client.post(post_to(track), {f"t{track.pk}-who": ensure_profile(ruth).handle})
    assert list(track.reviewers.all()) == [ruth]


# Through the API


def test_api_lists_adds_and_removes_reviewers(
    api_client: SchemaCheckedClient, conference: Event, track: Track
) -> None:
    ruth = reviewer_named("Ruth Otieno", "ruth@example.org")
    handle = ensure_profile(ruth).handle
    api_client.client.force_login(organiser_of(conference))
    assert api_client.get(api_path(track)).json() == []
    added = api_client.post(api_path(track), {"who": f"@{handle}"})
    assert added.status_code == 201
    assert added.json() == {"name": "Ruth Otieno", "handle": handle}
    assert api_client.get(api_path(track)).json() == [{"name": "Ruth Otieno", "handle": handle}]
    assert Notice.objects.filter(person=ruth).count() == 1
    removed = api_client.delete(f"{api_path(track)}/{handle}")
    assert removed.status_code == 204
    assert not track.reviewers.exists()
    assert api_client.delete(f"{api_path(track)}/{handle}").status_code == 404


def test_api_refuses_bad_input_on_who(
    api_client: SchemaCheckedClient, conference: Event, track: Track
) -> None:
    handle = ensure_profile(reviewer_named("Ruth Otieno", "ruth@example.org")).handle
    api_client.client.force_login(organiser_of(conference))
    for who, code in (
        ("", "invalid_input"),
        ("x" * 255, "invalid_input"),
        ("@nobody-here", "unknown_handle"),
        ("ruth@", "invalid_input"),
    ):
        response = api_client.post(api_path(track), {"who": who})
        assert response.status_code == 400
        assert response.json()["error"]["code"] == code
        assert response.json()["error"]["fields"]["who"]
    assert api_client.post(api_path(track), {"who": 42}).status_code == 400
    assert not track.invitations.exists()
    api_client.post(api_path(track), {"who": handle})
    twice = api_client.post(api_path(track), {"who": handle})
    assert twice.status_code == 400
    assert twice.json()["error"]["fields"]["who"] == ["Ruth Otieno already reviews this track."]
    assert track.reviewers.count() == 1


def test_api_refuses_people_who_do_not_organise_the_event(
    api_client: SchemaCheckedClient, conference: Event, track: Track
) -> None:
    reviewer_named("Ruth Otieno", "ruth@example.org")
    for person in wrong_people(conference, track):
        api_client.client.force_login(person)
        assert api_client.get(api_path(track)).status_code in (403, 404)
        added = api_client.post(api_path(track), {"who": "ruth@example.org"})
        assert added.status_code in (403, 404)
        assert "Ruth" not in added.content.decode()
        existing = track.reviewers.get()
        handle = ensure_profile(existing).handle
        assert api_client.delete(f"{api_path(track)}/{handle}").status_code in (403, 404)
    assert track.reviewers.count() == 1
    assert not Notice.objects.exists()


def test_the_reviewers_page_reads_every_track_in_the_same_number_of_queries(
    client: Client, conference: Event
) -> None:
    client.force_login(organiser_of(conference))

    def queries_for_the_page() -> int:
        with CaptureQueriesContext(connection) as done:
            assert client.get(page_of(conference)).status_code == 200
        return len(done.captured_queries)

    first = TrackFactory.create(event=conference)
    first.reviewers.add(reviewer_named("Ivan Petrov", "ivan@example.org"))
    one_track = queries_for_the_page()
    for n in range(4):
        more = TrackFactory.create(event=conference)
        more.reviewers.add(reviewer_named(f"Reviewer {n}", f"reviewer{n}@example.org"))
    assert queries_for_the_page() == one_track
