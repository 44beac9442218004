"""Importing organisations from CSV: preview, row-level errors, all rows or none; and the
import page, where what is wrong with the file as a whole is said beside the file field."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.core.errors import ErrorCode, PayloadTooLarge, PermissionDenied, ValidationFailed
from praxis.organisations import importing
from praxis.organisations.models import CollaboratingCentre, Organisation
from praxis.organisations.tests.factories import CollaboratingCentreFactory

pytestmark = pytest.mark.django_db

HEADER = "name,type,country,website,reference_number,centre_title,designated_on\n"
GOOD = (
    HEADER
    + "Accra Institute of Public Health,university,GH,https://aiph.example,,,\n"
    + "Jakarta Centre for Nursing,collaborating_centre,ID,,IDN-07,Nursing education,2023-04-01\n"
)


def test_valid_file_previews_then_imports_every_row() -> None:
    preview = importing.preview(GOOD)
    assert preview.valid
    assert [row.slug for row in preview.rows] == [
        "accra-institute-of-public-health",
        "jakarta-centre-for-nursing",
    ]
    assert not Organisation.objects.exists()  # a preview writes nothing
    importing.import_organisations(GOOD, StaffFactory.create())
    centre = CollaboratingCentre.objects.get(reference_number="IDN-07")
    assert centre.organisation.name == "Jakarta Centre for Nursing"
    assert str(centre.expires_on) == "2027-04-01"


def test_importing_again_updates_rather_than_duplicates() -> None:
    importing.import_organisations(GOOD, StaffFactory.create())
    importing.import_organisations(GOOD.replace("https://aiph.example", ""), StaffFactory.create())
    assert Organisation.objects.count() == 2
    assert Organisation.objects.get(slug="accra-institute-of-public-health").website == ""


def test_wrong_columns_are_refused_before_any_row() -> None:
    with pytest.raises(ValidationFailed) as refused:
        importing.preview("title,kind,nation\nA,b,c\n")
    assert refused.value.code == ErrorCode.CSV_WRONG_COLUMNS
    assert str(refused.value.fields["file"][0]) == "These columns are missing: name, type, country."


def test_unknown_country_is_a_row_error_and_nothing_is_imported() -> None:
    text = GOOD + "Atlantis Health Board,member_state_body,XX,,,,\n"
    preview = importing.preview(text)
    assert not preview.valid
    assert [str(e) for e in preview.rows[2].errors] == ["Unknown country “XX”."]
    with pytest.raises(ValidationFailed) as refused:
        importing.import_organisations(text, StaffFactory.create())
    assert refused.value.code == ErrorCode.CSV_INVALID_ROWS
    assert "line 4" in refused.value.fields
    assert not Organisation.objects.exists()


def test_duplicate_reference_numbers_are_row_errors() -> None:
    text = GOOD + "Bandung Nursing School,collaborating_centre,ID,,IDN-07,Midwifery,2023-01-01\n"
    preview = importing.preview(text)
    assert "also on line 3" in str(preview.rows[2].errors[0])
    CollaboratingCentreFactory.create(reference_number="IDN-07")
    preview = importing.preview(GOOD)
    assert "belongs to another organisation" in str(preview.rows[1].errors[0])


def test_bad_dates_types_and_urls_are_reported_per_row() -> None:
    text = HEADER + "Lab,lab,KE,ftp//nope,KEN-1,Title,01/02/2023\n"
    errors = [str(e) for e in importing.preview(text).rows[0].errors]
    assert "Unknown type “lab”." in errors
    assert "The website is not a valid address." in errors
    assert "Dates are written YYYY-MM-DD." in errors


def test_empty_and_huge_files_are_refused() -> None:
    with pytest.raises(ValidationFailed):
        importing.preview(HEADER)
    with pytest.raises(ValidationFailed):
        importing.preview("")
    with pytest.raises(PayloadTooLarge):
        importing.preview(HEADER + "x" * (importing.MAX_BYTES + 1))


def test_only_staff_import() -> None:
    with pytest.raises(PermissionDenied):
        importing.import_organisations(GOOD, UserFactory.create())
    assert not Organisation.objects.exists()


def test_a_file_of_blank_lines_is_empty() -> None:
    for text in ("", "\ufeff", "\n\n  \n"):
        with pytest.raises(ValidationFailed) as refused:
            importing.preview(text)
        assert refused.value.code == ErrorCode.FILE_EMPTY
        assert str(refused.value.message) == "This file is empty."


def test_an_unclosed_quote_is_refused_by_the_line_it_opens_on() -> None:
    text = (
        "name,type,country\n"
        "Accra Institute,university,GH\n"
        '"Jakarta Institute of Nursing Sciences,university,ID\n'
        "Nairobi School of Public Health,university,KE\n"
    )
    with pytest.raises(ValidationFailed) as refused:
        importing.preview(text)
    assert str(refused.value.message).startswith(
        "The quotation marks on line 3 do not pair up, so the file cannot be read from there on."
    )
    closed_later = text.replace("Public Health,university", 'Public Health,"university"')
    with pytest.raises(ValidationFailed) as refused:
        importing.preview(closed_later)
    assert "on line 3 do not pair up" in str(refused.value.message)


def test_rows_are_numbered_by_the_line_they_start_on() -> None:
    text = (
        "name,type,country,description\n"
        'Accra Institute,university,GH,"Two lines\nof description"\n'
        "\n"
        "Atlantis,ngo,XX,\n"
    )
    preview = importing.preview(text)
    assert [row.line for row in preview.rows] == [2, 5]
    assert preview.rows[0].values["description"] == "Two lines\nof description"
    assert [str(e) for e in preview.rows[1].errors] == ["Unknown country “XX”."]


# The import page


def _import(client: Client, content: bytes | None) -> tuple[int, str]:
    client.force_login(StaffFactory.create())
    data = {} if content is None else {"file": SimpleUploadedFile("partners.csv", content)}
    response = client.post(reverse("organisations:import"), data)
    return response.status_code, response.content.decode()


def _file_field_errors(page: str) -> list[str]:
    """The errors shown beside the file field."""
    found = re.search(r'<p class="field-error" id="id_file_error">(.*?)</p>', page, re.S)
    assert found is not None
    return found.group(1).split("<br>")


def test_checking_without_a_file_asks_for_one(client: Client) -> None:
    status, page = _import(client, None)
    assert status == 400
    assert _file_field_errors(page) == ["Choose a file."]
    assert "columns are not the expected ones" not in page


def test_an_empty_file_is_said_to_be_empty(client: Client) -> None:
    status, page = _import(client, b"")
    assert status == 400
    assert _file_field_errors(page) == ["This file is empty."]


def test_wrong_columns_are_named_beside_the_file_field_without_the_fields_key(
    client: Client,
) -> None:
    status, page = _import(client, b"title,kind,nation,country\nA,b,c,KE\n")
    assert status == 400
    assert _file_field_errors(page) == [
        "The columns are not the expected ones. Required: name, type, country.",
        "These columns are missing: name, type.",
        "These columns are not known: title, kind, nation.",
    ]
    assert "file: " not in page
    assert not Organisation.objects.exists()


def test_a_broken_quote_is_named_by_its_line_beside_the_file_field(client: Client) -> None:
    content = b'name,type,country\nAccra,university,GH\n"Jakarta,university,ID\nNairobi,ngo,KE\n'
    status, page = _import(client, content)
    assert status == 400
    (error,) = _file_field_errors(page)
    assert error.startswith("The quotation marks on line 3 do not pair up")
    assert "Unknown type" not in page


def test_a_file_with_row_errors_is_shown_row_by_row_with_a_4xx_status(client: Client) -> None:
    status, page = _import(client, b"name,type,country\nAtlantis,ngo,XX\n")
    assert status == 400
    assert "Unknown country “XX”." in page and "nothing has been imported" in page


def test_the_expected_columns_are_listed_one_by_one_so_that_lines_break_between_them(
    client: Client,
) -> None:
    client.force_login(StaffFactory.create())
    page = client.get(reverse("organisations:import")).content.decode()
    assert "<code>redesignated_on</code>, <code>technical_unit</code>" in page
    assert "name,type" not in page
