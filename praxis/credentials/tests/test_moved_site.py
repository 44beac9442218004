"""A site served at another address than the one its credentials were issued under (it moved,
or runs on another port): its own credentials stay genuine, changed copies read as changed."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.credentials.models import Credential

pytestmark = pytest.mark.django_db

FORMER = "Issued by this site under its former address"


@pytest.fixture
def moved(settings: SettingsWrapper, issued: Credential) -> Credential:
    """A credential issued at 127.0.0.1:8000, on a site now served at 127.0.0.1:8781."""
    assert issued.document["issuer"]["id"] == "did:web:127.0.0.1%3A8000"
    settings.SITE_URL = "http://127.0.0.1:8781"
    return issued


def _verdict(page: str) -> str:
    return page.split('<section class="verdict')[1].split("</section>")[0]


def test_share_page_says_the_credential_is_genuine_and_where_it_was_issued(
    client: Client, moved: Credential
) -> None:
    verdict = _verdict(client.get(f"/credentials/{moved.uuid}").content.decode())
    assert 'data-status="valid"' in verdict
    assert f"{FORMER} <bdi>127.0.0.1:8000</bdi>." in verdict


def test_uploaded_credential_of_the_former_address_is_genuine(
    client: Client, moved: Credential
) -> None:
    upload = SimpleUploadedFile("c.json", json.dumps(moved.document).encode())
    verdict = _verdict(client.post("/credentials/verify/", {"file": upload}).content.decode())
    assert 'data-status="valid"' in verdict and FORMER in verdict


def test_changed_copy_of_the_former_address_reads_as_changed_not_as_another_issuers(
    client: Client, moved: Credential
) -> None:
    document = copy.deepcopy(moved.document)
    document["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    upload = SimpleUploadedFile("c.json", json.dumps(document).encode())
    verdict = _verdict(client.post("/credentials/verify/", {"file": upload}).content.decode())
    assert 'data-status="tampered"' in verdict
    assert "Not genuine" in verdict and FORMER not in verdict


@pytest.mark.parametrize(
    "address",
    [
        "http://127.0.0.1:8000/credentials/{uuid}",  # where it was issued
        "http://127.0.0.1:8781/credentials/{uuid}",  # where the site is now
        "http://localhost:8792/credentials/{uuid}",  # where the page was asked for
    ],
)
def test_credential_is_looked_up_by_any_of_the_sites_addresses(
    client: Client, moved: Credential, address: str
) -> None:
    page = client.post(
        "/credentials/verify/",
        {"url": address.format(uuid=moved.uuid)},
        HTTP_HOST="localhost:8792",
    )
    verdict = _verdict(page.content.decode())
    assert 'data-status="valid"' in verdict and FORMER in verdict


def test_credential_is_never_looked_up_at_an_address_that_is_not_the_sites(
    client: Client, moved: Credential
) -> None:
    page = client.post(
        "/credentials/verify/", {"url": f"https://elsewhere.example/credentials/{moved.uuid}"}
    )
    assert "Only credentials issued by this site can be looked up by address." in (
        page.content.decode()
    )


def test_api_names_the_former_address(api_client: SchemaCheckedClient, moved: Credential) -> None:
    response = api_client.post("/api/v1/credentials/verify", data={"credential": moved.document})
    assert response.json()["status"] == "valid"
    assert response.json()["former_address"] == "127.0.0.1:8000"
