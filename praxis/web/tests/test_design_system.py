"""The design system: its colours' contrast, and the pattern library at /design/."""

import pytest
from django.test import Client

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.web.design_tokens import colour_tokens

# Text colour on background colour, as the stylesheet uses them.
TEXT_PAIRS = [
    ("ink", "bg"),
    ("ink", "soft"),
    ("muted", "bg"),
    ("muted", "soft"),
    ("accent", "bg"),
    ("accent", "soft"),
    ("accent", "accent-soft"),
    ("accent-dark", "accent-soft"),
    ("accent-ink", "accent"),
    ("accent-ink", "accent-dark"),
    ("accent-ink", "bad"),
    ("accent-ink", "bad-dark"),
    ("ink", "accent-soft"),
    ("ink", "ok-soft"),
    ("ink", "bad-soft"),
    ("ink", "warn-soft"),
    ("ok", "ok-soft"),
    ("ok", "bg"),
    ("bad", "bad-soft"),
    ("bad", "bg"),
    ("warn", "warn-soft"),
]
# Borders of fields and the focus ring against the page: 3:1 for user-interface components.
COMPONENT_PAIRS = [("border", "bg"), ("accent", "bg"), ("bad", "bg")]


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted([luminance(one), luminance(other)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_wcag_examples() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("text", "background"), TEXT_PAIRS)
def test_text_colours_meet_wcag_aa_on_their_backgrounds(text: str, background: str) -> None:
    tokens = colour_tokens()
    assert contrast(tokens[text], tokens[background]) >= 4.5


@pytest.mark.parametrize(("component", "background"), COMPONENT_PAIRS)
def test_component_colours_meet_3_to_1_on_the_page(component: str, background: str) -> None:
    tokens = colour_tokens()
    assert contrast(tokens[component], tokens[background]) >= 3


def test_every_colour_token_is_read_from_the_stylesheet() -> None:
    assert {"ink", "bg", "accent", "ok", "bad", "warn", "focus"} <= set(colour_tokens())


@pytest.mark.django_db
def test_staff_see_the_pattern_library(client: Client) -> None:
    client.force_login(StaffFactory.create())
    page = client.get("/design/").content.decode()
    for heading in ["Colour", "Buttons", "Forms", "Notices and tags", "Cards", "Tables", "Verdict"]:
        assert f">{heading}</h2>" in page
    assert "There is a problem" in page  # the error summary of the sample form
    assert '<input type="radio"' in page and 'class="warning"' in page
    assert ">March 14, 2026</time>" in page  # a date in words, not a timestamp
    assert "1,234,567.5" in page


@pytest.mark.django_db
def test_pattern_library_formats_dates_and_numbers_in_the_viewers_language(client: Client) -> None:
    client.force_login(StaffFactory.create())
    page = client.get("/design/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "14 mars 2026" in page
    assert "1\xa0234\xa0567,5" in page


@pytest.mark.django_db
def test_pattern_library_shows_times_in_the_viewers_chosen_zone(client: Client) -> None:
    client.force_login(StaffFactory.create())
    assert ">March 14, 2026, 9:30 a.m.</time>" in client.get("/design/").content.decode()
    client.cookies["praxis_time_zone"] = "Asia/Tokyo"
    assert ">March 14, 2026, 6:30 p.m.</time>" in client.get("/design/").content.decode()


@pytest.mark.django_db
def test_pattern_library_is_for_staff_only(client: Client) -> None:
    assert client.get("/design/").status_code == 401
    client.force_login(UserFactory.create())
    assert client.get("/design/").status_code == 403


@pytest.mark.django_db
def test_staff_find_the_pattern_library_in_the_menu(client: Client) -> None:
    client.force_login(StaffFactory.create())
    assert 'href="/design/"' in client.get("/").content.decode()
    client.force_login(UserFactory.create())
    assert 'href="/design/"' not in client.get("/").content.decode()
