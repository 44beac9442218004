"""Organisations: centres, partnerships, networks, membership and invitations."""

import datetime
import io
import re
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    ValidationFailed,
)
from praxis.organisations import memberships, services
from praxis.organisations.models import (
    CollaboratingCentre,
    Invitation,
    Membership,
    Organisation,
    Partnership,
    Role,
    term_end,
)
from praxis.organisations.tests.factories import (
    CollaboratingCentreFactory,
    MembershipFactory,
    NetworkFactory,
    OrganisationFactory,
    PartnershipFactory,
)

pytestmark = pytest.mark.django_db


def _png(size: int = 32, fmt: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), "teal").save(buffer, fmt)
    return SimpleUploadedFile(f"logo.{fmt.lower()}", buffer.getvalue())


# Collaborating Centres


def test_centre_terms_last_four_years_from_the_latest_designation() -> None:
    assert term_end(datetime.date(2022, 5, 1), None) == datetime.date(2026, 5, 1)
    assert term_end(datetime.date(2018, 5, 1), datetime.date(2024, 2, 29)) == datetime.date(
        2028, 2, 29
    )
    # 2100 is not a leap year: the term ends on 28 February
    assert term_end(datetime.date(2096, 2, 29), None) == datetime.date(2100, 2, 28)


def test_centre_status_follows_the_dates() -> None:
    centre = CollaboratingCentreFactory.create(designated_on=datetime.date(2022, 1, 10))
    assert centre.expires_on == datetime.date(2026, 1, 10)
    assert centre.status_on(datetime.date(2024, 1, 1)) == CollaboratingCentre.Status.ACTIVE
    assert centre.status_on(datetime.date(2025, 10, 1)) == CollaboratingCentre.Status.PENDING
    assert centre.status_on(datetime.date(2026, 1, 10)) == CollaboratingCentre.Status.EXPIRED


def test_redesignation_starts_a_new_term() -> None:
    centre = CollaboratingCentreFactory.create(designated_on=datetime.date(2021, 6, 1))
    services.redesignate_centre(centre, datetime.date(2025, 6, 1), StaffFactory.create())
    centre.refresh_from_db()
    assert centre.expires_on == datetime.date(2029, 6, 1)


def test_designating_a_taken_reference_number_is_refused() -> None:
    CollaboratingCentreFactory.create(reference_number="GBR-12")
    other = OrganisationFactory.create()
    with pytest.raises(ValidationFailed) as refused:
        services.designate_centre(
            other,
            StaffFactory.create(),
            reference_number="gbr-12",
            title="Centre",
            designated_on=datetime.date(2024, 1, 1),
        )
    assert "reference_number" in refused.value.fields
    assert not CollaboratingCentre.objects.filter(organisation=other).exists()


def test_only_staff_designate_centres() -> None:
    organisation = OrganisationFactory.create()
    admin = MembershipFactory.create(organisation=organisation, role=Role.ADMIN).user
    with pytest.raises(PermissionDenied):
        services.designate_centre(
            organisation,
            admin,
            reference_number="KEN-99",
            title="Centre",
            designated_on=datetime.date(2024, 1, 1),
        )


# Partnerships


def test_partnership_moves_through_its_lifecycle_with_history() -> None:
    staff = StaffFactory.create()
    organisation = OrganisationFactory.create()
    partnership = services.propose_partnership(
        organisation, staff, type=Partnership.Type.MOU, title="Memorandum on nursing education"
    )
    services.move_partnership(partnership, Partnership.Status.UNDER_REVIEW, staff)
    services.move_partnership(partnership, Partnership.Status.ACTIVE, staff, "Signed")
    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.ACTIVE
    steps = [(e.from_status, e.to_status, e.by) for e in partnership.events.all()]
    assert steps == [
        ("", "proposed", staff),
        ("proposed", "under_review", staff),
        ("under_review", "active", staff),
    ]


def test_a_terminated_partnership_cannot_be_revived() -> None:
    partnership = PartnershipFactory.create(status=Partnership.Status.TERMINATED)
    with pytest.raises(Conflict) as refused:
        services.move_partnership(partnership, Partnership.Status.ACTIVE, StaffFactory.create())
    assert refused.value.code == ErrorCode.INVALID_TRANSITION
    assert not partnership.events.exists()


def test_partnership_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.propose_partnership(
            OrganisationFactory.create(),
            StaffFactory.create(),
            type="research",
            title="Study",
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2024, 1, 1),
        )
    assert "ends_on" in refused.value.fields
    assert not Partnership.objects.exists()


