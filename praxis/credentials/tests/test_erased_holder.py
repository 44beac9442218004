"""A credential whose holder's account was erased: the copy they downloaded still reads as it did
(revoked stays revoked, suspended stays suspended, valid stays valid), the published status list
keeps its bit, and its index is never given to another credential."""

from __future__ import annotations

import json
import secrets

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from conftest import LoggedInClient, SchemaCheckedClient
from praxis.accounts.lifecycle import erasure
from praxis.accounts.models import AccountErasure, User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.credentials import statuslist
from praxis.credentials.models import STATUS_LIST_SIZE, Credential, ErasedCredentialStatus
from praxis.credentials.services import issue_credential, revoke_credential, suspend_credential
from praxis.credentials.tests.conftest import MakeAchievement

pytestmark = pytest.mark.django_db


def _erase(person: User) -> None:
    request = AccountErasure.objects.create(user=person, erase_after=timezone.now())
    assert erasure.erase(request.pk) is True


def _download(client: Client, credential: Credential) -> bytes:
    """The holder's copy, as the wallet's JSON link gives it."""
    response = client.get(f"/credentials/{credential.uuid}.json")
    assert response.status_code == 200
    return response.content


@pytest.fixture
def copies(
    client: Client, learner: User, make_achievement: MakeAchievement
) -> dict[str, tuple[int, bytes]]:
    """Three credentials of the learner, one revoked, one suspended, one in force, downloaded
    by the learner; then the learner's account is erased."""
    staff = StaffFactory.create()
    revoked = issue_credential(learner, make_achievement("course:one", name="One"))
    suspended = issue_credential(learner, make_achievement("course:two", name="Two"))
    valid = issue_credential(learner, make_achievement("course:three", name="Three"))
    revoke_credential(revoked, by=staff, reason=f"Issued to {learner.full_name} in error")
    suspend_credential(suspended, by=staff, reason="Under review")
    client.force_login(learner)
    kept = {
        name: (credential.status_index, _download(client, credential))
        for name, credential in (("revoked", revoked), ("suspended", suspended), ("valid", valid))
    }
    client.logout()
    _erase(learner)
    assert not Credential.objects.exists()
    return kept


def test_the_verification_page_still_reads_the_kept_copies_as_they_were(
    client: Client, copies: dict[str, tuple[int, bytes]]
) -> None:
    for name, expected in (
        ("revoked", "The issuer revoked this credential."),
        ("suspended", "The issuer has suspended this credential."),
        ("valid", "The credential is genuine and in force."),
    ):
        upload = SimpleUploadedFile("credential.json", copies[name][1], "application/json")
        page = client.post("/credentials/verify/", {"file": upload}).content.decode()
        assert expected in page, name


def test_the_verification_api_still_reads_the_kept_copies_as_they_were(
    api_client: SchemaCheckedClient, copies: dict[str, tuple[int, bytes]]
) -> None:
    statuses = {
        name: api_client.post(
            "/api/v1/credentials/verify", data={"credential": json.loads(copy)}
        ).json()["status"]
        for name, (_index, copy) in copies.items()
    }
    assert statuses == {"revoked": "revoked", "suspended": "suspended", "valid": "valid"}


def test_the_published_status_lists_keep_the_bits(
    client: Client, copies: dict[str, tuple[int, bytes]]
) -> None:
    message = client.get("/credentials/status/message").json()["credentialSubject"]
    revocation = client.get("/credentials/status/revocation").json()["credentialSubject"]
    suspension = client.get("/credentials/status/suspension").json()["credentialSubject"]
    revoked, suspended, valid = (copies[name][0] for name in ("revoked", "suspended", "valid"))
    assert statuslist.value_at(message["encodedList"], revoked, 2) == 1
    assert statuslist.value_at(message["encodedList"], suspended, 2) == 2
    assert statuslist.value_at(message["encodedList"], valid, 2) == 0
    assert statuslist.is_set(revocation["encodedList"], revoked)
    assert not statuslist.is_set(revocation["encodedList"], suspended)
    assert statuslist.is_set(suspension["encodedList"], suspended)


def test_what_is_kept_names_nobody(copies: dict[str, tuple[int, bytes]]) -> None:
    kept = ErasedCredentialStatus.objects.order_by("status_index")
    assert sorted(row.status_index for row in kept) == sorted(i for i, _c in copies.values())
    assert {(row.revoked_at is not None, row.suspended_at is not None) for row in kept} == {
        (True, False),
        (False, True),
        (False, False),
    }


def test_an_erased_holders_index_is_never_given_to_another_credential(
    monkeypatch: pytest.MonkeyPatch,
    copies: dict[str, tuple[int, bytes]],
    make_achievement: MakeAchievement,
) -> None:
    newcomer, achievement = UserFactory.create(), make_achievement("course:four", name="Four")
    taken = copies["revoked"][0]
    free = taken + 1 if taken + 1 < STATUS_LIST_SIZE else taken - 1
    drawn = iter([taken, copies["valid"][0], free])
    draw = secrets.randbelow
    # The draws of a status index come from the list; any other draw is left alone.
    monkeypatch.setattr(
        secrets, "randbelow", lambda size: next(drawn) if size == STATUS_LIST_SIZE else draw(size)
    )

    issued = issue_credential(newcomer, achievement)

    assert issued.status_index == free


def test_a_credential_deleted_another_way_keeps_its_status_and_its_index(
    client: Client,
    learner: User,
    make_achievement: MakeAchievement,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The admin offers no deletion of a credential (it is revoked instead); one deleted from
    code all the same still reads as revoked in the published list, and its index stays taken."""
    revoked = issue_credential(learner, make_achievement("course:one", name="One"))
    revoke_credential(revoked, by=StaffFactory.create(), reason="Issued in error")
    admin = LoggedInClient()
    admin.force_login(StaffFactory.create(is_superuser=True))
    page = f"/admin/credentials/credential/{revoked.pk}/"
    change = admin.get(f"{page}change/")
    assert change.status_code == 200
    assert "Issued in error" in change.content.decode()
    assert f"{page}delete/" not in change.content.decode()
    assert admin.post(f"{page}delete/", {"post": "yes"}).status_code == 403
    assert Credential.objects.filter(pk=revoked.pk).exists()

    index = revoked.status_index
    revoked.delete()

    revocation = client.get("/credentials/status/revocation").json()["credentialSubject"]
    assert statuslist.is_set(revocation["encodedList"], index)
    drawn = iter([index, index + 1 if index + 1 < STATUS_LIST_SIZE else index - 1])
    draw = secrets.randbelow
    monkeypatch.setattr(
        secrets, "randbelow", lambda size: next(drawn) if size == STATUS_LIST_SIZE else draw(size)
    )
    assert issue_credential(learner, make_achievement("course:two")).status_index != index
