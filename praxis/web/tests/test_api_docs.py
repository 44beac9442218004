"""The API's interactive documentation is served from this site, like every page."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_api_docs_load_nothing_from_other_hosts(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert addresses, "the docs page should load its script and stylesheet"
    assert all(address.startswith("/") for address in addresses), addresses


def test_openapi_document_describes_the_api(client: Client) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert document["info"]["title"] == "Praxis API"
    assert "/api/v1/courses" in document["paths"]