def test_org_admin_proposes_for_own_organisation_only() -> None:
    mine, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    admin = MembershipFactory.create(organisation=mine, role=Role.ADMIN).user
    services.propose_partnership(mine, admin, type="event", title="Joint workshop")
    with pytest.raises(PermissionDenied):
        services.propose_partnership(theirs, admin, type="event", title="Joint workshop")


# Networks


def test_members_join_and_leave_networks_over_time() -> None:
    staff, network, organisation = (
        StaffFactory.create(),
        NetworkFactory.create(),
        OrganisationFactory.create(),
    )
    services.join_network(network, organisation, staff, on=datetime.date(2023, 1, 1))
    with pytest.raises(Conflict):
        services.join_network(network, organisation, staff)
    services.leave_network(network, organisation, staff, on=datetime.date(2024, 6, 30))
    services.join_network(network, organisation, staff, on=datetime.date(2025, 1, 1))
    spans = [(m.joined_on.year, m.left_on) for m in network.members.all()]
    assert spans == [(2023, datetime.date(2024, 6, 30)), (2025, None)]


# Logos


def test_logo_must_be_a_small_image() -> None:
    organisation = OrganisationFactory.create()
    staff = StaffFactory.create()
    with pytest.raises(ValidationFailed) as not_image:
        services.set_logo(organisation, SimpleUploadedFile("logo.png", b"<svg/>"), staff)
    assert not_image.value.code == ErrorCode.INVALID_IMAGE
    with pytest.raises(PayloadTooLarge):
        services.set_logo(
            organisation, SimpleUploadedFile("logo.png", b"x" * (200 * 1024 + 1)), staff
        )
    with pytest.raises(ValidationFailed):
        services.set_logo(organisation, _png(size=2000), staff)
    organisation.refresh_from_db()
    assert not organisation.logo
    services.set_logo(organisation, _png(), staff)
    organisation.refresh_from_db()
    assert str(organisation.logo.name).startswith("organisation-logos/")


def test_a_logo_is_stored_under_a_new_name_with_the_extension_of_what_it_is() -> None:
    organisation = OrganisationFactory.create()
    gif = _png(fmt="GIF").read() + b"<html><script>alert(document.cookie)</script></html>"

    services.set_logo(organisation, SimpleUploadedFile("logo.html", gif), StaffFactory.create())

    organisation.refresh_from_db()
    name = organisation.logo.name
    assert name is not None
    assert name.startswith("organisation-logos/") and name.endswith(".png")
    assert "logo" not in name.removeprefix("organisation-logos/")
    with organisation.logo.open("rb") as stored:
        content = stored.read()
    assert b"<script" not in content
    assert Image.open(io.BytesIO(content)).format == "PNG"


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO"])
def test_image_types_a_logo_does_not_need_are_refused(fmt: str) -> None:
    organisation = OrganisationFactory.create()

    with pytest.raises(ValidationFailed) as refused:
        services.set_logo(organisation, _png(fmt=fmt), StaffFactory.create())

    assert refused.value.code == ErrorCode.INVALID_IMAGE
    organisation.refresh_from_db()
    assert not organisation.logo


