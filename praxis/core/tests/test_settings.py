"""Settings read from the environment, checked in a fresh process as `make run` would start one."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from praxis.settings import site_url

ROOT = Path(__file__).resolve().parents[3]
README = ROOT / "README.md"
READ_BACK = """
import json, uuid, django
django.setup()
from django.conf import settings
from praxis.catalog.models import Course
from praxis.catalog.xapi import course_activity_id
from praxis.credentials.keys import issuer_did
from praxis.events.xapi import EXTENSION_ATTENDANCE_METHOD
print(json.dumps({
    "site_url": settings.SITE_URL,
    "csrf_trusted_origins": settings.CSRF_TRUSTED_ORIGINS,
    "course_iri": course_activity_id(Course(uuid=uuid.UUID(int=1))),
    "attendance_extension": EXTENSION_ATTENDANCE_METHOD,
    "issuer": issuer_did(),
}))
"""


def settings_with(tmp_path: Path, **environment: str) -> dict[str, object]:
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name not in {"SITE_URL", "PORT", "CSRF_TRUSTED_ORIGINS"}
    }
    completed = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", READ_BACK],
        cwd=ROOT,
        env={
            **inherited,
            "DJANGO_SETTINGS_MODULE": "praxis.settings",
            "PRAXIS_VAR_DIR": str(tmp_path),
            **environment,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    seen: dict[str, object] = json.loads(completed.stdout)
    return seen


def test_without_site_url_every_link_follows_the_port_served(tmp_path: Path) -> None:
    seen = settings_with(tmp_path, PORT="8101")
    assert seen == {
        "site_url": "http://127.0.0.1:8101",
        "csrf_trusted_origins": ["http://127.0.0.1:8101"],
        "course_iri": "http://127.0.0.1:8101/xapi/activities/course/"
        "00000000-0000-0000-0000-000000000001",
        "attendance_extension": "http://127.0.0.1:8101/xapi/extensions/attendance-method",
        "issuer": "did:web:127.0.0.1%3A8101",
    }


@pytest.mark.parametrize(
    ("environment", "url"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8101"}, "http://127.0.0.1:8101"),
        (
            {"PORT": "8101", "SITE_URL": "https://academy.example.org/"},
            "https://academy.example.org",
        ),
    ],
)
def test_site_url_is_set_or_follows_the_port(environment: dict[str, str], url: str) -> None:
    assert site_url(environment) == url


def test_every_variable_the_settings_read_is_documented_in_the_readme() -> None:
    source = (ROOT / "praxis" / "settings.py").read_text(encoding="utf-8")
    read = set(
        re.findall(r"(?:environ\.get|env_bool|env_int|env_list)\(\s*[\"']([A-Z0-9_]+)[\"']", source)
    )
    read -= {"PYTEST_XDIST_WORKER"}  # set by the test runner itself
    configuration = README.read_text(encoding="utf-8").split("## Configuration", 1)[1]
    configuration = configuration.split("\n## ", 1)[0]
    assert read >= {"SITE_URL", "PORT", "TRUSTED_PROXY_HOPS", "AWS_STORAGE_BUCKET_NAME"}
    assert sorted(name for name in read if f"`{name}`" not in configuration) == []
