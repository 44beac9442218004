"""The partner API beyond the directory: memberships, invitations, the organisation's page,
networks, partnerships and the CSV import, under the same rules as the pages. Every response
is checked against the OpenAPI document; a refusal changes nothing."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoCaptureOnCommitCallbacks

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.organisations.memberships import invitation_token
from praxis.organisations.models import (
    Invitation,
    Membership,
    NetworkMember,
    Organisation,
    Partnership,
    Role,
)
from praxis.organisations.tests.factories import (
    MembershipFactory,
    NetworkFactory,
    NetworkMemberFactory,
    OrganisationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def _login(api_client: SchemaCheckedClient, user: User) -> User:
    api_client.client.force_login(user)
    return user


def _admin_of(organisation: Organisation) -> User:
    return MembershipFactory.create(organisation=organisation, role=Role.ADMIN).user


# Memberships


def test_request_to_join_then_an_admin_approves_and_changes_the_role(
    api_client: SchemaCheckedClient,
) -> None:
    organisation = OrganisationFactory.create(slug="nairobi-nursing")
    admin = _admin_of(organisation)
    learner = _login(api_client, UserFactory.create(full_name="Amina Odhiambo"))

    asked = api_client.post("/api/v1/partners/nairobi-nursing/membership-requests")
    assert asked.status_code == 201
    assert asked.json()["status"] == "requested"
    again = api_client.post("/api/v1/partners/nairobi-nursing/membership-requests")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_member"

    _login(api_client, admin)
    people = api_client.get("/api/v1/partners/nairobi-nursing/members").json()
    request_id = next(p["id"] for p in people if p["name"] == "Amina Odhiambo")
    decided = api_client.post(
        f"/api/v1/partners/nairobi-nursing/members/{request_id}/decision", data={"approve": True}
    )
    assert decided.json()["status"] == "active"
    promoted = api_client.patch(
        f"/api/v1/partners/nairobi-nursing/members/{request_id}", data={"role": "author"}
    )
    assert promoted.json()["role"] == "author"
    assert Membership.objects.get(user=learner, organisation=organisation).role == Role.AUTHOR


def test_a_member_who_is_not_admin_cannot_see_or_decide_the_organisations_people(
    api_client: SchemaCheckedClient,
) -> None:
    organisation = OrganisationFactory.create(slug="lagos-health")
    asking = MembershipFactory.create(organisation=organisation, status=Membership.Status.REQUESTED)
    _login(api_client, MembershipFactory.create(organisation=organisation, role=Role.AUTHOR).user)

    listed = api_client.get("/api/v1/partners/lagos-health/members")
    decided = api_client.post(
        f"/api/v1/partners/lagos-health/members/{asking.pk}/decision", data={"approve": True}
    )
    removed = api_client.delete(f"/api/v1/partners/lagos-health/members/{asking.pk}")
    assert [listed.status_code, decided.status_code, removed.status_code] == [403, 403, 403]
    assert decided.json()["error"]["code"] == "permission_denied"
    asking.refresh_from_db()
    assert asking.status == Membership.Status.REQUESTED


def test_anonymous_callers_are_asked_to_log_in(api_client: SchemaCheckedClient) -> None:
    OrganisationFactory.create(slug="accra-public-health")
    response = api_client.post("/api/v1/partners/accra-public-health/membership-requests")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert not Membership.objects.exists()


def test_bad_role_is_refused_with_the_field_named(api_client: SchemaCheckedClient) -> None:
    organisation = OrganisationFactory.create(slug="dakar-institute")
    member = MembershipFactory.create(organisation=organisation)
    _login(api_client, _admin_of(organisation))
    response = api_client.patch(
        f"/api/v1/partners/dakar-institute/members/{member.pk}", data={"role": "emperor"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"
    assert "role" in response.json()["error"]["fields"]
    member.refresh_from_db()
    assert member.role == Role.MEMBER


def test_member_hides_themselves_then_leaves_and_cannot_touch_anothers(
    api_client: SchemaCheckedClient,
) -> None:
    mine = MembershipFactory.create(listed=True)
    someone_elses = MembershipFactory.create(listed=True)
    _login(api_client, mine.user)

    listed = api_client.get("/api/v1/me/memberships").json()
    assert [m["id"] for m in listed] == [mine.pk]
    hidden = api_client.patch(f"/api/v1/me/memberships/{mine.pk}", data={"listed": False})
    assert hidden.json()["listed"] is False
    other = api_client.patch(f"/api/v1/me/memberships/{someone_elses.pk}", data={"listed": False})
    assert other.status_code == 404
    bad = api_client.patch(f"/api/v1/me/memberships/{mine.pk}", data={"listed": "perhaps"})
    assert bad.status_code == 400
    left = api_client.delete(f"/api/v1/me/memberships/{mine.pk}")
    assert left.json()["status"] == "ended"
    assert api_client.get("/api/v1/me/memberships").json() == []
    someone_elses.refresh_from_db()
    assert someone_elses.listed is True


# Invitations


def test_admin_invites_and_the_invited_person_accepts_once(
    api_client: SchemaCheckedClient,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    organisation = OrganisationFactory.create(slug="manila-centre")
    _login(api_client, _admin_of(organisation))
    with django_capture_on_commit_callbacks(execute=True):
        sent = api_client.post(
            "/api/v1/partners/manila-centre/invitations",
            data={"email": "Reviewer@Example.org", "role": "reviewer"},
        )
    assert sent.status_code == 201
    assert sent.json()["email"] == "reviewer@example.org"
    assert len(mail.outbox) == 1

    token = invitation_token(Invitation.objects.get())
    invited = _login(api_client, UserFactory.create(email="reviewer@example.org"))
    shown = api_client.get(f"/api/v1/partner-invitations/{token}").json()
    assert shown["organisation"] == "manila-centre"
    accepted = api_client.post(f"/api/v1/partner-invitations/{token}/acceptance")
    assert accepted.json()["role"] == "reviewer"
    assert Membership.objects.get(user=invited).role == Role.REVIEWER
    used = api_client.post(f"/api/v1/partner-invitations/{token}/acceptance")
    assert used.status_code == 409
    assert used.json()["error"]["code"] == "invitation_used"
    assert api_client.get("/api/v1/partner-invitations/forged").status_code == 404


def test_inviting_a_member_to_the_role_they_have_is_refused_as_already_member(
    api_client: SchemaCheckedClient,
) -> None:
    organisation = OrganisationFactory.create(slug="accra-centre")
    MembershipFactory.create(
        organisation=organisation, role=Role.REVIEWER, user__email="kofi@example.org"
    )
    _login(api_client, _admin_of(organisation))
    refused = api_client.post(
        "/api/v1/partners/accra-centre/invitations",
        data={"email": "kofi@example.org", "role": "reviewer"},
    )
    assert refused.status_code == 409
    error = refused.json()["error"]
    assert error["code"] == "already_member"
    assert error["fields"] == {"email": ["This person is already a member."]}
    assert not Invitation.objects.exists()


def test_invitations_need_an_admin_and_a_valid_address(api_client: SchemaCheckedClient) -> None:
    organisation = OrganisationFactory.create(slug="lima-school")
    _login(api_client, MembershipFactory.create(organisation=organisation).user)
    refused = api_client.post(
        "/api/v1/partners/lima-school/invitations", data={"email": "a@example.org"}
    )
    assert refused.status_code == 403
    _login(api_client, _admin_of(organisation))
    bad = api_client.post("/api/v1/partners/lima-school/invitations", data={"email": "nobody"})
    assert bad.status_code == 400
    assert "email" in bad.json()["error"]["fields"]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_admin_lists_and_withdraws_invitations_and_others_cannot(
    api_client: SchemaCheckedClient,
) -> None:
    organisation = OrganisationFactory.create(slug="dakar-school")
    admin = _admin_of(organisation)
    member = MembershipFactory.create(organisation=organisation).user
    other = OrganisationFactory.create(slug="kampala-school")
    _login(api_client, admin)
    api_client.post("/api/v1/partners/dakar-school/invitations", data={"email": "a@example.org"})
    api_client.post(
        "/api/v1/partners/dakar-school/invitations",
        data={"email": "b@example.org", "role": "reviewer"},
    )
    old = Invitation.objects.get(email="a@example.org")
    Invitation.objects.filter(pk=old.pk).update(
        expires_at=old.expires_at - datetime.timedelta(days=30)
    )
    waiting = api_client.get("/api/v1/partners/dakar-school/invitations")
    assert waiting.status_code == 200
    shown = {row["email"]: row for row in waiting.json()}
    assert set(shown) == {"a@example.org", "b@example.org"}
    assert shown["a@example.org"]["expired"] is True
    assert shown["b@example.org"]["expired"] is False
    assert shown["b@example.org"]["role"] == "reviewer"
    assert shown["b@example.org"]["invited_by"] == admin.full_name

    # A member who is not an admin neither sees nor withdraws them.
    _login(api_client, member)
    assert api_client.get("/api/v1/partners/dakar-school/invitations").status_code == 403
    refused = api_client.delete(f"/api/v1/partners/dakar-school/invitations/{old.pk}")
    assert refused.status_code == 403
    # Named under another organisation, the invitation is not found.
    _login(api_client, _admin_of(other))
    assert (
        api_client.delete(f"/api/v1/partners/kampala-school/invitations/{old.pk}").status_code
        == 404
    )
    assert Invitation.objects.count() == 2

    _login(api_client, admin)
    gone = api_client.delete(f"/api/v1/partners/dakar-school/invitations/{old.pk}")
    assert gone.status_code == 204
    token = invitation_token(Invitation.objects.get(email="b@example.org"))
    assert [
        row["email"] for row in api_client.get("/api/v1/partners/dakar-school/invitations").json()
    ] == ["b@example.org"]
    again = api_client.delete(f"/api/v1/partners/dakar-school/invitations/{old.pk}")
    assert again.status_code == 404

    # An accepted invitation is no longer waiting, and cannot be withdrawn.
    accepted = Invitation.objects.get(email="b@example.org")
    _login(api_client, UserFactory.create(email="b@example.org"))
    assert api_client.post(f"/api/v1/partner-invitations/{token}/acceptance").status_code == 200
    _login(api_client, admin)
    assert api_client.get("/api/v1/partners/dakar-school/invitations").json() == []
    used = api_client.delete(f"/api/v1/partners/dakar-school/invitations/{accepted.pk}")
    assert used.status_code == 409
    assert used.json()["error"]["code"] == "invitation_used"


# The organisation's description


def test_admin_updates_the_description_and_others_cannot(api_client: SchemaCheckedClient) -> None:
    organisation = OrganisationFactory.create(slug="cairo-institute", name="Cairo Institute")
    _login(api_client, UserFactory.create())
    assert (
        api_client.patch("/api/v1/partners/cairo-institute", data={"name": "Mine"}).status_code
        == 403
    )
    _login(api_client, _admin_of(organisation))
    bad = api_client.patch("/api/v1/partners/cairo-institute", data={"website": "javascript:1"})
    assert bad.status_code == 400
    assert "website" in bad.json()["error"]["fields"]
    blank = api_client.patch("/api/v1/partners/cairo-institute", data={"name": "  "})
    assert blank.status_code == 400
    changed = api_client.patch(
        "/api/v1/partners/cairo-institute",
        data={"description": "Nursing education for the region.", "topics": ["nursing", " "]},
    )
    assert changed.status_code == 200
    assert changed.json()["description"] == "Nursing education for the region."
    assert changed.json()["topics"] == ["nursing"]
    assert Organisation.objects.get(pk=organisation.pk).name == "Cairo Institute"


def test_a_logo_that_is_not_an_image_is_refused(api_client: SchemaCheckedClient) -> None:
    organisation = OrganisationFactory.create(slug="hanoi-college")
    _login(api_client, _admin_of(organisation))
    response = api_client.client.post(
        "/api/v1/partners/hanoi-college/logo",
        {"logo": SimpleUploadedFile("logo.png", b"not a picture", content_type="image/png")},
    )
    api_client.check("post", "/api/v1/partners/hanoi-college/logo", response)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_image"
    organisation.refresh_from_db()
    assert not organisation.logo


# Networks


def test_networks_are_listed_with_current_and_former_members(
    api_client: SchemaCheckedClient,
) -> None:
    network = NetworkFactory.create(slug="primary-care", name="Primary Care Network")
    NetworkMemberFactory.create(network=network, organisation__slug="now-in")
    NetworkMemberFactory.create(
        network=network, organisation__slug="gone", left_on=datetime.date(2025, 1, 1)
    )
    listed = api_client.get("/api/v1/networks").json()
    assert [(n["slug"], n["current_members"]) for n in listed] == [("primary-care", 1)]
    detail = api_client.get("/api/v1/networks/primary-care").json()
    assert [m["organisation"] for m in detail["members"]] == ["now-in"]
    assert [m["organisation"] for m in detail["former_members"]] == ["gone"]
    assert api_client.get("/api/v1/networks/none").status_code == 404


def test_only_staff_add_organisations_to_a_network_or_take_them_out(
    api_client: SchemaCheckedClient,
) -> None:
    network = NetworkFactory.create(slug="emergency-care")
    OrganisationFactory.create(slug="joining")
    _login(api_client, UserFactory.create())
    denied = api_client.post(
        "/api/v1/networks/emergency-care/members", data={"organisation": "joining"}
    )
    assert denied.status_code == 403
    _login(api_client, StaffFactory.create())
    unknown = api_client.post(
        "/api/v1/networks/emergency-care/members", data={"organisation": "nobody"}
    )
    assert unknown.status_code == 400
    assert "organisation" in unknown.json()["error"]["fields"]
    joined = api_client.post(
        "/api/v1/networks/emergency-care/members",
        data={"organisation": "joining", "joined_on": "2026-01-05"},
    )
    assert joined.status_code == 201
    assert [m["organisation"] for m in joined.json()["members"]] == ["joining"]
    twice = api_client.post(
        "/api/v1/networks/emergency-care/members", data={"organisation": "joining"}
    )
    assert twice.status_code == 409
    early = api_client.post(
        "/api/v1/networks/emergency-care/members/joining/departure",
        data={"left_on": "2025-01-01"},
    )
    assert early.status_code == 400
    left = api_client.post("/api/v1/networks/emergency-care/members/joining/departure", data={})
    assert left.json()["members"] == []
    assert NetworkMember.objects.get(network=network).left_on is not None


# Partnerships


def test_an_admin_proposes_a_partnership_and_staff_move_it_along(
    api_client: SchemaCheckedClient,
) -> None:
    organisation = OrganisationFactory.create(slug="kampala-university")
    OrganisationFactory.create(slug="partner-ngo")
    _login(api_client, _admin_of(organisation))
    proposed = api_client.post(
        "/api/v1/partners/kampala-university/partnerships",
        data={
            "type": "co_creation",
            "title": "Midwifery course",
            "other_organisation": "partner-ngo",
        },
    )
    assert proposed.status_code == 201
    assert proposed.json()["status"] == "proposed"
    uuid = proposed.json()["uuid"]
    assert api_client.get("/api/v1/partners/kampala-university/partnerships").json() == []
    not_staff = api_client.post(
        f"/api/v1/partnerships/{uuid}/status", data={"status": "under_review"}
    )
    assert not_staff.status_code == 403

    _login(api_client, StaffFactory.create())
    skipped = api_client.post(f"/api/v1/partnerships/{uuid}/status", data={"status": "expired"})
    assert skipped.status_code == 409
    assert skipped.json()["error"]["code"] == "invalid_transition"
    for status in ("under_review", "active"):
        moved = api_client.post(f"/api/v1/partnerships/{uuid}/status", data={"status": status})
        assert moved.json()["status"] == status
    shown = api_client.get("/api/v1/partners/partner-ngo/partnerships").json()
    assert [p["title"] for p in shown] == ["Midwifery course"]


def test_a_partnership_proposal_with_bad_input_or_by_an_outsider_writes_nothing(
    api_client: SchemaCheckedClient,
) -> None:
    organisation = OrganisationFactory.create(slug="quito-school")
    PartnershipFactory.create(organisation=organisation, status=Partnership.Status.ACTIVE)
    _login(api_client, UserFactory.create())
    outsider = api_client.post(
        "/api/v1/partners/quito-school/partnerships", data={"type": "mou", "title": "Ours"}
    )
    assert outsider.status_code == 403
    _login(api_client, _admin_of(organisation))
    backwards = api_client.post(
        "/api/v1/partners/quito-school/partnerships",
        data={
            "type": "mou",
            "title": "Backwards",
            "starts_on": "2026-05-01",
            "ends_on": "2026-01-01",
        },
    )
    assert backwards.status_code == 400
    assert "ends_on" in backwards.json()["error"]["fields"]
    wrong_kind = api_client.post(
        "/api/v1/partners/quito-school/partnerships", data={"type": "merger", "title": "No"}
    )
    assert wrong_kind.status_code == 400
    assert Partnership.objects.count() == 1


# The CSV import


CSV = "name,type,country\nAccra Institute of Public Health,university,GH\n"


def test_staff_preview_then_import_a_csv_and_others_are_refused(
    api_client: SchemaCheckedClient,
) -> None:
    _login(api_client, UserFactory.create())
    assert api_client.post("/api/v1/partner-imports", data={"text": CSV}).status_code == 403
    _login(api_client, StaffFactory.create())
    preview = api_client.post("/api/v1/partner-imports", data={"text": CSV}).json()
    assert preview["valid"] is True
    assert preview["imported"] is False
    assert not Organisation.objects.exists()
    bad = api_client.post(
        "/api/v1/partner-imports", data={"text": CSV.replace("GH", "XX"), "confirm": True}
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "csv_invalid_rows"
    assert not Organisation.objects.exists()
    done = api_client.post("/api/v1/partner-imports", data={"text": CSV, "confirm": True})
    assert done.json()["imported"] is True
    assert Organisation.objects.get().slug == "accra-institute-of-public-health"


def test_lists_take_as_many_queries_for_many_rows_as_for_one(
    api_client: SchemaCheckedClient,
) -> None:
    organisation = OrganisationFactory.create(slug="many-people")
    _login(api_client, _admin_of(organisation))
    network = NetworkFactory.create(slug="many-members")

    def counted(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api_client.get(path).status_code == 200
        return len(queries.captured_queries)

    paths = ("/api/v1/partners/many-people/members", "/api/v1/networks/many-members")
    before = [counted(path) for path in paths]
    for _ in range(3):
        MembershipFactory.create(organisation=organisation, status=Membership.Status.REQUESTED)
        NetworkMemberFactory.create(network=network)
    assert [counted(path) for path in paths] == before


def test_the_last_admin_cannot_demote_or_remove_themselves_or_leave(
    api_client: SchemaCheckedClient,
) -> None:
    organisation = OrganisationFactory.create(slug="kampala-midwives")
    sole = MembershipFactory.create(organisation=organisation, role=Role.ADMIN)
    _login(api_client, sole.user)
    demoted = api_client.patch(
        f"/api/v1/partners/kampala-midwives/members/{sole.pk}", data={"role": "member"}
    )
    removed = api_client.delete(f"/api/v1/partners/kampala-midwives/members/{sole.pk}")
    left = api_client.delete(f"/api/v1/me/memberships/{sole.pk}")
    for response in (demoted, removed, left):
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "last_admin"
    sole.refresh_from_db()
    assert (sole.role, sole.status) == (Role.ADMIN, Membership.Status.ACTIVE)
