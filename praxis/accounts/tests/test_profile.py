"""The profile: the service, the region derived from the country, and the "My account" page."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from praxis.accounts import queries, services
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import ErrorCode, NotAuthenticated, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def test_update_profile_changes_only_the_fields_given(person: User) -> None:
    services.update_profile(person, occupation="3253", country="ke", languages=["sw", "en", "sw"])

    person.refresh_from_db()
    assert person.occupation_id == "3253"
    assert person.country == "KE"
    assert person.languages == ["sw", "en"]
    assert person.full_name == "Amina Diallo"


def test_update_profile_clears_optional_fields(person: User) -> None:
    services.update_profile(person, occupation="2221", country="SN", organisation_name="CHU")

    services.update_profile(person, occupation=None, country="", organisation_name="")

    person.refresh_from_db()
    assert (person.occupation, person.country, person.organisation_name) == (None, "", "")


def test_bad_update_writes_nothing(person: User) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.update_profile(person, full_name="Amina D.", country="XX")

    assert error.value.code == ErrorCode.UNKNOWN_COUNTRY
    person.refresh_from_db()
    assert person.full_name == "Amina Diallo"


def test_nobody_updates_another_persons_profile(person: User) -> None:
    other = UserFactory.create(full_name="Somebody Else")

    with pytest.raises(PermissionDenied):
        services.update_profile(other, by=person, full_name="Hijacked")

    other.refresh_from_db()
    assert other.full_name == "Somebody Else"


def test_anonymous_cannot_update_a_profile(person: User) -> None:
    with pytest.raises(NotAuthenticated):
        services.update_profile(person, by=AnonymousUser(), full_name="Nobody")  # type: ignore[arg-type]  # anonymous on purpose


def test_update_profile_refuses_fields_that_are_not_part_of_the_profile(person: User) -> None:
    with pytest.raises(TypeError):
        services.update_profile(person, is_staff=True)


# The WHO region follows the country, and the regions change over time.


def test_indonesia_is_in_south_east_asia_before_23_may_2025_and_western_pacific_from_then() -> None:
    person = UserFactory.create(country="ID")

    assert queries.who_region_of(person, on=datetime.date(2025, 5, 22)) == "SEAR"
    assert queries.who_region_of(person, on=datetime.date(2025, 5, 23)) == "WPR"
    assert queries.who_region_of(person, on=datetime.date(2026, 1, 1)) == "WPR"


@pytest.mark.parametrize(
    ("country", "region"), [("KE", "AFR"), ("BR", "AMR"), ("EG", "EMR"), ("FR", "EUR"), ("", None)]
)
def test_region_follows_the_country(country: str, region: str | None) -> None:
    assert queries.who_region_of(UserFactory.create(country=country)) == region


def test_territory_outside_the_member_states_has_no_region() -> None:
    assert queries.who_region_of(UserFactory.create(country="AQ")) is None


# The page


def test_profile_page_needs_a_login(client: Client) -> None:
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_profile_page_groups_occupations_by_who_group(person_client: Client) -> None:
    html = person_client.get(reverse("accounts:profile")).content.decode()

    assert '<optgroup label="Health professionals">' in html
    assert '<optgroup label="Personal care workers in health services">' in html
    assert '<option value="2221">Nursing professionals</option>' in html


def test_profile_page_shows_the_region_derived_from_the_country(
    person_client: Client, person: User
) -> None:
    services.update_profile(person, country="ID")

    html = person_client.get(reverse("accounts:profile")).content.decode()

    assert "Western Pacific Region (WPR)" in html


def test_profile_page_names_countries_in_the_interface_language(person_client: Client) -> None:
    person_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    html = person_client.get(reverse("accounts:profile")).content.decode()

    assert '<option value="DE">Allemagne</option>' in html


def test_profile_page_offers_languages_under_their_own_names(person_client: Client) -> None:
    html = person_client.get(reverse("accounts:profile")).content.decode()

    for name in ("Kiswahili", "Português", "हिन्दी", "বাংলা", "Bahasa Indonesia", "日本語"):
        assert name in html


def test_saving_the_profile_page_updates_it_and_switches_the_language(
    person_client: Client, person: User
) -> None:
    response = person_client.post(
        reverse("accounts:profile"),
        {
            "full_name": "Amina Diallo-Sow",
            "occupation": "2222",
            "country": "SN",
            "languages": ["fr", "en"],
            "preferred_language": "fr",
            "organisation_name": "Centre de santé de Pikine",
        },
    )

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    person.refresh_from_db()
    assert person.full_name == "Amina Diallo-Sow"
    assert person.occupation_id == "2222"
    assert person.languages == ["fr", "en"]
    assert person.preferred_language == "fr"
    page = person_client.get(response["Location"])
    assert page.content.decode().startswith('<!doctype html>\n<html lang="fr"')
    assert "Votre profil a été enregistré." in page.content.decode()


def test_the_zone_list_offers_places_and_keeps_a_zone_chosen_under_an_older_name(
    person_client: Client, person: User
) -> None:
    offered = person_client.get(reverse("accounts:profile")).content.decode()
    assert '<option value="Africa/Nairobi">Africa/Nairobi</option>' in offered
    assert '<option value="America/Argentina/Buenos_Aires">' in offered
    for technical in ("Factory", "localtime", "GB-Eire", "W-SU", "EST5EDT", "Etc/GMT+3"):
        assert f'<option value="{technical}"' not in offered, technical
    person.time_zone = "US/Eastern"
    person.save(update_fields=["time_zone"])
    page = person_client.get(reverse("accounts:profile")).content.decode()
    assert '<option selected value="US/Eastern">US/Eastern</option>' in page
    kept = {
        "full_name": person.full_name,
        "country": "US",
        "languages": ["en"],
        "preferred_language": "en",
        "time_zone": "US/Eastern",
    }
    assert person_client.post(reverse("accounts:profile"), kept).status_code == 302
    person.refresh_from_db()
    assert person.time_zone == "US/Eastern"
    refused = person_client.post(reverse("accounts:profile"), {**kept, "time_zone": "Mars/Olympus"})
    assert refused.status_code == 400
    person.refresh_from_db()
    assert person.time_zone == "US/Eastern"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("full_name", ""),
        ("full_name", "x" * 151),
        ("occupation", "9999"),
        ("country", "XX"),
        ("languages", "klingon"),
        ("preferred_language", "ja"),
        ("organisation_name", "o" * 201),
    ],
)
def test_bad_profile_form_is_shown_again_and_nothing_changes(
    person_client: Client, person: User, field: str, value: str
) -> None:
    data = {"full_name": "Amina Diallo", "preferred_language": "en", field: value}

    response = person_client.post(reverse("accounts:profile"), data)

    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    person.refresh_from_db()
    assert person.full_name == "Amina Diallo"
    assert person.country == ""


def test_profile_page_of_an_unverified_person_offers_a_new_link(client: Client) -> None:
    person = UserFactory.create(email_verified_at=None)
    client.force_login(person)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert "Please confirm your e-mail address" in html
    assert reverse("accounts:resend_verification") in html


def test_profile_page_is_served_in_arabic_right_to_left(person_client: Client) -> None:
    person_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"

    html = person_client.get(reverse("accounts:profile")).content.decode()

    assert '<html lang="ar" dir="rtl">' in html


def test_year_of_birth_is_optional_and_can_be_cleared(person: User) -> None:
    services.update_profile(person, birth_year="1985")
    person.refresh_from_db()
    assert person.birth_year == 1985

    services.update_profile(person, birth_year="")

    person.refresh_from_db()
    assert person.birth_year is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("85", "four digits"),
        ("19851", "four digits"),
        ("nineteen", "four digits"),
        ("1985.0", "four digits"),
        (1985.5, "four digits"),
        (True, "four digits"),
        ([1985], "four digits"),
        (str(datetime.date.today().year + 1), "in the future"),
        (str(datetime.date.today().year - 5), "from"),
        (str(datetime.date.today().year - 101), "from"),
    ],
)
def test_a_bad_year_of_birth_is_refused_with_a_field_error(
    person: User, value: bool | float | str | list[int], message: str
) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.update_profile(person, full_name="Changed", birth_year=value)

    assert error.value.code == ErrorCode.INVALID_BIRTH_YEAR
    assert message in str(error.value.fields["birth_year"][0])
    person.refresh_from_db()
    assert person.birth_year is None
    assert person.full_name == "Amina Diallo"


def test_years_of_birth_at_the_edges_of_the_age_range_are_accepted(person: User) -> None:
    this_year = datetime.date.today().year
    for year in (this_year - 15, this_year - 100):
        services.update_profile(person, birth_year=year)
        person.refresh_from_db()
        assert person.birth_year == year


def test_profile_page_explains_and_saves_the_year_of_birth(
    person_client: Client, person: User
) -> None:
    page = person_client.get(reverse("accounts:profile")).content.decode()
    assert "Year of birth (optional)" in page
    assert "broad age band" in page

    response = person_client.post(
        reverse("accounts:profile"),
        {"full_name": "Amina Diallo", "preferred_language": "en", "birth_year": " 1990 "},
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.birth_year == 1990
    assert 'value="1990"' in person_client.get(reverse("accounts:profile")).content.decode()


def test_profile_page_shows_a_bad_year_of_birth_next_to_the_field(
    person_client: Client, person: User
) -> None:
    response = person_client.post(
        reverse("accounts:profile"),
        {"full_name": "Amina Diallo", "preferred_language": "en", "birth_year": "3000"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert "The year of birth is in the future." in html
    person.refresh_from_db()
    assert person.birth_year is None


def test_the_data_saver_is_turned_on_and_off_in_the_profile(
    person_client: Client, person: User
) -> None:
    page = person_client.get(reverse("accounts:profile")).content.decode()
    assert 'name="data_saver"' in page

    basics = {"full_name": person.full_name, "preferred_language": "en"}
    saved = person_client.post(reverse("accounts:profile"), {**basics, "data_saver": "on"})
    assert saved.status_code == 302
    person.refresh_from_db()
    assert person.data_saver is True
    assert "Data saver is on" in person_client.get(reverse("accounts:profile")).content.decode()

    person_client.post(reverse("accounts:profile"), basics)
    person.refresh_from_db()
    assert person.data_saver is False
