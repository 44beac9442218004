"""Importing organisations from CSV: preview, row-level errors, all rows or none."""

import pytest

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
    assert "Missing: name, type, country" in str(refused.value.fields["file"][0])


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
