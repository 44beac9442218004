"""Fixtures for the catalogue's tests: uploads go to a temporary folder, never var/media."""

from pathlib import Path

import pytest
from pytest_django import Settings as SettingsWrapper


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
