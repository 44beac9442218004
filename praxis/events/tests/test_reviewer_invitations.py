"""An organiser adds a reviewer by e-mail address: an invitation goes to the address, and the
organiser's answer is the same whether anybody has an account with it or not. The person
signed in with that address accepts and becomes a reviewer; a forwarded link, a forged or used
one, and too many additions are refused."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.core.personal_data import Erasing, holdings
from praxis.core.ratelimit import RateLimit
from praxis.events.models import Event, ReviewerInvitation, Track
from praxis.events.services import reviewers
from praxis.events.tests.factories import EventFactory, TrackFactory
from praxis.events.tests.test_track_reviewers import api_path, organiser_of, page_of, post_to
from praxis.notifications.models import Notice
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

INVITED = (
    "An invitation is on its way to {address}. Whoever accepts it with this address becomes a "
    "reviewer of the track."
)


@pytest.fixture
def conference() -> Event:
    event = EventFactory.create(type="conference", title="Nairobi forum")
    event.co_organisers.add(OrganisationFactory.create(name="Nairobi School of Public Health"))
    return event


@pytest.fixture
def track(conference: Event) -> Track:
    return TrackFactory.create(event=conference, name="Hand hygiene")


def invite(
    client: Client,
    track: Track,
    address: str,
    callbacks: DjangoCaptureOnCommitCallbacks,
) -> Any:
    with callbacks(execute=True):
        return client.post(post_to(track), {f"t{track.pk}-who": address}, follow=True)


def link_in(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+/abstracts/invitations/\S+/)", str(message.body))
    assert found, message.body
    return found.group(1)


def test_an_address_with_an_account_is_answered_as_one_without(
    client: Client,
    conference: Event,
    track: Track,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    UserFactory.create(full_name="Ruth Otieno", email="ruth@example.org")
    client.force_login(organiser_of(conference))
    answers = {}
    for address in ("ruth@example.org", "nobody@example.org"):
        with CaptureQueriesContext(connection) as done:
            response = invite(client, track, address, django_capture_on_commit_callbacks)
        page = response.content.decode()
        answers[address] = (
            response.status_code,
            response.redirect_chain,
            INVITED.format(address=address) in page,
            f'<bdi dir="ltr">{address}</bdi>' in page,
            "Ruth Otieno" in page,
            len(done.captured_queries),
        )
    assert answers["ruth@example.org"] == answers["nobody@example.org"]
    assert answers["nobody@example.org"][:5] == (
        200,
        [(f"{page_of(conference)}#track-{track.pk}", 302)],
        True,
        True,
        False,
    )
    # Nobody becomes a reviewer, nobody is told on the site: each mailbox gets the same e-mail.
    assert not track.reviewers.exists()
    assert not Notice.objects.exists()
    assert [m.to for m in mail.outbox] == [["ruth@example.org"], ["nobody@example.org"]]
    bodies = [link_pattern.sub("LINK", str(m.body)) for m in mail.outbox]
    assert bodies[0] == bodies[1]
    assert mail.outbox[0].subject == "Invitation to review abstracts for Nairobi forum"
    assert (
        "Joseph Mwangi invites you to review the abstracts of the track “Hand hygiene” of "
        "“Nairobi forum”" in bodies[0]
    )


link_pattern = re.compile(r"https?://\S+/abstracts/invitations/\S+/")


def test_the_invited_person_accepts_and_becomes_a_reviewer(
    client: Client,
    conference: Event,
    track: Track,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(organiser_of(conference))
    invite(client, track, "Ruth@Example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    ruth = UserFactory.create(full_name="Ruth Otieno", email="ruth@example.org")
    client.force_login(ruth)
    page = client.get(link).content.decode()
    assert "You are invited to review the abstracts of the track “Hand hygiene”" in page
    accepted = client.post(link, follow=True)
    assert accepted.redirect_chain == [(f"/events/{conference.slug}/abstracts/review/", 302)]
    assert "You now review the abstracts of the track “Hand hygiene”." in (
        accepted.content.decode()
    )
    assert list(track.reviewers.all()) == [ruth]
    # The link works once.
    again = client.get(link)
    assert again.status_code == 404
    assert "This invitation link is not valid, or it has been used already." in (
        again.content.decode()
    )
    client.force_login(organiser_of(conference))
    page = client.get(page_of(conference)).content.decode()
    assert '<strong dir="auto">Ruth Otieno</strong>' in page
    assert "ruth@example.org</bdi>" not in page


def test_a_person_who_signs_up_with_the_address_accepts_it(
    client: Client,
    conference: Event,
    track: Track,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(organiser_of(conference))
    invite(client, track, "new.reviewer@example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client.logout()
    page = client.get(link).content.decode()
    assert "Log in with the e-mail address this invitation was sent to." in page
    assert client.post(link).status_code == 302  # to log in
    assert not track.reviewers.exists()
    newcomer = UserFactory.create(email="new.reviewer@example.org", email_verified_at=None)
    client.force_login(newcomer)
    unverified = client.post(link)
    assert unverified.status_code == 403
    assert "Confirm your e-mail address first" in unverified.content.decode()
    assert not track.reviewers.exists()
    newcomer.email_verified_at = timezone.now()
    newcomer.save()
    assert client.post(link).status_code == 302
    assert list(track.reviewers.all()) == [newcomer]


def test_a_forwarded_link_is_refused_to_another_account(
    client: Client,
    conference: Event,
    track: Track,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(organiser_of(conference))
    invite(client, track, "ruth@example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client.force_login(UserFactory.create(email="someone.else@example.org"))
    assert "This invitation was sent to another e-mail address." in (
        client.get(link).content.decode()
    )
    refused = client.post(link)
    assert refused.status_code == 403
    assert "This invitation was sent to another e-mail address." in refused.content.decode()
    assert not track.reviewers.exists()
    assert track.invitations.count() == 1


@pytest.mark.parametrize("bad", ["forged", "other-event", "expired"])
def test_forged_misplaced_or_expired_links_add_nobody(
    client: Client,
    conference: Event,
    track: Track,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    bad: str,
) -> None:
    client.force_login(organiser_of(conference))
    invite(client, track, "ruth@example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    expected = (404, "This invitation link is not valid, or it has been used already.")
    if bad == "forged":
        link = link[:-3] + "xx/"
    elif bad == "other-event":
        link = link.replace(conference.slug, EventFactory.create().slug)
    else:
        ReviewerInvitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
        expected = (409, "This invitation has expired. Ask the organisers to invite you again.")
    client.force_login(UserFactory.create(email="ruth@example.org"))
    for response in (client.get(link), client.post(link)):
        assert (response.status_code, expected[1] in response.content.decode()) == (
            expected[0],
            True,
        )
    assert not track.reviewers.exists()


def test_inviting_an_address_again_makes_only_the_newest_link_work(
    client: Client,
    conference: Event,
    track: Track,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(organiser_of(conference))
    invite(client, track, "ruth@example.org", django_capture_on_commit_callbacks)
    invite(client, track, "ruth@example.org", django_capture_on_commit_callbacks)
    old, new = link_in(mail.outbox[0]), link_in(mail.outbox[1])
    assert track.invitations.count() == 1
    client.force_login(UserFactory.create(email="ruth@example.org"))
    assert client.post(old).status_code == 404
    assert client.post(new).status_code == 302
    assert track.reviewers.count() == 1


def test_an_organiser_withdraws_an_invitation_after_a_confirmation(
    client: Client,
    conference: Event,
    track: Track,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(organiser_of(conference))
    invite(client, track, "ruth@example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    invitation = track.invitations.get()
    page = client.get(page_of(conference)).content.decode()
    assert "Withdraw the invitation sent to ruth@example.org? Its link will no longer work." in page
    # Someone who does not organise the event cannot withdraw it.
    client.force_login(UserFactory.create())
    refused = client.post(post_to(track), {"action": "withdraw", "invitation": invitation.uuid})
    assert refused.status_code in (403, 404)
    assert track.invitations.exists()
    client.force_login(organiser_of(conference))
    withdrawn = client.post(
        post_to(track), {"action": "withdraw", "invitation": invitation.uuid}, follow=True
    )
    assert "The invitation is withdrawn: its link no longer works." in withdrawn.content.decode()
    assert not track.invitations.exists()
    client.force_login(UserFactory.create(email="ruth@example.org"))
    assert client.post(link).status_code == 404
    assert not track.reviewers.exists()


def test_too_many_additions_in_an_hour_are_refused(
    client: Client,
    api_client: SchemaCheckedClient,
    conference: Event,
    track: Track,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    monkeypatch.setattr(reviewers, "ADD_LIMIT", RateLimit("events.add_reviewer", 3, 3600))
    client.force_login(organiser_of(conference))
    # Tries at unknown handles count too: probing handles one by one is what the limit stops.
    client.post(post_to(track), {f"t{track.pk}-who": "@nobody-here"})
    invite(client, track, "one@example.org", django_capture_on_commit_callbacks)
    invite(client, track, "two@example.org", django_capture_on_commit_callbacks)
    refused = client.post(post_to(track), {f"t{track.pk}-who": "three@example.org"})
    assert refused.status_code == 429
    assert "Too many attempts. You can try again within 60 minutes." in (refused.content.decode())
    by_api = api_client.post(api_path(track), {"who": "three@example.org"})
    assert by_api.status_code == 429
    assert by_api.json()["error"]["code"] == "rate_limited"
    assert sorted(track.invitations.values_list("email", flat=True)) == [
        "one@example.org",
        "two@example.org",
    ]
    assert len(mail.outbox) == 2
    # Another organiser has their own allowance.
    staff = UserFactory.create(is_staff=True)
    client.force_login(staff)
    assert invite(client, track, "three@example.org", django_capture_on_commit_callbacks)
    assert track.invitations.count() == 3


# Through the API


def test_api_answers_every_address_alike_and_lists_and_withdraws_invitations(
    api_client: SchemaCheckedClient,
    conference: Event,
    track: Track,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    UserFactory.create(email="ruth@example.org")
    api_client.client.force_login(organiser_of(conference))
    answers = []
    for address in ("ruth@example.org", "nobody@example.org"):
        with django_capture_on_commit_callbacks(execute=True):
            response = api_client.post(api_path(track), {"who": address})
        assert response.status_code == 202
        body = response.json()
        assert body["email"] == address
        answers.append(sorted(body))
    assert answers[0] == answers[1] == ["email", "expires_at", "id"]
    assert not track.reviewers.exists()
    assert len(mail.outbox) == 2
    invitations = f"/api/v1/events/{conference.slug}/tracks/{track.pk}/invitations"
    listed = api_client.get(invitations).json()
    assert [i["email"] for i in listed] == ["ruth@example.org", "nobody@example.org"]
    withdrawn = api_client.delete(f"{invitations}/{listed[0]['id']}")
    assert withdrawn.status_code == 204
    assert [i["email"] for i in api_client.get(invitations).json()] == ["nobody@example.org"]
    assert api_client.delete(f"{invitations}/{listed[0]['id']}").status_code == 404


def test_api_refuses_invitations_to_people_who_do_not_organise_the_event(
    api_client: SchemaCheckedClient, conference: Event, track: Track
) -> None:
    ReviewerInvitation.objects.create(
        track=track, email="ruth@example.org", expires_at=timezone.now() + timedelta(days=1)
    )
    invitation = track.invitations.get()
    invitations = f"/api/v1/events/{conference.slug}/tracks/{track.pk}/invitations"
    reviewer = UserFactory.create()
    track.reviewers.add(reviewer)
    other_admin = MembershipFactory.create(
        organisation=OrganisationFactory.create(), role=Role.ADMIN
    ).user
    for person in (reviewer, UserFactory.create(), other_admin):
        api_client.client.force_login(person)
        assert api_client.get(invitations).status_code in (403, 404)
        assert api_client.post(api_path(track), {"who": "x@example.org"}).status_code in (403, 404)
        assert api_client.delete(f"{invitations}/{invitation.uuid}").status_code in (403, 404)
    assert list(track.invitations.all()) == [invitation]
    assert mail.outbox == []


def test_erasing_a_person_erases_the_invitations_to_their_address_and_by_them(
    conference: Event, track: Track
) -> None:
    organiser = organiser_of(conference)
    ruth = UserFactory.create(email="ruth@example.org")
    later = timezone.now() + timedelta(days=1)
    ReviewerInvitation.objects.create(
        track=track, email="Ruth@Example.org", invited_by=organiser, expires_at=later
    )
    kept = ReviewerInvitation.objects.create(
        track=track, email="ivan@example.org", invited_by=organiser, expires_at=later
    )
    for person in (ruth, organiser):
        erasing = Erasing(
            person=person,
            former_member=UserFactory.create(),
            keep_posts=False,
            anonymous_name="anonymous-1",
        )
        for holding in holdings():
            if holding.model is ReviewerInvitation:
                holding.apply_erasure(erasing)
    assert list(ReviewerInvitation.objects.all()) == [kept]
    kept.refresh_from_db()
    assert kept.invited_by is None


def test_the_invited_address_reads_whole_in_an_arabic_message(
    client: Client,
    conference: Event,
    track: Track,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(organiser_of(conference))
    client.cookies["django_language"] = "ar"
    page = invite(client, track, "nobody-here@example.org", django_capture_on_commit_callbacks)
    told = page.content.decode().split('<ul class="messages">')[1].split("</ul>")[0]
    # Isolated: its "-", "@" and "." are not reordered by the Arabic sentence around it.
    assert "\u2068nobody-here@example.org\u2069" in told


def test_a_reviewer_of_a_draft_is_told_where_its_abstracts_will_be(
    client: Client,
    conference: Event,
    track: Track,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    conference.status = Event.Status.DRAFT
    conference.save(update_fields=["status"])
    client.force_login(organiser_of(conference))
    invite(client, track, "ruth@example.org", django_capture_on_commit_callbacks)
    client.force_login(UserFactory.create(email="ruth@example.org"))
    accepted = client.post(link_in(mail.outbox[0]), follow=True)
    assert accepted.redirect_chain == [("/events/", 302)]
    page = accepted.content.decode()
    assert "You now review the abstracts of the track “Hand hygiene”." in page
    assert (
        "“Nairobi forum” is not published yet. Once it is, its abstracts are listed for you on"
        " its page, under “Review abstracts”."
    ) in page
    assert list(track.reviewers.all()) == [accepted.wsgi_request.user]
