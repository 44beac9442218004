"""Analytics and exports count only statements the platform wrote, or a client trusted for that
purpose: a client that can write statements cannot invent attendance or learning."""

from collections.abc import Sequence
from pathlib import Path

import pytest
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.tests.factories import UserFactory
from praxis.lrs.models import LrsClient, Purpose
from praxis.lrs.services import account_agent, activity, record
from praxis.lrs.tests.factories import Xapi, make_client, statement
from praxis.research import analytics
from praxis.research.tests.exporting import approved as _approved
from praxis.research.tests.exporting import csv_rows as _csv_rows
from praxis.research.tests.exporting import learners as _learners
from praxis.research.tests.exporting import run_export as _export

pytestmark = pytest.mark.django_db

EVENT = activity("https://praxis.example/events/1", "http://adlnet.gov/expapi/activities/meeting")


def _attended_through_xapi(client: Client, count: int, trusted_for: Sequence[str] = ()) -> None:
    credential = make_client([LrsClient.Scope.STATEMENTS_WRITE])
    credential.trusted_for = list(trusted_for)
    credential.save()
    xapi = Xapi(client, credential)
    for _ in range(count):
        actor = account_agent(str(UserFactory.create().uuid))
        response = xapi.post(
            "statements", statement(actor=actor, verb={"id": analytics.VERB_ATTENDED}, object=EVENT)
        )
        assert response.status_code == 200


def test_attendance_invented_by_a_client_is_not_counted(client: Client) -> None:
    for _ in range(5):
        record(account_agent(str(UserFactory.create().uuid)), analytics.VERB_ATTENDED, EVENT)
    _attended_through_xapi(client, 12)

    table = analytics.event_attendance(k=5)

    assert [values for _label, values in table.rows] == [[5, 5]]


def test_attendance_from_a_client_trusted_for_analytics_is_counted(client: Client) -> None:
    _attended_through_xapi(client, 6, trusted_for=[Purpose.ANALYTICS])

    table = analytics.event_attendance(k=5)

    assert [values for _label, values in table.rows] == [[6, 6]]


def test_export_leaves_out_what_an_untrusted_client_says_learners_did(
    client: Client,
    settings: SettingsWrapper,
    tmp_path: Path,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    settings.RESEARCH_EXPORT_ROOT = str(tmp_path / "exports")
    xapi = Xapi(client, make_client([LrsClient.Scope.STATEMENTS_WRITE]))
    for learner in _learners(5):
        xapi.post("statements", statement(actor=account_agent(str(learner.uuid))))

    rows = _csv_rows(_export(_approved(), django_capture_on_commit_callbacks))

    assert rows
    assert {row["verb"] for row in rows} == {"http://adlnet.gov/expapi/verbs/registered"}
