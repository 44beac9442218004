"""The abstracts page as the event's organisers see it (every abstract, every review, the
decision) and as a track's reviewers see it (the abstracts of their tracks, their own score)."""

import pytest
from django.core import mail
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.events.models import Abstract, Event, Review, Track
from praxis.events.tests.factories import AbstractFactory, EventFactory, TrackFactory
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference() -> Event:
    event = EventFactory.create(type="conference", score_min=1, score_max=5)
    event.co_organisers.add(OrganisationFactory.create(name="Nairobi School of Public Health"))
    return event


def organiser_of(event: Event) -> User:
    """An admin of the event's co-organiser who reviews none of its tracks."""
    return MembershipFactory.create(
        organisation=event.co_organisers.get(), role=Role.ADMIN, user__full_name="Joseph Mwangi"
    ).user


def reviewed_abstract(event: Event, track: Track) -> Abstract:
    abstract = AbstractFactory.create(
        event=event, track=track, title="Hand rub at the bedside", submitter__full_name="Ana Silva"
    )
    for name, score, comment in (("Ruth Otieno", 4, "Clear method."), ("Ivan Petrov", 3, "")):
        reviewer = UserFactory.create(full_name=name)
        track.reviewers.add(reviewer)
        Review.objects.create(abstract=abstract, reviewer=reviewer, score=score, comment=comment)
    return abstract


def test_an_organiser_who_reviews_no_track_sees_every_abstract_with_its_reviews(
    client: Client, conference: Event
) -> None:
    outbreaks = TrackFactory.create(event=conference, name="Outbreaks")
    reviewed_abstract(conference, TrackFactory.create(event=conference, name="Hand hygiene"))
    AbstractFactory.create(
        event=conference, track=outbreaks, title="Cholera line lists", status="accepted"
    )
    client.force_login(organiser_of(conference))
    event_page = client.get(f"/events/{conference.slug}/").content.decode()
    assert (
        f'<a href="/events/{conference.slug}/abstracts/review/">Abstracts and reviews</a>'
        in event_page
    )
    response = client.get(f"/events/{conference.slug}/abstracts/review/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Abstracts and reviews</h1>" in page
    reviewed, decided = page.split('<article class="card"')[1:3]
    assert "Hand rub at the bedside" in reviewed and "Submitted by Ana Silva" in reviewed
    # The track's name is set apart, and the authors on a line of their own, so that a
    # right-to-left page does not interleave them when the line wraps.
    assert '<p class="meta"><bdi>Hand hygiene</bdi> · <strong>Under review</strong></p>' in reviewed
    assert '<p class="meta" dir="auto">A. Author (Univ A)</p>' in reviewed
    assert "2 reviews · average score 3.5" in reviewed
    assert "Ruth Otieno</strong>: 4 — <span" in reviewed and "Clear method." in reviewed
    assert "Ivan Petrov</strong>: 3</li>" in reviewed
    assert 'name="decision"' in reviewed and "Save review" not in reviewed
    assert "Cholera line lists" in decided and "<strong>Accepted</strong>" in decided
    assert "The track has no reviewer yet." in decided and 'name="decision"' not in decided


def test_an_organiser_decides_on_the_page_and_the_submitter_is_told(
    client: Client,
    conference: Event,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    abstract = reviewed_abstract(conference, TrackFactory.create(event=conference))
    client.force_login(organiser_of(conference))
    address = f"/events/{conference.slug}/abstracts/review/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(address, {"decide": str(abstract.uuid), "decision": "poster"})
    assert response.status_code == 302
    abstract.refresh_from_db()
    assert abstract.status == Abstract.Status.POSTER
    assert [message.to for message in mail.outbox] == [[abstract.submitter.email]]
    page = client.get(address).content.decode()
    assert "Decided; the submitter is told by e-mail." in page
    assert "<strong>Accepted as a poster</strong>" in page and 'name="decision"' not in page


def test_an_organiser_must_choose_a_decision(client: Client, conference: Event) -> None:
    abstract = reviewed_abstract(conference, TrackFactory.create(event=conference))
    client.force_login(organiser_of(conference))
    address = f"/events/{conference.slug}/abstracts/review/"
    response = client.post(address, {"decide": str(abstract.uuid), "decision": ""}, follow=True)
    assert "Choose accept, poster or reject." in response.content.decode()
    abstract.refresh_from_db()
    assert abstract.status == Abstract.Status.SUBMITTED and not mail.outbox


def test_a_reviewer_sees_the_abstracts_of_their_tracks_only_and_cannot_decide(
    client: Client, conference: Event
) -> None:
    hygiene = TrackFactory.create(event=conference, name="Hand hygiene")
    abstract = reviewed_abstract(conference, hygiene)
    AbstractFactory.create(
        event=conference, track=TrackFactory.create(event=conference), title="Cholera line lists"
    )
    reviewer = UserFactory.create()
    hygiene.reviewers.add(reviewer)
    client.force_login(reviewer)
    address = f"/events/{conference.slug}/abstracts/review/"
    page = client.get(address).content.decode()
    assert "<h1>Review abstracts</h1>" in page and "Hand rub at the bedside" in page
    assert "Cholera line lists" not in page
    # Other reviewers' names, scores and comments are the organisers' to read.
    assert "Ruth Otieno" not in page and "Clear method." not in page
    assert 'name="decision"' not in page and "Save review" in page
    response = client.post(address, {"decide": str(abstract.uuid), "decision": "accepted"})
    assert response.status_code == 403
    abstract.refresh_from_db()
    assert abstract.status == Abstract.Status.SUBMITTED


def test_an_admin_of_another_organisation_sees_no_abstract(
    client: Client, conference: Event
) -> None:
    reviewed_abstract(conference, TrackFactory.create(event=conference))
    stranger = MembershipFactory.create(
        organisation=OrganisationFactory.create(name="Another university"), role=Role.ADMIN
    ).user
    client.force_login(stranger)
    response = client.get(f"/events/{conference.slug}/abstracts/review/")
    assert response.status_code == 403
    assert "Hand rub" not in response.content.decode()
    assert "Abstracts and reviews" not in client.get(f"/events/{conference.slug}/").content.decode()


def test_an_organiser_who_reviews_the_track_also_scores_it_there(
    client: Client, conference: Event
) -> None:
    track = TrackFactory.create(event=conference)
    abstract = reviewed_abstract(conference, track)
    organiser = organiser_of(conference)
    track.reviewers.add(organiser)
    client.force_login(organiser)
    address = f"/events/{conference.slug}/abstracts/review/"
    page = client.get(address).content.decode()
    assert "Save review" in page and 'name="decision"' in page
    response = client.post(
        address, {"abstract": str(abstract.uuid), f"{abstract.uuid}-score": "5"}, follow=True
    )
    assert "Joseph Mwangi</strong>: 5</li>" in response.content.decode()
    assert "3 reviews · average score 4.0" in response.content.decode()
