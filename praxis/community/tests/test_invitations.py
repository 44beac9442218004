"""Invitations to a community: a moderator invites by handle or account e-mail, the person is
told and joins with one click or declines; on the pages and through the API."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.tests.factories import CourseFactory
from praxis.community.models import Community, Membership, ModerationAction
from praxis.community.services import membership as memberships
from praxis.community.services import moderation
from praxis.community.tests.factories import (
    CommunityFactory,
    MemberProfileFactory,
    MembershipFactory,
    ModeratorFactory,
)
from praxis.core.errors import Conflict, PermissionDenied, PraxisError, ValidationFailed
from praxis.notifications.models import Notice
from praxis.organisations.models import Membership as PartnerMembership
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle() -> Community:
    return CommunityFactory.create(name="Ward sisters' circle", access=Community.Access.INVITATION)


def test_an_invited_member_is_told_sees_the_community_and_joins_with_one_click(
    client: Client, circle: Community
) -> None:
    moderator = ModeratorFactory.create(community=circle).user
    invited = MemberProfileFactory.create(handle="zainab").user
    client.force_login(moderator)
    response = client.post(
        reverse("community:invite", args=[circle.slug]), {"who": "@Zainab"}, follow=True
    )
    assert "Invited." in response.content.decode()
    assert "Zainab" in response.content.decode() or invited.full_name in response.content.decode()
    (notice,) = Notice.objects.filter(person=invited, kind="invitation")
    assert notice.link == reverse("community:community", args=[circle.slug])

    client.force_login(invited)
    listing = client.get(reverse("community:communities")).content.decode()
    assert "Ward sisters&#x27; circle" in listing and "You are invited" in listing
    page = client.get(notice.link).content.decode()
    assert "You are invited to join this community." in page
    response = client.post(reverse("community:join", args=[circle.slug]), follow=True)
    assert "Welcome! You are now a member of this community." in response.content.decode()
    assert Membership.objects.get(community=circle, user=invited).status == "active"
    circle.refresh_from_db()
    assert circle.member_count == 1  # the factory's moderator is not counted; the new member is


def test_inviting_by_account_address_works_and_an_unknown_address_gets_the_same_answer(
    client: Client, circle: Community
) -> None:
    moderator = ModeratorFactory.create(community=circle).user
    person = UserFactory.create(email="Nurse.Amal@example.org")
    client.force_login(moderator)
    known = client.post(
        reverse("community:invite", args=[circle.slug]),
        {"who": "nurse.amal@example.org"},
        follow=True,
    )
    unknown = client.post(
        reverse("community:invite", args=[circle.slug]),
        {"who": "nobody@example.org"},
        follow=True,
    )
    message = "Invited. If the address belongs to an account, its owner is told."
    assert message in known.content.decode() and message in unknown.content.decode()
    assert Membership.objects.get(community=circle, user=person).status == "invited"
    assert Membership.objects.filter(community=circle, status="invited").count() == 1


def test_declining_removes_the_invitation_and_hides_the_community_again(
    client: Client, circle: Community
) -> None:
    moderator = ModeratorFactory.create(community=circle).user
    invited = MemberProfileFactory.create(handle="zainab").user
    moderation.invite(moderator, circle, "zainab")
    client.force_login(invited)
    response = client.post(reverse("community:leave", args=[circle.slug]), follow=True)
    assert "You declined the invitation." in response.content.decode()
    assert not Membership.objects.filter(community=circle, user=invited).exists()
    assert client.get(reverse("community:community", args=[circle.slug])).status_code == 404


def test_a_moderator_withdraws_an_invitation_from_the_queue(
    client: Client, circle: Community
) -> None:
    moderator = ModeratorFactory.create(community=circle).user
    invited = MemberProfileFactory.create(handle="zainab").user
    membership = moderation.invite(moderator, circle, "zainab")
    assert membership is not None
    client.force_login(moderator)
    queue = client.get(reverse("community:queue", args=[circle.slug])).content.decode()
    assert "@zainab" in queue
    response = client.post(
        reverse("community:withdraw_invitation", args=[circle.slug, membership.pk]), follow=True
    )
    assert "The invitation is withdrawn." in response.content.decode()
    assert not Membership.objects.filter(user=invited).exists()
    assert list(ModerationAction.objects.values_list("kind", flat=True)) == [
        "withdraw_invitation",
        "invite",
    ]
    client.force_login(invited)
    assert client.get(reverse("community:community", args=[circle.slug])).status_code == 404


def test_inviting_again_tells_no_one_twice_and_a_request_to_join_is_accepted(
    circle: Community,
) -> None:
    moderator = ModeratorFactory.create(community=circle).user
    invited = MemberProfileFactory.create(handle="zainab").user
    moderation.invite(moderator, circle, "zainab")
    moderation.invite(moderator, circle, "@zainab")
    assert Notice.objects.filter(person=invited, kind="invitation").count() == 1
    open_by_request = CommunityFactory.create(access=Community.Access.REQUEST)
    ModeratorFactory.create(community=open_by_request, user=moderator)
    asker = MemberProfileFactory.create(handle="asker").user
    memberships.join(asker, open_by_request)
    membership = moderation.invite(moderator, open_by_request, "asker")
    assert membership is not None and membership.status == "active"


@pytest.mark.parametrize(
    ("who", "error", "code"),
    [
        ("", ValidationFailed, "invalid_input"),
        ("   ", ValidationFailed, "invalid_input"),
        ("x" * 255, ValidationFailed, "invalid_input"),
        ("@nobody-here", ValidationFailed, "unknown_handle"),
        ("@member-of-it", Conflict, "already_in_community"),
    ],
)
def test_bad_invitations_change_nothing(
    circle: Community, who: str, error: type[PraxisError], code: str
) -> None:
    moderator = ModeratorFactory.create(community=circle).user
    MembershipFactory.create(community=circle, profile="member-of-it")
    before = Membership.objects.count()
    with pytest.raises(error) as refused:
        moderation.invite(moderator, circle, who)
    assert refused.value.code == code
    assert Membership.objects.count() == before
    assert not Notice.objects.filter(kind="invitation").exists()


def test_only_the_communitys_moderators_invite_and_course_spaces_take_no_invitations(
    client: Client, circle: Community
) -> None:
    member = MembershipFactory.create(community=circle).user
    MemberProfileFactory.create(handle="zainab")
    with pytest.raises(PermissionDenied):
        moderation.invite(member, circle, "zainab")
    other = ModeratorFactory.create().user  # moderates another community
    client.force_login(other)
    response = client.post(reverse("community:invite", args=[circle.slug]), {"who": "zainab"})
    assert response.status_code == 404  # they cannot even see it
    space = memberships.ensure_course_space(CourseFactory.create())
    staff = UserFactory.create(is_staff=True)
    with pytest.raises(ValidationFailed) as refused:
        moderation.invite(staff, space, "zainab")
    assert refused.value.code == "membership_closed"
    assert not Membership.objects.filter(status="invited").exists()


# API


def test_api_invite_accept_and_leave(api_client: SchemaCheckedClient, circle: Community) -> None:
    moderator = ModeratorFactory.create(community=circle).user
    invited = MemberProfileFactory.create(handle="zainab").user
    api_client.force_login(moderator)
    response = api_client.post(
        f"/api/v1/communities/{circle.slug}/invitations", data={"who": "@zainab"}
    )
    assert response.status_code == 200
    api_client.force_login(invited)
    joined = api_client.post(f"/api/v1/communities/{circle.slug}/membership")
    assert joined.json() == {"status": "active", "role": "member"}
    again = api_client.post(f"/api/v1/communities/{circle.slug}/membership")
    assert again.status_code == 409
    assert api_client.delete(f"/api/v1/communities/{circle.slug}/membership").status_code == 204
    assert Membership.objects.get(user=invited).status == "left"


def test_api_refuses_invitations_from_members_and_withdraws_only_here(
    api_client: SchemaCheckedClient, circle: Community
) -> None:
    member = MembershipFactory.create(community=circle).user
    MemberProfileFactory.create(handle="zainab")
    api_client.force_login(member)
    response = api_client.post(
        f"/api/v1/communities/{circle.slug}/invitations", data={"who": "zainab"}
    )
    assert response.status_code == 403
    elsewhere = CommunityFactory.create()
    moderator = ModeratorFactory.create(community=elsewhere).user
    invitation = moderation.invite(ModeratorFactory.create(community=circle).user, circle, "zainab")
    assert invitation is not None
    api_client.force_login(moderator)
    response = api_client.delete(
        f"/api/v1/communities/{elsewhere.slug}/invitations/{invitation.pk}"
    )
    assert response.status_code == 404
    response = api_client.post(
        f"/api/v1/communities/{elsewhere.slug}/invitations", data={"who": 12}
    )
    assert response.status_code == 400
    assert Membership.objects.filter(status="invited").count() == 1


# Opening a community


def test_a_partners_admin_opens_a_community_hosted_by_their_organisation(
    client: Client,
) -> None:
    organisation = OrganisationFactory.create(name="Moi University")
    admin = UserFactory.create()
    PartnerMembership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
    client.force_login(admin)
    assert "Open a community" in client.get(reverse("community:communities")).content.decode()
    response = client.post(
        reverse("community:open"),
        {
            "host": organisation.pk,
            "name": "Midwives of western Kenya",
            "description": "For midwives trained at Moi.",
            "kind": "region",
            "access": "invitation",
            "languages": "en, fr",
        },
        follow=True,
    )
    assert "The community is open; you are its moderator." in response.content.decode()
    community = Community.objects.get(name="Midwives of western Kenya")
    assert community.host == organisation and community.languages == ["en", "fr"]
    assert Membership.objects.get(community=community).role == "moderator"
    assert client.get(reverse("community:queue", args=[community.slug])).status_code == 200


@pytest.mark.parametrize(
    "change",
    [
        {"name": "x"},
        {"kind": "course"},
        {"access": "secret"},
        {"languages": ""},
        {"languages": "xx"},
        {"host": "999999"},
    ],
)
def test_bad_community_openings_change_nothing(client: Client, change: dict[str, object]) -> None:
    organisation = OrganisationFactory.create()
    admin = UserFactory.create()
    PartnerMembership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
    client.force_login(admin)
    data = {
        "host": organisation.pk,
        "name": "Midwives",
        "kind": "region",
        "access": "open",
        "languages": "en",
        **change,
    }
    assert client.post(reverse("community:open"), data).status_code == 400
    assert not Community.objects.exists()


def test_a_host_cannot_open_a_second_community_of_the_same_name(client: Client) -> None:
    moi, other = OrganisationFactory.create(), OrganisationFactory.create()
    admin = UserFactory.create()
    for organisation in (moi, other):
        PartnerMembership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
    client.force_login(admin)
    data = {"host": moi.pk, "name": "Midwives of Kisumu", "kind": "region", "access": "open"}
    assert client.post(reverse("community:open"), {**data, "languages": "en"}).status_code == 302
    # The same name again, in other case and with an accent: refused beside the name.
    again = {**data, "name": "  MIDWIVES of Kisumú ", "languages": "en"}
    response = client.post(reverse("community:open"), again)
    assert response.status_code == 409
    error = response.text.split('id="id_name_error">')[1].split("</p>")[0]
    assert error == "This organisation already hosts a community of this name: choose another name."
    assert 'value="  MIDWIVES of Kisumú "' in response.text  # as typed
    # With another problem, both are told at once.
    both = client.post(reverse("community:open"), {**again, "languages": "xx"})
    assert both.status_code == 400
    assert 'id="id_name_error"' in both.text and 'id="id_languages_error"' in both.text
    assert Community.objects.filter(host=moi).count() == 1
    # Another organisation may host a community of that name.
    elsewhere = {**data, "host": other.pk, "languages": "en"}
    assert client.post(reverse("community:open"), elsewhere).status_code == 302
    assert Community.objects.count() == 2


def test_the_api_refuses_a_second_community_of_the_same_name_for_a_host(
    api_client: SchemaCheckedClient,
) -> None:
    organisation = OrganisationFactory.create(slug="moi-university")
    admin = UserFactory.create()
    PartnerMembership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
    api_client.force_login(admin)
    data = {"host": "moi-university", "name": "Midwives", "languages": ["en"]}
    assert api_client.post("/api/v1/communities", data=data).status_code == 201
    again = api_client.post("/api/v1/communities", data={**data, "name": "midwives"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "community_exists"
    assert "name" in again.json()["error"]["fields"]
    assert Community.objects.count() == 1


def test_only_partner_admins_and_staff_open_communities_and_for_their_own_organisation(
    client: Client,
) -> None:
    client.force_login(UserFactory.create())
    assert client.get(reverse("community:open")).status_code == 403
    mine, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    author = UserFactory.create()
    PartnerMembership.objects.create(user=author, organisation=mine, role=Role.AUTHOR)
    client.force_login(author)
    assert client.get(reverse("community:open")).status_code == 403
    admin = UserFactory.create()
    PartnerMembership.objects.create(user=admin, organisation=mine, role=Role.ADMIN)
    with pytest.raises(PermissionDenied):
        memberships.open_community(
            admin,
            theirs,
            name="Not ours",
            description="",
            kind="topic",
            access="open",
            languages=["en"],
        )
    assert not Community.objects.exists()


def test_api_opens_a_community_for_a_partners_admin_only(api_client: SchemaCheckedClient) -> None:
    organisation = OrganisationFactory.create(slug="moi-university")
    admin = UserFactory.create()
    PartnerMembership.objects.create(user=admin, organisation=organisation, role=Role.ADMIN)
    data = {"host": "moi-university", "name": "Midwives", "languages": ["en", "ar"]}
    api_client.force_login(UserFactory.create())
    assert api_client.post("/api/v1/communities", data=data).status_code == 403
    assert api_client.post("/api/v1/communities", data={**data, "host": "x"}).status_code == 404
    api_client.force_login(admin)
    bad = api_client.post("/api/v1/communities", data={**data, "name": "x"})
    assert bad.status_code == 400 and "name" in bad.json()["error"]["fields"]
    assert not Community.objects.exists()
    opened = api_client.post("/api/v1/communities", data=data)
    assert opened.status_code == 201
    assert opened.json()["languages"] == ["en", "ar"]
    assert Membership.objects.get(community__slug=opened.json()["slug"]).role == "moderator"


def test_opening_the_invitations_address_leads_a_moderator_to_where_they_are_sent(
    client: Client, circle: Community
) -> None:
    moderator = ModeratorFactory.create(community=circle).user
    client.force_login(moderator)
    opened = client.get(reverse("community:invite", args=[circle.slug]))
    assert opened.status_code == 302
    assert opened["Location"] == reverse("community:queue", args=[circle.slug]) + "#invite-title"
    assert "Invite someone" in client.get(opened["Location"]).content.decode()
    client.force_login(UserFactory.create())
    # A closed circle is hidden from people outside it.
    assert client.get(reverse("community:invite", args=[circle.slug])).status_code == 404


BELL_COUNT = '<span class="count">'


def test_accepting_an_invitation_marks_its_notice_read_and_the_bell_stops_counting_it(
    client: Client, circle: Community
) -> None:
    moderator = ModeratorFactory.create(community=circle).user
    invited = MemberProfileFactory.create(handle="marie").user
    moderation.invite(moderator, circle, "marie")
    client.force_login(invited)
    page = client.get(reverse("community:community", args=[circle.slug])).content.decode()
    assert f'{BELL_COUNT}1<span class="visually-hidden"> unread</span>' in page
    response = client.post(reverse("community:join", args=[circle.slug]), follow=True)
    page = response.content.decode()
    assert "Welcome! You are now a member of this community." in page
    assert BELL_COUNT not in page
    (notice,) = Notice.objects.filter(person=invited, kind="invitation")
    assert notice.read_at is not None
    centre = client.get(reverse("notifications:centre")).content.decode()
    assert "0 unread notifications" in centre


def test_declining_an_invitation_marks_its_notice_read(client: Client, circle: Community) -> None:
    moderator = ModeratorFactory.create(community=circle).user
    invited = MemberProfileFactory.create(handle="marie").user
    moderation.invite(moderator, circle, "marie")
    client.force_login(invited)
    response = client.post(reverse("community:leave", args=[circle.slug]), follow=True)
    assert "You declined the invitation." in response.content.decode()
    assert BELL_COUNT not in response.content.decode()
    assert Notice.objects.get(person=invited, kind="invitation").read_at is not None


def test_accepting_through_the_api_marks_only_the_invitations_notice_read(
    api_client: SchemaCheckedClient, circle: Community
) -> None:
    moderator = ModeratorFactory.create(community=circle).user
    invited = MemberProfileFactory.create(handle="marie").user
    other = CommunityFactory.create(access=Community.Access.INVITATION)
    moderation.invite(ModeratorFactory.create(community=other).user, other, "marie")
    moderation.invite(moderator, circle, "marie")
    api_client.force_login(invited)
    assert api_client.get("/api/v1/me/notifications").json()["unread"] == 2
    api_client.post(f"/api/v1/communities/{circle.slug}/membership")
    listed = api_client.get("/api/v1/me/notifications").json()
    assert listed["unread"] == 1
    unread = [item for item in listed["items"] if not item["read"]]
    assert [item["link"] for item in unread] == [reverse("community:community", args=[other.slug])]
