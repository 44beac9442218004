"""The shipped frameworks are named in the reader's language (a test catalogue stands in for
the translations filled in later); an imported framework keeps the name it came with."""

import pytest
from django.test import Client
from django.urls import reverse

from praxis.competencies.models import SHIPPED_FRAMEWORKS, Framework
from praxis.competencies.skeletons import skeleton_packages
from praxis.core.tests.catalogues import add_test_translations

pytestmark = pytest.mark.django_db

UHC = "Global Competency and Outcomes Framework for Universal Health Coverage (skeleton)"
UHC_ES = "Marco mundial de competencias y resultados para la cobertura sanitaria universal"


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    add_test_translations(monkeypatch, "es", {UHC: UHC_ES})


def test_frameworks_page_names_the_shipped_framework_in_spanish(
    client: Client, spanish: None
) -> None:
    page = client.get(reverse("competencies:frameworks"), HTTP_ACCEPT_LANGUAGE="es").text
    assert UHC_ES in page
    assert UHC not in page


def test_framework_page_is_titled_in_spanish(client: Client, spanish: None) -> None:
    url = reverse("competencies:framework", args=["who-gcof-uhc-2022"])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="es").text
    assert f'<h1 dir="auto">{UHC_ES}</h1>' in page


def test_the_case_export_keeps_the_shipped_english_title(client: Client, spanish: None) -> None:
    url = reverse("competencies:case", args=["who-gcof-uhc-2022"])
    package = client.get(url, HTTP_ACCEPT_LANGUAGE="es").json()
    assert package["CFDocument"]["title"] == UHC


def test_a_renamed_framework_keeps_its_name(client: Client, spanish: None) -> None:
    Framework.objects.filter(slug="who-gcof-uhc-2022").update(title="Marco UHC del ministerio")
    page = client.get(reverse("competencies:frameworks"), HTTP_ACCEPT_LANGUAGE="es").text
    assert "Marco UHC del ministerio" in page


def test_every_shipped_framework_has_a_translatable_name() -> None:
    titles = {slug: package["CFDocument"]["title"] for slug, package in skeleton_packages()}
    assert {slug: english for slug, (english, _) in SHIPPED_FRAMEWORKS.items()} == titles
