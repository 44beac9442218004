"""The package origin answers packages and their static files only: a package's scripts, which
run there, must find neither the sign-in page nor the API on their own origin."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client, override_settings

from praxis.accounts.tests.factories import UserFactory
from praxis.packages.apps import MIDDLEWARE_NAME, package_origin_is_kept_to_packages

pytestmark = pytest.mark.django_db


def _package_host() -> str:
    return urlsplit(settings.PACKAGE_ORIGIN).netloc


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/api/v1/me/learning-record", "/", "/lti/tools/", "/xapi/about"]
)
def test_the_site_s_pages_are_not_served_on_the_package_origin(path: str) -> None:
    client = Client()
    client.force_login(UserFactory.create())

    # A visit goes to the site's own origin, which a package's scripts cannot read.
    visit = client.get(f"{path}?next=%2F", HTTP_HOST=_package_host())
    assert visit.status_code == 302
    assert visit["Location"] == f"{settings.SITE_URL}{path}?next=%2F"
    assert b"password" not in visit.content

    sent = client.post(path, {"email": "a@example.org"}, HTTP_HOST=_package_host())
    assert sent.status_code == 404
    assert sent.headers["Content-Type"].startswith("text/plain")


def test_the_site_itself_and_the_package_paths_still_answer() -> None:
    client = Client()
    assert client.get("/accounts/login/").status_code == 200
    # A launch that is not one is the player's own refusal, not the origin's.
    player = client.get("/packages/play/not-a-launch/", HTTP_HOST=_package_host())
    assert not player.headers["Content-Type"].startswith("text/plain")


def test_a_site_without_the_middleware_is_warned() -> None:
    assert package_origin_is_kept_to_packages() == []
    with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != MIDDLEWARE_NAME]):
        assert [w.id for w in package_origin_is_kept_to_packages()] == ["packages.W002"]
