import os
from pathlib import Path

import pytest
from pytest_django import Settings as SettingsWrapper

# Packages made by others, fetched by `make packages-conformance` (which sets this variable):
# their tests are collected only there.
collect_ignore = [] if os.environ.get("PRAXIS_THIRD_PARTY_PACKAGES") else ["third_party"]


@pytest.fixture(autouse=True)
def _packages_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.PACKAGE_ROOT = str(tmp_path / "packages")
    settings.MEDIA_ROOT = tmp_path / "media"
