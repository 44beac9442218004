"""Fixtures for LRS tests: an authorised /xapi/ client for xAPI 1.0.3 and for 2.0."""

import pytest
from django.test import Client

from praxis.lrs.tests.factories import Xapi, make_client


@pytest.fixture
def xapi(db: None, client: Client) -> Xapi:
    return Xapi(client, make_client())


@pytest.fixture
def xapi2(db: None, client: Client) -> Xapi:
    return Xapi(client, make_client(version="2.0.0"), version="2.0.0")
