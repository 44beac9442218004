"""Framework browser and the CASE upload page."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from praxis.accounts.models import User
from praxis.competencies.models import Framework
from praxis.competencies.tests.test_case import small_package

pytestmark = pytest.mark.django_db


def test_framework_browser_lists_and_shows_the_tree(client: Client) -> None:
    page = client.get(reverse("competencies:frameworks")).content.decode()
    assert "Universal Health Coverage" in page
    detail = client.get(reverse("competencies:framework", args=["who-gcof-uhc-2022"]))
    text = detail.content.decode()
    assert "People-centredness" in text and "PA1.20" in text and "Observes only" in text


def test_case_download_is_the_package(client: Client) -> None:
    response = client.get(reverse("competencies:case", args=["who-gcof-uhc-2022"]))
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["CFDocument"]["version"] == "2022"


def test_staff_upload_a_case_file(client: Client, staff: User) -> None:
    client.force_login(staff)
    upload = SimpleUploadedFile("f.json", json.dumps(small_package()).encode(), "application/json")
    response = client.post(reverse("competencies:import"), {"package": upload}, follow=True)
    assert "Midwifery competencies" in response.content.decode()


def test_upload_with_a_cycle_shows_the_error_and_writes_nothing(
    client: Client, staff: User
) -> None:
    package = small_package()
    package["CFAssociations"][0]["destinationNodeURI"]["identifier"] = package["CFItems"][1][
        "identifier"
    ]
    client.force_login(staff)
    upload = SimpleUploadedFile("f.json", json.dumps(package).encode(), "application/json")
    response = client.post(reverse("competencies:import"), {"package": upload})
    assert response.status_code == 400
    assert "cycle" in response.content.decode()
    assert not Framework.objects.filter(title="Midwifery competencies").exists()


def test_upload_without_a_file_shows_the_error_on_the_field(client: Client, staff: User) -> None:
    client.force_login(staff)
    response = client.post(reverse("competencies:import"), {})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_package"' in page and "Choose a CASE JSON file." in page
    assert 'aria-invalid="true"' in page


def test_upload_page_is_for_staff(client: Client, learner: User) -> None:
    client.force_login(learner)
    assert client.get(reverse("competencies:import")).status_code == 403


@pytest.mark.parametrize("name", ["framework", "competencyitem", "targetprofile", "evidence"])
def test_back_office_lists_open_for_staff(client: Client, staff: User, name: str) -> None:
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    assert client.get(reverse(f"admin:competencies_{name}_changelist")).status_code == 200
