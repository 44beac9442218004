"""Signed links: a token reads back to the key it was made for, old tokens keep working, and a
forged, altered, garbled, misdirected or expired one is refused with the app's own error."""

from __future__ import annotations

import datetime
from functools import partial
from uuid import UUID, uuid4

import pytest
from django.core import signing
from django.utils import timezone

from praxis.community.services import membership as community_memberships
from praxis.community.tests.factories import MembershipFactory as CommunityMembershipFactory
from praxis.core.errors import Conflict, ErrorCode, NotFound, PraxisError, ValidationFailed
from praxis.core.signed_links import SignedLink
from praxis.events.models import ReviewerInvitation
from praxis.events.services import reviewer_invitations
from praxis.events.tests.factories import TrackFactory
from praxis.organisations import memberships as organisation_memberships
from praxis.organisations.models import Invitation, Role
from praxis.organisations.tests.factories import OrganisationFactory

INVITATION = SignedLink(
    "praxis.tests.invitation",
    key_type=UUID,
    invalid=partial(NotFound, ErrorCode.INVALID_TOKEN, "This invitation link is not valid."),
)
UNSUBSCRIBE = SignedLink(
    "praxis.tests.unsubscribe",
    key_type=int,
    invalid=partial(ValidationFailed, ErrorCode.UNSUBSCRIBE_LINK_INVALID, "Not valid."),
    max_age=datetime.timedelta(days=60),
    expired=partial(ValidationFailed, ErrorCode.UNSUBSCRIBE_LINK_EXPIRED, "Expired."),
    key_name="m",
)


def refusal(link: SignedLink[UUID] | SignedLink[int], token: str) -> PraxisError:
    with pytest.raises(PraxisError) as refused:
        link.key(token)
    return refused.value


def test_a_token_reads_back_to_the_key_it_names() -> None:
    key = uuid4()
    assert INVITATION.key(INVITATION.token(key)) == key
    assert UNSUBSCRIBE.key(UNSUBSCRIBE.token(42)) == 42


def test_tokens_made_before_the_helper_still_work() -> None:
    key = uuid4()
    # The forms the invitation and unsubscribe links have always had.
    assert INVITATION.key(signing.dumps(str(key), salt=INVITATION.salt)) == key
    old = signing.dumps({"m": 42}, salt=UNSUBSCRIBE.salt, compress=True)
    assert UNSUBSCRIBE.key(old) == 42
    # And the tokens made now are those very forms.
    assert signing.loads(INVITATION.token(key), salt=INVITATION.salt) == str(key)
    assert signing.loads(UNSUBSCRIBE.token(42), salt=UNSUBSCRIBE.salt) == {"m": 42}


@pytest.mark.parametrize(
    "token",
    ["not-a-real-token", "", "a:b:c", "ünïcödé:x:y"],
    ids=["forged", "empty", "garbled", "not-ascii"],
)
def test_a_forged_or_garbled_token_is_refused_with_the_links_error(token: str) -> None:
    refused = refusal(INVITATION, token)
    assert (type(refused), refused.code, refused.status) == (NotFound, ErrorCode.INVALID_TOKEN, 404)
    assert refused.message == "This invitation link is not valid."


def test_an_altered_token_is_refused() -> None:
    token = INVITATION.token(uuid4())
    refused = refusal(INVITATION, token[:-2] + ("xx" if token[-2:] != "xx" else "yy"))
    assert refused.code == ErrorCode.INVALID_TOKEN


def test_a_token_made_for_another_purpose_is_refused() -> None:
    misdirected = refusal(UNSUBSCRIBE, INVITATION.token(uuid4()))
    assert misdirected.code == ErrorCode.UNSUBSCRIBE_LINK_INVALID
    # Same salt, but a key of another form than the link's: signed here, yet not its key.
    assert refusal(INVITATION, signing.dumps("twelve", salt=INVITATION.salt)).status == 404
    assert refusal(INVITATION, signing.dumps({"m": 1}, salt=INVITATION.salt)).status == 404
    for value in ({"n": 42}, 42, {"m": "forty-two"}, {"m": True}):
        refused = refusal(UNSUBSCRIBE, signing.dumps(value, salt=UNSUBSCRIBE.salt))
        assert refused.code == ErrorCode.UNSUBSCRIBE_LINK_INVALID, value


def test_an_expired_token_is_refused_with_the_links_expiry_error() -> None:
    token = UNSUBSCRIBE.token(42)
    soon = SignedLink(
        UNSUBSCRIBE.salt,
        key_type=int,
        invalid=UNSUBSCRIBE.invalid,
        max_age=datetime.timedelta(seconds=-1),
        expired=partial(Conflict, ErrorCode.INVITATION_EXPIRED, "Expired."),
        key_name="m",
    )
    refused = refusal(soon, token)
    assert (refused.code, refused.status) == (ErrorCode.INVITATION_EXPIRED, 409)
    # Without a lifetime, a link's token never expires by itself (its row may).
    assert INVITATION.key(INVITATION.token(key := uuid4())) == key


@pytest.mark.django_db
def test_links_already_sent_by_the_apps_still_open_their_rows() -> None:
    """Each app's link, made the way it was before the apps shared this helper."""
    soon = timezone.now() + datetime.timedelta(days=1)
    reviewer = ReviewerInvitation.objects.create(
        track=TrackFactory.create(), email="ruth@example.org", expires_at=soon
    )
    old = signing.dumps(str(reviewer.uuid), salt=reviewer_invitations.INVITATION_SALT)
    assert reviewer_invitations.read_reviewer_invitation(old) == reviewer

    invitation = Invitation.objects.create(
        organisation=OrganisationFactory.create(),
        email="nurse@example.org",
        role=Role.MEMBER,
        expires_at=soon,
    )
    old = signing.dumps(str(invitation.uuid), salt=organisation_memberships.INVITATION_SALT)
    assert organisation_memberships.read_invitation(old) == invitation

    membership = CommunityMembershipFactory.create()
    old = signing.dumps(
        {"m": membership.pk}, salt=community_memberships.UNSUBSCRIBE_SALT, compress=True
    )
    assert community_memberships.membership_for_token(old) == membership
