"""The CPD record page as the learner uses it: its period filter, the form to add an activity,
removing one, and long words people wrote, on the page and in the PDF export."""

from __future__ import annotations

import re
import subprocess
from decimal import Decimal

import pytest
from django.test import Client

from praxis.accounts.models import User
from praxis.credentials.models import CpdActivity
from praxis.credentials.templatetags.credentials_tags import breakable
from praxis.credentials.tests.factories import ExternalActivityFactory

pytestmark = pytest.mark.django_db

LONG_WORD = "Interprofessional" * 14  # 238 letters without a space, within the fields' 250


def _field(page: str, name: str) -> str:
    """A form field's box on the page: its label, its error and its input."""
    return page.split(f'for="id_{name}"')[1].split('<div class="field')[0]


def test_period_ending_before_it_starts_is_refused_beside_its_fields(
    client: Client, learner: User
) -> None:
    ExternalActivityFactory.create(learner=learner, title="Ward simulation day")
    client.force_login(learner)
    response = client.get("/credentials/cpd/", {"start": "2026-03-01", "end": "2026-01-01"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The end cannot come before the start." in _field(page, "end")
    assert "No CPD credits in this period." not in page
    for export in ("/credentials/cpd/record.csv", "/credentials/cpd/record.pdf"):
        refused = client.get(export, {"start": "2026-03-01", "end": "2026-01-01"})
        assert refused.status_code == 400
        assert "The end cannot come before the start." in refused.content.decode()


def test_period_of_one_day_is_shown(client: Client, learner: User) -> None:
    day = ExternalActivityFactory.create(learner=learner, title="Ward simulation day").date
    client.force_login(learner)
    response = client.get("/credentials/cpd/", {"start": str(day), "end": str(day)})
    assert response.status_code == 200 and "Ward simulation day" in response.content.decode()


def test_the_form_offers_cpd_hours_first_and_the_record_counts_in_them(
    client: Client, learner: User
) -> None:
    client.force_login(learner)
    page = client.get("/credentials/cpd/").content.decode()
    selected = re.search(r'<option value="([^"]+)"[^>]* selected', _field(page, "system"))
    assert selected and selected.group(1) == "cpd-hours"
    ExternalActivityFactory.create(learner=learner, credits=Decimal("3"))
    page = client.get("/credentials/cpd/").content.decode()
    assert re.search(r"<h2 [^>]*>CPD hours: 3 hours</h2>", page)


@pytest.mark.parametrize("credits", ["99999999999", "1000.01", "0", "-3"])
def test_credits_out_of_range_get_one_clear_message(
    client: Client, learner: User, credits: str
) -> None:
    client.force_login(learner)
    response = client.post(
        "/credentials/cpd/activities/",
        {"title": "Reading", "date": "2026-01-10", "system": "cpd-hours", "credits": credits},
    )
    assert response.status_code == 400
    box = _field(response.content.decode(), "credits")
    errors = re.findall(r'<p class="field-error"[^>]*>(.*?)</p>', box, re.S)
    assert errors == ["Enter credits between 0 and 1,000."]
    assert not CpdActivity.objects.exists()


def test_most_credits_allowed_are_taken(client: Client, learner: User) -> None:
    client.force_login(learner)
    response = client.post(
        "/credentials/cpd/activities/",
        {"title": "Reading", "date": "2026-01-10", "system": "cpd-hours", "credits": "1000"},
    )
    assert response.status_code == 302
    assert CpdActivity.objects.get().credits == Decimal("1000")


def test_removing_an_activity_asks_before_it_is_done(client: Client, learner: User) -> None:
    line = ExternalActivityFactory.create(learner=learner, title="Ward simulation day")
    client.force_login(learner)
    page = client.get("/credentials/cpd/").content.decode()
    confirm = page.split('<details class="confirm">')[1].split("</details>")[0]
    assert "<summary>Remove “Ward simulation day”</summary>" in confirm
    assert "<p>Remove “Ward simulation day” from your CPD record?</p>" in confirm
    assert "The activity is removed from your CPD record." not in page
    response = client.post(f"/credentials/cpd/activities/{line.pk}/deletion/", follow=True)
    assert "The activity is removed from your CPD record." in response.content.decode()
    assert not CpdActivity.objects.exists()


def test_long_words_people_wrote_may_break_on_the_page(client: Client, learner: User) -> None:
    ExternalActivityFactory.create(learner=learner, title=LONG_WORD, provider=LONG_WORD)
    client.force_login(learner)
    page = client.get("/credentials/cpd/").content.decode()
    assert LONG_WORD not in page  # broken into pieces a line may end after
    assert LONG_WORD[:24] + "<wbr>" + LONG_WORD[24:48] + "<wbr>" in page


def test_breakable_escapes_and_leaves_short_words_and_marks_whole() -> None:
    assert breakable("<b>short words</b>") == "&lt;b&gt;short words&lt;/b&gt;"
    accented = "e\u0301" * 30  # each e carries its combining accent
    assert all(not piece.startswith("\u0301") for piece in breakable(accented).split("<wbr>"))


def test_long_words_keep_every_column_on_the_pdf_page(client: Client, learner: User) -> None:
    ExternalActivityFactory.create(
        learner=learner,
        title=LONG_WORD,
        provider=LONG_WORD,
        evidence_url="https://council.example/" + "a" * 400,
    )
    client.force_login(learner)
    pdf = client.get("/credentials/cpd/record.pdf").content
    layout = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"],  # noqa: S607 - poppler from the system
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()
    page = re.search(r'<page width="([\d.]+)"', layout)
    assert page is not None
    width = float(page.group(1))
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', layout)
    shown = {word for _start, _end, word in words}
    assert {"hours", "Self-reported"} <= shown  # the Credits and Evidence columns
    assert all(float(end) <= width for _start, end, _word in words)
