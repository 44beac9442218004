"""E-mail to one person, rendered from a pair of templates in the language asked for."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation

from praxis.core import mail


def _rendering(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    rendered: list[tuple[str, str | None]] = []

    def render(name: str, context: object) -> str:
        rendered.append((name, translation.get_language()))
        return " Welcome to\n  Praxis \n" if name.endswith("_subject.txt") else "Hello."

    monkeypatch.setattr(mail, "render_plain", render)
    return rendered


def test_templates_are_rendered_in_the_persons_language_with_a_one_line_subject(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rendered = _rendering(monkeypatch)
    with translation.override("en"):
        message = mail.email_from_templates(
            "amina@example.org", "app/email/hello", {}, language="fr"
        )
    assert rendered == [("app/email/hello_subject.txt", "fr"), ("app/email/hello_body.txt", "fr")]
    assert (message.subject, message.body) == ("Welcome to Praxis", "Hello.")
    assert (message.to, message.from_email) == (["amina@example.org"], settings.DEFAULT_FROM_EMAIL)


def test_without_a_language_the_active_one_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    rendered = _rendering(monkeypatch)
    with translation.override("es"):
        mail.email_from_templates("amina@example.org", "app/email/hello", {})
    assert [language for _name, language in rendered] == ["es", "es"]


def test_headers_are_carried() -> None:
    message = mail.email("a@example.org", "Hi", "Body", headers={"List-Unsubscribe": "<x>"})
    assert message.extra_headers == {"List-Unsubscribe": "<x>"}


def test_names_reach_the_plain_text_unescaped() -> None:
    organisation = SimpleNamespace(display_name="Mother & Child <Health> Network")
    with translation.override("en"):
        message = mail.email_from_templates(
            "amina@example.org",
            "organisations/email/invitation",
            {"organisation": organisation, "site_name": "Praxis", "link": "https://x/", "days": 14},
        )
    assert message.subject == "Invitation to join Mother & Child <Health> Network"
    assert "You are invited to join Mother & Child <Health> Network on Praxis." in message.body
