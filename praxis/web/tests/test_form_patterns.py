"""Every form goes through the design system's form partial (components/form_fields.html and
components/field.html): labels beside choices, "required" marked, hints and errors tied to the
input, an error summary on top linking to each field in error.

The templates below still write some fields by hand; the list only shrinks: a template not on
it that writes a field by hand fails, and so does an entry that no longer needs to be here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.tests.factories import StaffFactory
from praxis.community.tests.factories import CommunityFactory, MembershipFactory
from praxis.web.forms import SampleForm

ROOT = Path(__file__).resolve().parents[2]
COMPONENTS = ROOT / "web" / "templates" / "components"

# A field written in the template itself (a hidden input carries no label and is left out), or a
# Django field rendered outside the partial.
FIELD = re.compile(r"<(?:input|select|textarea)\b(?![^>]*type=\"hidden\")[^>]*>")
FIELD_BY_HAND = re.compile(
    r"\{\{\s*(?:form|field)(?:\.as_\w+)?\s*\}\}|\{\{\s*field\.label_tag\s*\}\}"
)

# Fields still written by hand, each for its reason.
WRITTEN_BY_HAND = {
    "accounts/templates/accounts/tokens.html",  # a new token, shown once, read-only to copy
    "credentials/templates/credentials/credential.html",  # a read-only share link to copy
    "events/templates/events/my_events.html",  # the calendar feed address, read-only to copy
    # The header's language choice and search box: one labelled field each, in every page.
    "web/templates/base.html",
    "web/templates/web/home.html",  # the hero's course search, its label read but not shown
}


def _templates() -> list[Path]:
    return sorted(
        path for path in ROOT.glob("*/templates/**/*.html") if not path.is_relative_to(COMPONENTS)
    )


def _writes_fields(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    return bool(FIELD.search(text) or FIELD_BY_HAND.search(text))


def test_templates_render_fields_only_through_the_form_partial() -> None:
    by_hand = {str(path.relative_to(ROOT)) for path in _templates() if _writes_fields(path)}
    assert by_hand - WRITTEN_BY_HAND == set(), "render these fields with components/form_fields"
    assert WRITTEN_BY_HAND - by_hand == set(), "these use the partial now: take them off the list"


@pytest.mark.django_db
def test_a_failed_form_marks_required_fields_and_ties_hints_and_errors_to_them(
    client: Client,
) -> None:
    client.force_login(StaffFactory.create())
    page = client.get("/design/").text
    assert SampleForm(data={}).errors  # the sample is shown as a form that failed
    name_input = re.search(r"<input[^>]*name=\"name\"[^>]*>", page)
    assert name_input is not None
    assert 'aria-invalid="true"' in name_input.group(0)
    assert 'aria-describedby="id_name_helptext id_name_error"' in name_input.group(0)
    assert 'id="id_name_helptext"' in page
    assert 'id="id_name_error"' in page
    assert 'Full name <span class="required">(required)</span></label>' in page
    assert "Send me event reminders</label>" in page, "an optional field is not marked"
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_name"' in summary
    assert 'href="#id_role_0"' in summary, "a group of choices is reached at its first choice"
    assert "data-focus" not in summary, "the sample on /design/ does not take the focus"
    assert '<fieldset class="choices" aria-describedby="id_role_error">' in page


@pytest.mark.django_db
def test_each_line_of_the_error_summary_names_its_field(client: Client) -> None:
    community = CommunityFactory.create()
    client.force_login(MembershipFactory.create(community=community, profile="amina").user)
    address = reverse("community:new_thread", args=[community.slug])
    page = client.post(address, {}, HTTP_ACCEPT_LANGUAGE="es").text
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert '<a href="#id_title"><bdi>Título</bdi>: Este campo es obligatorio.</a>' in summary
    assert '<a href="#id_body"><bdi>Su mensaje</bdi>: Este campo es obligatorio.</a>' in summary
    # Beside each field, the error stays as it was, without the label again.
    assert '<p class="field-error" id="id_title_error">Este campo es obligatorio.</p>' in page
