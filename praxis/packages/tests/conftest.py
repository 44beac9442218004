from pathlib import Path

import pytest
from pytest_django import Settings as SettingsWrapper


@pytest.fixture(autouse=True)
def _packages_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.PACKAGE_ROOT = str(tmp_path / "packages")
    settings.MEDIA_ROOT = tmp_path / "media"
