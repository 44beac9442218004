"""An organisation's manage page: the invitations sent and not yet accepted (listed, sent again,
withdrawn) and the current logo."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.organisations import memberships
from praxis.organisations.models import Invitation, Organisation, Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation() -> Organisation:
    return OrganisationFactory.create(name="Nairobi School of Public Health", slug="nairobi-sph")


@pytest.fixture
def admin(organisation: Organisation) -> User:
    return MembershipFactory.create(organisation=organisation, role=Role.ADMIN).user


def _section(page: str, heading: str) -> str:
    """The page from `heading` to the end of its section."""
    start = page.index(heading)
    return page[start : page.index("</section>", start)]


def test_invitations_not_yet_accepted_are_listed_with_address_role_and_dates(
    client: Client, organisation: Organisation, admin: User
) -> None:
    memberships.invite(organisation, "nurse@example.org", Role.AUTHOR, admin)
    expired = memberships.invite(organisation, "late@example.org", Role.MEMBER, admin)
    Invitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    accepted = memberships.invite(organisation, "joined@example.org", Role.MEMBER, admin)
    Invitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    client.force_login(admin)
    page = client.get(reverse("organisations:manage", args=["nairobi-sph"])).content.decode()
    listed = _section(page, "Invitations not yet accepted")
    rows = re.findall(r"<tr>.*?</tr>", listed, re.S)[1:]
    addresses = re.findall(r'<th scope="row">([^<]*)</th>', listed)
    assert addresses == ["late@example.org", "nurse@example.org"]
    assert "Author" in rows[1] and "Expired" in rows[0] and "Expired" not in rows[1]
    assert timezone.localdate().strftime("%Y-%m-%d") in rows[1]  # sent today
    assert '<details class="confirm">' in rows[1] and "<summary>Withdraw</summary>" in rows[1]
    assert "joined@example.org" not in page


def test_inviting_an_address_again_says_the_new_invitation_replaces_the_first(
    client: Client,
    organisation: Organisation,
    admin: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(admin)
    url = reverse("organisations:manage", args=["nairobi-sph"])
    sent = {"invite": "1", "email": "nurse@example.org", "role": Role.MEMBER}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, sent, follow=True).content.decode()
    assert "The invitation is on its way." in first
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, {**sent, "role": Role.AUTHOR}, follow=True).content.decode()
    assert "The invitation is on its way." not in again
    assert "nurse@example.org was already invited on " in again
    assert "the link sent before no longer works." in again
    (invitation,) = Invitation.objects.all()
    assert invitation.role == Role.AUTHOR
    assert len(mail.outbox) == 2
    old_link = re.search(r"https?://\S+/invitations/\S+/", str(mail.outbox[0].body))
    assert old_link is not None
    assert client.get(old_link.group(0)).status_code == 404
    new_link = re.search(r"https?://\S+/invitations/\S+/", str(mail.outbox[1].body))
    assert new_link is not None
    assert client.get(new_link.group(0)).status_code == 200


def test_an_admin_withdraws_an_invitation_and_its_link_stops_working(
    client: Client, organisation: Organisation, admin: User
) -> None:
    invitation = memberships.invite(organisation, "nurse@example.org", Role.MEMBER, admin)
    link = reverse(
        "organisations:accept_invitation", args=[memberships.invitation_token(invitation)]
    )
    client.force_login(admin)
    withdraw = reverse("organisations:withdraw_invitation", args=["nairobi-sph", invitation.pk])
    page = client.post(withdraw, follow=True).content.decode()
    assert "The invitation to nurse@example.org is withdrawn: its link no longer works." in page
    assert "No invitations waiting." in page
    assert not Invitation.objects.exists()
    assert client.get(link).status_code == 404


def test_an_accepted_invitation_cannot_be_withdrawn(
    client: Client, organisation: Organisation, admin: User
) -> None:
    invitation = memberships.invite(organisation, "nurse@example.org", Role.MEMBER, admin)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    client.force_login(admin)
    withdraw = reverse("organisations:withdraw_invitation", args=["nairobi-sph", invitation.pk])
    refused = client.post(withdraw)
    assert refused.status_code == 409
    assert "This invitation has already been used." in refused.content.decode()
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_only_the_organisations_admins_withdraw_its_invitations(
    client: Client, organisation: Organisation, admin: User
) -> None:
    invitation = memberships.invite(organisation, "nurse@example.org", Role.MEMBER, admin)
    withdraw = reverse("organisations:withdraw_invitation", args=["nairobi-sph", invitation.pk])
    client.force_login(MembershipFactory.create(organisation=organisation, role=Role.AUTHOR).user)
    assert client.post(withdraw).status_code == 403
    other = OrganisationFactory.create(slug="elsewhere")
    client.force_login(MembershipFactory.create(organisation=other, role=Role.ADMIN).user)
    assert client.post(withdraw).status_code == 403
    elsewhere = reverse("organisations:withdraw_invitation", args=["elsewhere", invitation.pk])
    assert client.post(elsewhere).status_code == 404
    client.force_login(UserFactory.create())
    assert client.post(withdraw).status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_the_manage_page_shows_the_current_logo_once_it_is_updated(
    client: Client, organisation: Organisation, admin: User
) -> None:
    client.force_login(admin)
    url = reverse("organisations:manage", args=["nairobi-sph"])
    assert "No logo yet." in _section(client.get(url).content.decode(), 'id="logo-heading"')
    buffer = io.BytesIO()
    Image.new("RGB", (64, 32), "teal").save(buffer, "PNG")
    page = client.post(
        url, {"logo": SimpleUploadedFile("logo.png", buffer.getvalue())}, follow=True
    ).content.decode()
    assert "The logo is updated." in page
    organisation.refresh_from_db()
    logo = reverse("organisations:logo", args=["nairobi-sph", organisation.logo_filename])
    assert f'<img src="{logo}" alt="The current logo"' in _section(page, 'id="logo-heading"')
    shown = client.get(logo)
    assert shown.status_code == 200
    shown.close()
