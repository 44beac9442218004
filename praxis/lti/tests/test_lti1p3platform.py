"""Praxis as an LTI 1.3 tool, launched by lti1p3platform, an independent platform library:
login initiation → Praxis's authentication request → the id_token the library signs →
Praxis signs the learner in and enrols them → their progress goes back as a score through the
platform's token endpoint (the library's client assertion check) and line item."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Enrolment, LessonProgress
from praxis.lti.models import PlatformAccount, PlatformEnrolment, PlatformLogin
from praxis.lti.tests.conftest import Offered
from praxis.lti.tests.lms import AUTH_URL, LINEITEM, SCORES, TOKEN_URL, Learner, Lms

pytestmark = pytest.mark.django_db

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def local(url: str) -> str:
    assert url.startswith(settings.SITE_URL), url
    return url.removeprefix(settings.SITE_URL)


def authentication_request(lms: Lms, learner: Learner, target: str) -> str:
    """The browser follows the platform's login initiation; Praxis answers with its
    authentication request to the platform."""
    response = lms.browser.get(local(lms.initiation(learner, target)))
    assert response.status_code == 302
    return str(response["Location"])


def launch(
    offered: Offered,
    learner: Learner,
    *,
    target: str | None = None,
    **answer: Any,
) -> Any:
    """A whole launch: the response to the id_token the browser posts to Praxis."""
    lms, target = offered.lms, target or offered.target
    as_json = answer.pop("json", False)
    posted = lms.answer(authentication_request(lms, learner, target), learner, target, **answer)
    assert posted["launch_url"] == settings.SITE_URL + reverse("lti:tool_launch")
    return lms.browser.post(
        local(posted["launch_url"]),
        {"id_token": posted["id_token"], "state": posted["state"]},
        headers={"Accept": "application/json"} if as_json else {},
    )


def complete(browser: Client, offered: Offered, index: int) -> None:
    lesson = offered.lessons[index]
    response = browser.post(
        reverse("catalog:complete_lesson", args=[offered.course.slug, lesson.uuid])
    )
    assert response.status_code in {200, 302}


def test_the_authentication_request_names_praxis_as_the_tool(offered: Offered) -> None:
    url = authentication_request(offered.lms, Learner("moodle-user-17"), offered.target)

    assert url.startswith(AUTH_URL + "?")
    params = dict(parse_qsl(urlsplit(url).query))
    assert params["scope"] == "openid" and params["response_type"] == "id_token"
    assert params["response_mode"] == "form_post" and params["prompt"] == "none"
    assert params["client_id"] == offered.lms.client_id
    assert params["redirect_uri"] == settings.SITE_URL + reverse("lti:tool_launch")
    assert params["login_hint"] == "moodle-user-17"
    assert params["lti_message_hint"] == "resource-link-31"
    assert params["state"] and params["nonce"] and params["state"] != params["nonce"]
    # The state is bound to this browser by a cookie the platform's cross-site post brings back.
    cookie = offered.lms.browser.cookies[f"praxis_lti_state_{params['state']}"]
    assert cookie["samesite"] == "None" and cookie["secure"] and cookie["httponly"]


def test_a_launch_signs_in_a_new_learner_enrolled_in_the_course(offered: Offered) -> None:
    response = launch(offered, Learner("moodle-user-17"))

    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:course", args=["sepsis-er"])
    account = PlatformAccount.objects.get(sub="moodle-user-17")
    learner = account.learner
    assert account.issuer == "https://lms.example" and account.platform == offered.platform
    assert learner.full_name == "Nadia Haddad"
    assert learner.email == "nadia@hospital.example"
    assert not learner.has_usable_password()
    assert Enrolment.objects.get(learner=learner).course == offered.course
    link = PlatformEnrolment.objects.get(account=account)
    assert link.lineitem == LINEITEM and "score" in " ".join(link.scopes)
    page = offered.lms.browser.get(response["Location"])
    assert page.wsgi_request.user == learner
    assert "Sepsis in the emergency room" in page.content.decode()
    assert PlatformLogin.objects.get().used_at is not None


def test_the_same_platform_user_is_the_same_account_at_every_launch(offered: Offered) -> None:
    launch(offered, Learner("moodle-user-17"))
    launch(offered, Learner("moodle-user-17"))

    assert User.objects.filter(lti_platform_accounts__sub="moodle-user-17").count() == 1
    assert Enrolment.objects.count() == 1
    assert PlatformLogin.objects.filter(used_at__isnull=False).count() == 2


def test_an_address_already_taken_is_never_merged_into(offered: Offered) -> None:
    existing = UserFactory.create(email="Nadia@Hospital.example")

    launch(offered, Learner("moodle-user-17"))

    learner = PlatformAccount.objects.get(sub="moodle-user-17").learner
    assert learner != existing
    assert learner.email.endswith("@lti-platform.invalid")
    assert not Enrolment.objects.filter(learner=existing).exists()


def test_without_an_address_the_account_has_none_of_use(offered: Offered) -> None:
    launch(offered, Learner("moodle-user-18", name="", email=None))

    learner = PlatformAccount.objects.get(sub="moodle-user-18").learner
    assert learner.email.endswith("@lti-platform.invalid") and learner.full_name == ""


def test_a_custom_parameter_names_the_course(offered: Offered) -> None:
    response = launch(
        offered,
        Learner("moodle-user-17"),
        target=settings.SITE_URL + reverse("lti:tool_launch"),
        custom={"praxis_course": "sepsis-er"},
    )

    assert response["Location"] == reverse("catalog:course", args=["sepsis-er"])


def test_progress_and_completion_go_back_to_the_platform(
    offered: Offered, django_capture_on_commit_callbacks: Capture
) -> None:
    lms = offered.lms
    launch(offered, Learner("moodle-user-17"))

    with django_capture_on_commit_callbacks(execute=True):
        complete(lms.browser, offered, 0)
    with django_capture_on_commit_callbacks(execute=True):
        complete(lms.browser, offered, 1)
        complete(lms.browser, offered, 2)

    given = [(s["scoreGiven"], s["activityProgress"], s["gradingProgress"]) for s in lms.scores]
    assert given == [
        (33, "InProgress", "Pending"),
        (66, "InProgress", "Pending"),
        (100, "Completed", "FullyGraded"),
    ]
    assert {s["userId"] for s in lms.scores} == {"moodle-user-17"}
    assert {s["scoreMaximum"] for s in lms.scores} == {100}
    assert all(s["timestamp"].endswith("+00:00") for s in lms.scores)
    # One access token (the library checked Praxis's client assertion), kept for the next scores.
    assert [call for call in lms.calls if call[1] == urlsplit(TOKEN_URL).path] == [
        ("POST", urlsplit(TOKEN_URL).path, 200)
    ]
    assert [c[2] for c in lms.calls if c[1] == urlsplit(SCORES).path] == [200, 200, 200]
    link = PlatformEnrolment.objects.get()
    assert (link.sent_percent, link.sent_completed) == (100, True)


def test_a_platform_down_for_a_moment_still_gets_the_score(
    offered: Offered, django_capture_on_commit_callbacks: Capture
) -> None:
    lms = offered.lms
    launch(offered, Learner("moodle-user-17"))
    lms.down = 2

    with django_capture_on_commit_callbacks(execute=True):
        complete(lms.browser, offered, 0)

    assert [s["scoreGiven"] for s in lms.scores] == [33]


def test_a_platform_down_for_long_never_breaks_the_learners_request(
    offered: Offered, django_capture_on_commit_callbacks: Capture
) -> None:
    lms = offered.lms
    launch(offered, Learner("moodle-user-17"))
    lms.down = 100

    with django_capture_on_commit_callbacks(execute=True):
        complete(lms.browser, offered, 0)

    assert lms.scores == []
    link = PlatformEnrolment.objects.get()
    assert (link.percent, link.sent_at) == (33, None)
    # The progress is kept: the next change sends it, once the platform is back.
    lms.down = 0
    with django_capture_on_commit_callbacks(execute=True):
        complete(lms.browser, offered, 1)
    assert [s["scoreGiven"] for s in lms.scores] == [66]


def test_a_platform_refusing_the_token_leaves_the_learner_unaffected(
    offered: Offered, django_capture_on_commit_callbacks: Capture
) -> None:
    lms = offered.lms
    launch(offered, Learner("moodle-user-17"))
    lms.tool_keys = {"keys": []}  # the platform has lost Praxis's key set

    with django_capture_on_commit_callbacks(execute=True):
        complete(lms.browser, offered, 0)

    assert lms.scores == []
    assert ("POST", urlsplit(TOKEN_URL).path, 401) in lms.calls
    assert LessonProgress.objects.filter(completed_at__isnull=False).count() == 1


def test_a_launch_without_grade_services_posts_nothing(
    offered: Offered, django_capture_on_commit_callbacks: Capture
) -> None:
    launch(offered, Learner("moodle-user-17"), ags=False)

    with django_capture_on_commit_callbacks(execute=True):
        complete(offered.lms.browser, offered, 0)

    assert PlatformEnrolment.objects.get().lineitem == ""
    assert offered.lms.scores == [] and offered.lms.calls == [("GET", "/mod/lti/certs.php", 200)]


def test_a_returning_learner_with_progress_is_reported_at_launch(
    offered: Offered, django_capture_on_commit_callbacks: Capture
) -> None:
    launch(offered, Learner("moodle-user-17"))
    with django_capture_on_commit_callbacks(execute=True):
        complete(offered.lms.browser, offered, 0)
    PlatformEnrolment.objects.update(sent_at=None, sent_percent=None)
    offered.lms.scores.clear()

    with django_capture_on_commit_callbacks(execute=True):
        launch(offered, Learner("moodle-user-17"))

    assert [s["scoreGiven"] for s in offered.lms.scores] == [33]
