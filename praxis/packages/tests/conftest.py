import os
from pathlib import Path

import pytest
from pytest_django import Settings as SettingsWrapper

from praxis.packages.tests import crafting_h5p
from praxis.packages.tests.learner_au import HOST, Place, place_of

# Packages made by others, fetched by `make packages-conformance` (which sets this variable):
# their tests are collected only there.
collect_ignore = [] if os.environ.get("PRAXIS_THIRD_PARTY_PACKAGES") else ["third_party"]


@pytest.fixture(autouse=True)
def _packages_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.PACKAGE_ROOT = str(tmp_path / "packages")
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def on_package_host(settings: SettingsWrapper) -> None:
    """Package content served on an origin of its own (the test client's `HOST`), as a
    deployment serves it apart from the site."""
    settings.PACKAGE_ORIGIN = f"http://{HOST}"


@pytest.fixture
def h5p_place() -> Place:
    """The crafted H5P content as a published lesson, and a learner enrolled in its course."""
    return place_of(crafting_h5p.h5p_zip())
