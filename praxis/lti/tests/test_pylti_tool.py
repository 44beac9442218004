"""A full LTI 1.3 launch and grade passback against pylti1p3, an independent tool library:
OIDC login initiation → the tool's authentication request → the id_token pylti1p3 validates
with Praxis's JWKS → a score posted back by Assignment and Grade Services → the lesson done."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from pylti1p3.grade import Grade

from praxis.catalog.models import LessonProgress
from praxis.lrs.models import Statement
from praxis.lrs.vocabulary import VERB_FAILED, VERB_PASSED
from praxis.lti.models import LineItem, Score
from praxis.lti.tests.conftest import Placement
from praxis.lti.tests.tool import LAUNCH_URL, LOGIN_URL, ToolLaunch, form_post

pytestmark = pytest.mark.django_db

LTI = "https://purl.imsglobal.org/spec/lti/claim/"


def open_tool(placement: Placement) -> str:
    """The learner presses "Open" on the lesson: Praxis sends them to the tool's login URL."""
    response = placement.browser.post(
        reverse("catalog:launch_tool", args=[placement.course.slug, placement.lesson.uuid])
    )
    assert response.status_code == 302
    return str(response["Location"])


def launch(placement: Placement) -> ToolLaunch:
    initiation = open_tool(placement)
    authentication = placement.tool.login(initiation)
    page = placement.browser.get(authentication.removeprefix(settings.SITE_URL))
    assert page.status_code == 200
    action, fields = form_post(page.content.decode())
    assert action == LAUNCH_URL
    return placement.tool.launch(fields)


def grade(launch: ToolLaunch, given: float, maximum: float, progress: str = "FullyGraded") -> None:
    launch.get_ags().put_grade(
        Grade()
        .set_score_given(given)
        .set_score_maximum(maximum)
        .set_timestamp(datetime.now(tz=UTC).isoformat())
        .set_activity_progress("Completed")
        .set_grading_progress(progress)
        .set_user_id(launch.get_launch_data()["sub"])
    )


def test_login_initiation_names_the_platform_learner_and_launch(placement: Placement) -> None:
    initiation = open_tool(placement)
    assert initiation.startswith(LOGIN_URL + "?")
    params = dict(parse_qsl(urlsplit(initiation).query))
    registration = placement.tool.registration
    assert registration is not None
    assert params["iss"] == settings.SITE_URL
    assert params["client_id"] == registration.client_id
    assert params["lti_deployment_id"] == registration.deployment_id
    assert params["target_link_uri"] == LAUNCH_URL
    assert params["login_hint"] and params["lti_message_hint"]


def test_pylti1p3_validates_the_id_token_and_reads_the_launch(placement: Placement) -> None:
    data: dict[str, Any] = dict(launch(placement).get_launch_data())

    assert data[LTI + "message_type"] == "LtiResourceLinkRequest"
    assert data[LTI + "version"] == "1.3.0"
    assert data[LTI + "resource_link"]["id"] == str(placement.link.uuid)
    assert data[LTI + "context"]["id"] == str(placement.course.uuid)
    assert data[LTI + "context"]["title"] == "Sepsis in the emergency room"
    assert data[LTI + "roles"] == ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"]
    assert data[LTI + "launch_presentation"]["locale"] == "fr"
    # Not trusted with them: neither name nor e-mail address leaves Praxis.
    assert "name" not in data and "email" not in data


def test_a_trusted_tool_receives_the_learners_name_and_email(placement: Placement) -> None:
    registration = placement.tool.registration
    assert registration is not None
    registration.share_name = registration.share_email = True
    registration.save()

    data = launch(placement).get_launch_data()

    assert data["name"] == "Amina Diallo"
    assert data["email"] == placement.learner.email


def test_the_learner_is_the_same_subject_at_every_launch(placement: Placement) -> None:
    first = launch(placement).get_launch_data()["sub"]
    second = launch(placement).get_launch_data()["sub"]
    assert first == second
    assert str(placement.learner.pk) != first and placement.learner.email != first


def test_a_passing_score_from_the_tool_completes_the_lesson(placement: Placement) -> None:
    tool_launch = launch(placement)

    grade(tool_launch, 9, 10)

    progress = LessonProgress.objects.get(learner=placement.learner, lesson=placement.lesson)
    assert progress.completed_at is not None
    score = Score.objects.get(learner=placement.learner)
    assert (score.score_given, score.score_maximum) == (9, 10)
    passed = Statement.objects.get(verb_id=VERB_PASSED)
    assert passed.data["result"]["score"]["scaled"] == 0.9
    assert passed.data["actor"]["account"]["name"] == str(placement.learner.uuid)
    page = placement.browser.get(
        reverse("catalog:lesson", args=[placement.course.slug, placement.lesson.uuid])
    )
    assert "done" in page.content.decode()
    # The grade went through the token endpoint, then the line item's scores.
    paths = [(method, path, status) for method, path, status in placement.tool.transport.calls]
    assert ("POST", "/lti/token", 200) in paths
    line_item = LineItem.objects.get(link=placement.link)
    assert ("POST", f"/lti/lineitems/{line_item.uuid}/scores", 204) in paths


def test_a_score_below_the_pass_mark_is_kept_but_completes_nothing(placement: Placement) -> None:
    grade(launch(placement), 7, 10)

    assert Statement.objects.filter(verb_id=VERB_FAILED).count() == 1

    assert Score.objects.get(learner=placement.learner).score_given == 7
    assert not LessonProgress.objects.filter(
        learner=placement.learner, lesson=placement.lesson, completed_at__isnull=False
    ).exists()


def test_a_score_not_yet_fully_graded_completes_nothing(placement: Placement) -> None:
    grade(launch(placement), 10, 10, progress="PendingManual")

    assert not LessonProgress.objects.filter(
        learner=placement.learner, lesson=placement.lesson, completed_at__isnull=False
    ).exists()


def test_the_tool_reads_back_its_line_item_and_results(placement: Placement) -> None:
    tool_launch = launch(placement)
    grade(tool_launch, 9, 10)
    ags = tool_launch.get_ags()

    item = ags.get_lineitem()
    results = ags.get_grades(item)

    assert item.get_label() == placement.link.title
    assert item.get_score_maximum() == 100
    assert [(r["userId"], r["resultScore"]) for r in results] == [
        (tool_launch.get_launch_data()["sub"], 9)
    ]
