"""What the sign-up page says about bad input: every problem at once, each beside its field, in
the reader's language."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from praxis.accounts.models import LegalDocument, User
from praxis.core.tests.catalogues import add_test_translations

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

GOOD = {
    "full_name": "Li Wei",
    "email": "li.wei@example.org",
    "password": "midwife-lantern-42-river",
    "accept_terms": "on",
}
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
HAN = re.compile(r"[\u4e00-\u9fff]")

SHORT = "This password is too short. It must contain at least %(min_length)d character."
LENGTH_HINT = "Your password must contain at least %(min_length)d character."


@pytest.fixture
def documents(db: None) -> None:
    for kind in ("terms", "privacy"):
        LegalDocument.objects.create(
            kind=kind,
            version="1",
            title=kind,
            body=f"The {kind}.",
            published_at=timezone.now() - datetime.timedelta(minutes=1),
        )


def sign_up(client: Client, language: str = "en", **fields: str) -> Response:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    data = {name: value for name, value in {**GOOD, **fields}.items() if value}
    return client.post(reverse("accounts:signup"), data)


def error_beside(page: str, name: str) -> str:
    """The text of the error shown under the field `name` ("" when none)."""
    found = re.search(rf'<p class="field-error" id="id_{name}_error">(.*?)</p>', page, re.S)
    return found.group(1) if found else ""


def summary_of(page: str) -> str:
    return page.split('class="error-summary"')[1].split("</div>")[0]


def test_a_short_password_is_refused_in_chinese(client: Client) -> None:
    response = sign_up(client, "zh-hans", password="12345")

    assert response.status_code == 400
    page = response.content.decode()
    error = error_beside(page, "password")
    assert "10" in error
    assert HAN.search(error)
    assert "password" not in error.lower()
    assert "This password is too short" not in page
    assert not User.objects.exists()


def test_the_password_hint_is_in_chinese(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    page = client.get(reverse("accounts:signup")).content.decode()

    hint = page.split('id="id_password_helptext">')[1].split("</span>")[0]
    assert "10" in hint
    assert HAN.search(hint)
    assert "password" not in hint.lower()


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_password_rule_speaks_through_the_sites_catalogue(
    client: Client, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    # Every plural form a language may have (Arabic has six) reads the same here.
    add_test_translations(
        monkeypatch,
        language,
        {
            **{(SHORT, form): f"[{language}] short, %(min_length)d" for form in range(6)},
            **{(LENGTH_HINT, form): f"[{language}] hint, %(min_length)d" for form in range(6)},
            "This password is too common.": f"[{language}] common",
            "This password is entirely numeric.": f"[{language}] numeric",
            "The password is too similar to the %(verbose_name)s.": f"[{language}] similar",
            "Your password can’t be too similar to your other personal information.": (
                f"[{language}] not like you"
            ),
            "Your password can’t be a commonly used password.": f"[{language}] not common",
            "Your password can’t be entirely numeric.": f"[{language}] not digits alone",
        },
    )

    short = sign_up(client, language, password="12345").content.decode()
    similar = sign_up(
        client, language, email="liwei1987@example.org", password="liwei1987x"
    ).content.decode()
    hint = client.get(reverse("accounts:signup")).content.decode()

    assert error_beside(short, "password") == (
        f"[{language}] short, 10<br>[{language}] common<br>[{language}] numeric"
    )
    assert error_beside(similar, "password") == f"[{language}] similar"
    assert (
        f"[{language}] not like you [{language}] hint, 10 [{language}] not common "
        f"[{language}] not digits alone"
    ) in hint


def test_every_problem_is_told_at_once(client: Client, documents: None) -> None:
    response = sign_up(client, email="not-an-address", password="12345", accept_terms="")

    assert response.status_code == 400
    page = response.content.decode()
    assert "valid e" in error_beside(page, "email")
    assert "too short" in error_beside(page, "password")
    assert "Please accept the terms" in error_beside(page, "accept_terms")
    summary = summary_of(page)
    for name in ("email", "password", "accept_terms"):
        assert f'href="#id_{name}"' in summary
    assert not User.objects.exists()


def test_an_empty_name_and_a_weak_password_are_told_together(client: Client) -> None:
    response = sign_up(client, full_name="", password="password123")

    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in error_beside(page, "full_name")
    assert "too common" in error_beside(page, "password")
    assert not User.objects.exists()


def test_unticked_terms_are_told_beside_the_box(client: Client, documents: None) -> None:
    response = sign_up(client, accept_terms="")

    assert response.status_code == 400
    page = response.content.decode()
    assert error_beside(page, "accept_terms") == (
        "Please accept the terms of use and the privacy notice."
    )
    box = re.search(r'<input type="checkbox" name="accept_terms"[^>]*>', page)
    assert box is not None
    assert 'aria-invalid="true"' in box.group(0)
    assert "id_accept_terms_error" in box.group(0)
    summary = summary_of(page)
    assert 'href="#id_accept_terms"' in summary
    assert "Please accept the terms of use and the privacy notice." in summary
    assert not User.objects.exists()
