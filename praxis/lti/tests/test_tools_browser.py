"""A partner's author registers an external tool on the tools page in a real browser: told
what is missing first, then shown the client id to configure the tool with."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import sign_in
from praxis.authoring.tests.factories import member
from praxis.lti.models import Tool
from praxis.lti.tests.tool import key_pair
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_author_registers_a_tool_and_reads_its_client_id(
    page: Page, live_server: LiveServer
) -> None:
    organisation = OrganisationFactory.create(name="Lagos Simulation Centre")
    sign_in(page, live_server, member(organisation, Role.AUTHOR))
    page.goto("/lti/tools/")
    page.get_by_role("textbox", name="Name").fill("Sepsis simulator")
    page.get_by_label("OIDC login initiation URL").fill("https://sim.example/lti/login")
    page.get_by_label("Launch URL").fill("https://sim.example/lti/launch")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("alert")).to_contain_text("either the tool's JWKS URL")
    assert not Tool.objects.exists()

    page.get_by_label("Or its public key (PEM)").fill(key_pair()[1])
    page.get_by_role("button", name="Register").click()

    expect(page.get_by_text("Sepsis simulator is registered.")).to_be_visible()
    tool = Tool.objects.get()
    assert tool.organisation == organisation
    expect(page.get_by_role("cell", name=tool.client_id)).to_be_visible()