def test_a_new_logo_replaces_the_old_file(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    organisation = OrganisationFactory.create()
    staff = StaffFactory.create()
    services.set_logo(organisation, _png(), staff)
    old = organisation.logo.name
    assert old is not None

    with django_capture_on_commit_callbacks(execute=True):
        services.set_logo(organisation, _png(fmt="JPEG"), staff)

    assert str(organisation.logo.name).endswith(".jpg")
    assert not organisation.logo.storage.exists(old)


# Membership


def test_invitation_is_emailed_and_accepted_with_its_role(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    organisation = OrganisationFactory.create(name="Lagos Nursing Council")
    admin = MembershipFactory.create(organisation=organisation, role=Role.ADMIN).user
    with django_capture_on_commit_callbacks(execute=True):
        invitation = memberships.invite(organisation, "Nurse@Example.org", Role.AUTHOR, admin)
    assert mail.outbox[0].to == ["nurse@example.org"]
    assert "Lagos Nursing Council" in mail.outbox[0].subject
    found = re.search(r"/partners/invitations/([^/\s]+)/", str(mail.outbox[0].body))
    assert found is not None
    token = found.group(1)
    assert memberships.read_invitation(token) == invitation
    person = UserFactory.create(email="nurse@example.org")
    membership = memberships.accept_invitation(token, person)
    assert (membership.role, membership.status) == (Role.AUTHOR, Membership.Status.ACTIVE)
    with pytest.raises(Conflict) as again:
        memberships.accept_invitation(token, person)
    assert again.value.code == ErrorCode.INVITATION_USED


def _invitation(organisation: Organisation, email: str, role: str) -> str:
    invitation = memberships.invite(organisation, email, role, StaffFactory.create())
    return memberships.invitation_token(invitation)


def test_a_forwarded_invitation_does_not_admit_someone_else() -> None:
    organisation = OrganisationFactory.create()
    token = _invitation(organisation, "director@example.org", Role.ADMIN)
    stranger = UserFactory.create(email="stranger@example.org")
    with pytest.raises(PermissionDenied) as refused:
        memberships.accept_invitation(token, stranger)
    assert refused.value.code == ErrorCode.INVITATION_FOR_ANOTHER_ADDRESS
    assert not Membership.objects.filter(user=stranger).exists()
    # The link still works for the person it was sent to.
    owner = UserFactory.create(email="director@example.org")
    assert memberships.accept_invitation(token, owner).role == Role.ADMIN


def test_an_invitation_needs_the_invited_address_verified() -> None:
    organisation = OrganisationFactory.create()
    token = _invitation(organisation, "new@example.org", Role.MEMBER)
    # Someone who signed up with the address but never proved they read its mail.
    squatter = UserFactory.create(email="new@example.org", email_verified_at=None)
    with pytest.raises(PermissionDenied) as refused:
        memberships.accept_invitation(token, squatter)
    assert refused.value.code == ErrorCode.EMAIL_NOT_VERIFIED
    assert not Membership.objects.filter(user=squatter).exists()


@pytest.mark.parametrize(
    ("current", "invited"), [(Role.ADMIN, Role.MEMBER), (Role.MEMBER, Role.ADMIN)]
)
def test_an_invitation_never_changes_a_members_role_unasked(current: Role, invited: Role) -> None:
    membership = MembershipFactory.create(role=current, user__email="member@example.org")
    token = _invitation(membership.organisation, "member@example.org", invited)
    with pytest.raises(Conflict) as refused:
        memberships.accept_invitation(token, membership.user)
    assert refused.value.code == ErrorCode.INVITATION_CHANGES_ROLE
    assert memberships.invitation_role_change(
        memberships.read_invitation(token), membership.user
    ) == (
        current,
        invited,
    )
    membership.refresh_from_db()
    assert membership.role == current
    assert not Invitation.objects.filter(accepted_at__isnull=False).exists()


def test_a_member_may_keep_their_role_or_take_the_invited_one() -> None:
    kept = MembershipFactory.create(role=Role.ADMIN, user__email="keeps@example.org")
    token = _invitation(kept.organisation, "keeps@example.org", Role.MEMBER)
    assert memberships.accept_invitation(token, kept.user, role_change="keep").role == Role.ADMIN
    taken = MembershipFactory.create(role=Role.MEMBER, user__email="takes@example.org")
    token = _invitation(taken.organisation, "takes@example.org", Role.REVIEWER)
    assert (
        memberships.accept_invitation(token, taken.user, role_change="take").role == Role.REVIEWER
    )
    taken.refresh_from_db()
    assert taken.role == Role.REVIEWER


def test_expired_invitation_is_refused() -> None:
    organisation = OrganisationFactory.create()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email="late@example.org",
        role=Role.MEMBER,
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    person = UserFactory.create()
    with pytest.raises(Conflict) as refused:
        memberships.accept_invitation(memberships.invitation_token(invitation), person)
    assert refused.value.code == ErrorCode.INVITATION_EXPIRED
    assert not Membership.objects.filter(user=person).exists()


def test_forged_invitation_link_is_refused() -> None:
    with pytest.raises(NotFound) as refused:
        memberships.read_invitation("not-a-real-token")
    assert refused.value.code == ErrorCode.INVALID_TOKEN


def test_only_admins_invite() -> None:
    organisation = OrganisationFactory.create()
    author = MembershipFactory.create(organisation=organisation, role=Role.AUTHOR).user
    with pytest.raises(PermissionDenied):
        memberships.invite(organisation, "a@example.org", Role.MEMBER, author)
    assert not Invitation.objects.exists()


def test_invitation_with_bad_address_or_role_is_refused() -> None:
    organisation = OrganisationFactory.create()
    with pytest.raises(ValidationFailed) as refused:
        memberships.invite(organisation, "not an address", "owner", StaffFactory.create())
    assert set(refused.value.fields) == {"email", "role"}


@pytest.mark.parametrize(
    "address", ["nurse@", "@example.org", "nurse@@example.org", "nurse@example"]
)
def test_invitation_to_a_malformed_address_is_refused(address: str) -> None:
    organisation = OrganisationFactory.create()
    with pytest.raises(ValidationFailed) as refused:
        memberships.invite(organisation, address, Role.MEMBER, StaffFactory.create())
    assert refused.value.fields == {"email": ["Enter a valid e-mail address."]}
    assert not Invitation.objects.exists()


def test_request_to_join_is_approved_by_the_organisations_admin() -> None:
    organisation = OrganisationFactory.create()
    admin = MembershipFactory.create(organisation=organisation, role=Role.ADMIN).user
    person = UserFactory.create()
    request = memberships.request_to_join(organisation, person)
    with pytest.raises(Conflict):
        memberships.request_to_join(organisation, person)
    outsider_admin = MembershipFactory.create(role=Role.ADMIN).user
    with pytest.raises(PermissionDenied):
        memberships.decide_request(request, True, outsider_admin)
    memberships.decide_request(request, True, admin)
    request.refresh_from_db()
    assert request.status == Membership.Status.ACTIVE
    assert request.decided_by == admin


def test_only_the_member_chooses_to_be_listed() -> None:
    membership = MembershipFactory.create()
    with pytest.raises(PermissionDenied):
        memberships.set_listed(membership, True, StaffFactory.create())
    memberships.set_listed(membership, True, membership.user)
    membership.refresh_from_db()
    assert membership.listed


def test_admin_changes_roles_but_not_to_unknown_ones() -> None:
    organisation = OrganisationFactory.create()
    admin = MembershipFactory.create(organisation=organisation, role=Role.ADMIN).user
    membership = MembershipFactory.create(organisation=organisation)
    memberships.change_role(membership, Role.REVIEWER, admin)
    with pytest.raises(ValidationFailed):
        memberships.change_role(membership, "superuser", admin)
    membership.refresh_from_db()
    assert membership.role == Role.REVIEWER


def test_leaving_hides_the_member_from_the_page() -> None:
    membership = MembershipFactory.create(listed=True)
    memberships.end_membership(membership, membership.user)
    membership.refresh_from_db()
    assert (membership.status, membership.listed) == (Membership.Status.ENDED, False)


def test_update_refuses_fields_an_admin_may_not_change() -> None:
    organisation = OrganisationFactory.create()
    with pytest.raises(ValidationFailed):
        services.update_organisation(organisation, StaffFactory.create(), slug="hijack")
    with pytest.raises(ValidationFailed):
        services.update_organisation(organisation, StaffFactory.create(), name="  ")
    assert Organisation.objects.get(pk=organisation.pk).slug == organisation.slug


def test_the_last_admin_cannot_demote_remove_or_leave_themselves_and_nothing_changes() -> None:
    organisation = OrganisationFactory.create()
    sole = MembershipFactory.create(organisation=organisation, role=Role.ADMIN, listed=True)
    MembershipFactory.create(organisation=organisation, role=Role.MEMBER)
    staff = StaffFactory.create()
    attempts: list[Callable[[], Membership]] = [
        lambda: memberships.change_role(sole, Role.MEMBER, sole.user),
        lambda: memberships.change_role(sole, Role.MEMBER, staff),
        lambda: memberships.end_membership(sole, sole.user),
        lambda: memberships.end_membership(sole, staff),
    ]
    for attempt in attempts:
        with pytest.raises(Conflict) as refused:
            attempt()
        assert refused.value.code == ErrorCode.LAST_ADMIN
        assert str(refused.value.message) == (
            "An organisation needs at least one admin: make someone else an admin first."
        )
    sole.refresh_from_db()
    assert (sole.role, sole.status, sole.listed) == (Role.ADMIN, Membership.Status.ACTIVE, True)


def test_an_admin_may_step_down_once_someone_else_is_an_admin() -> None:
    organisation = OrganisationFactory.create()
    first = MembershipFactory.create(organisation=organisation, role=Role.ADMIN)
    second = MembershipFactory.create(organisation=organisation, role=Role.MEMBER)
    memberships.change_role(second, Role.ADMIN, first.user)
    memberships.change_role(first, Role.MEMBER, first.user)
    with pytest.raises(Conflict):
        memberships.end_membership(second, second.user)
    first.refresh_from_db()
    assert first.role == Role.MEMBER


def test_the_last_admin_cannot_take_an_invitation_that_would_demote_them() -> None:
    sole = MembershipFactory.create(role=Role.ADMIN, user__email="sole@example.org")
    token = _invitation(sole.organisation, "sole@example.org", Role.MEMBER)
    with pytest.raises(Conflict) as refused:
        memberships.accept_invitation(token, sole.user, role_change="take")
    assert refused.value.code == ErrorCode.LAST_ADMIN
    sole.refresh_from_db()
    assert sole.role == Role.ADMIN
    assert not Invitation.objects.filter(accepted_at__isnull=False).exists()
