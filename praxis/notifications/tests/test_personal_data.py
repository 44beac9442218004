"""What a person's data archive says about their notices."""

from __future__ import annotations

import pytest
from django.utils import translation

from praxis.accounts.tests.factories import UserFactory
from praxis.community.notices import mention
from praxis.core.personal_data import holdings
from praxis.notifications import services

pytestmark = pytest.mark.django_db


def test_the_archive_words_each_notice_in_the_persons_language() -> None:
    person = UserFactory.create(preferred_language="es")
    services.notify(person, mention, "/community/t/x/", actor="Chen Li", thread="Turnos")
    notices = next(h for h in holdings() if h.kind == "notifications")

    # The archive is built by a background job, whose language is the site's default.
    with translation.override("en"):
        rows = notices.export_rows(person)

    assert [row["text"] for row in rows] == ["Chen Li le mencionó en «Turnos»"]
    assert rows[0]["link"] == "/community/t/x/"
    assert rows[0]["params"] == {"actor": "Chen Li", "thread": "Turnos"}
