"""A learning platform's instructor adds Praxis courses to their course (Deep Linking 2.0, with
Praxis as the tool), checked by lti1p3platform, an independent platform library: its deep
linking request → Praxis's page of published courses → the signed answer the library reads →
a learner's later launch of the added link opens the course."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from praxis.catalog import services
from praxis.catalog.models import Course, Enrolment
from praxis.catalog.tests.factories import CourseFactory
from praxis.lti.models import PlatformAccount, PlatformLogin
from praxis.lti.tests.conftest import Offered
from praxis.lti.tests.lms import DEEP_LINK_RETURN, INSTRUCTOR, LEARNER, Learner
from praxis.lti.tests.test_lti1p3platform import launch
from praxis.lti.tests.tool import form_post

pytestmark = pytest.mark.django_db

TEACHER = Learner("moodle-teacher-3", name="Omar Farouk", email="omar@hospital.example")
SETTINGS = {"deep_link_return_url": DEEP_LINK_RETURN, "title": "Week 2", "extra_data": {"s": 9}}


def ask(offered: Offered, who: Learner = TEACHER, **answer: Any) -> Any:
    """The platform's deep linking request, as the instructor's browser posts it to Praxis."""
    answer.setdefault("deep_linking", SETTINGS)
    answer.setdefault("roles", [INSTRUCTOR])
    return launch(offered, who, target=settings.SITE_URL + reverse("lti:tool_launch"), **answer)


def choose(browser: Client, page: str, **data: Any) -> Any:
    return browser.post(page, data)


def test_an_instructor_adds_a_course_the_platform_reads_and_learners_launch(
    offered: Offered,
) -> None:
    for course in (offered.course, CourseFactory.create(title="Oxygen therapy", slug="oxygen")):
        services.reindex_course(course)
    asked = ask(offered)
    assert asked.status_code == 302
    page = asked["Location"]
    assert page.startswith("/lti/tool/deep-linking/")
    browser = offered.lms.browser

    shown = browser.get(page)
    assert shown.status_code == 200
    html = shown.content.decode()
    assert "Sepsis in the emergency room" in html and "Oxygen therapy" in html
    assert "Hospital Moodle" in html
    searched = browser.get(page, {"q": "oxygen"}).content.decode()
    assert "Oxygen therapy" in searched and "Sepsis in the emergency room" not in searched

    answered = choose(browser, page, course=["sepsis-er"])

    assert answered.status_code == 200
    assert f"form-action 'self' {DEEP_LINK_RETURN}" in answered["Content-Security-Policy"]
    url, fields = form_post(answered.content.decode())
    assert url == DEEP_LINK_RETURN
    items = offered.lms.content_items(fields["JWT"])
    assert items == [
        {
            "type": "ltiResourceLink",
            "title": "Sepsis in the emergency room",
            "url": settings.SITE_URL + reverse("catalog:course", args=["sepsis-er"]),
            "custom": {"praxis_course": "sepsis-er"},
            "lineItem": {"scoreMaximum": 100, "label": "Sepsis in the emergency room"},
        }
    ]
    # The instructor's own account is linked as any launched person's, and enrolled nowhere.
    teacher = PlatformAccount.objects.get(sub=TEACHER.sub).learner
    assert not Enrolment.objects.filter(learner=teacher).exists()
    # The request is answered once.
    assert choose(browser, page, course=["sepsis-er"]).status_code == 403

    # A learner opens the added link: the platform launches its url with its custom parameters.
    item = items[0]
    opened = launch(offered, Learner("moodle-user-17"), target=item["url"], custom=item["custom"])
    assert opened["Location"] == reverse("catalog:course", args=["sepsis-er"])
    learner = PlatformAccount.objects.get(sub="moodle-user-17").learner
    assert Enrolment.objects.get(learner=learner).course == offered.course


def test_the_answer_carries_the_platforms_data_back(offered: Offered) -> None:
    page = ask(offered)["Location"]

    answered = choose(offered.lms.browser, page, course=["sepsis-er"])

    token = form_post(answered.content.decode())[1]["JWT"]
    claims = offered.lms.config().tool_validate_and_decode(token)
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == {"s": 9}
    assert claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] == "1"
    assert claims["iss"] == offered.lms.client_id and claims["aud"] == "https://lms.example"


def test_going_back_without_a_course_answers_with_none(offered: Offered) -> None:
    page = ask(offered)["Location"]

    answered = choose(offered.lms.browser, page, cancel="1")

    assert offered.lms.content_items(form_post(answered.content.decode())[1]["JWT"]) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose at least one course."),
        ({"course": ["no-such-course"]}, "Choose among the courses shown."),
    ],
)
def test_a_choice_that_names_no_published_course_is_asked_again(
    offered: Offered, data: dict[str, Any], message: str
) -> None:
    page = ask(offered)["Location"]

    answered = choose(offered.lms.browser, page, **data)

    assert answered.status_code == 200
    assert message in answered.content.decode()
    # Nothing was answered: the instructor can still choose.
    assert choose(offered.lms.browser, page, course=["sepsis-er"]).status_code == 200


def test_at_most_twenty_courses_are_added_at_once(offered: Offered) -> None:
    slugs = [CourseFactory.create(slug=f"course-{n}").slug for n in range(20)] + ["sepsis-er"]
    page = ask(offered)["Location"]

    refused = choose(offered.lms.browser, page, course=slugs)

    assert "Choose at most 20 courses at a time." in refused.content.decode()
    added = choose(offered.lms.browser, page, course=slugs[:20])
    assert len(offered.lms.content_items(form_post(added.content.decode())[1]["JWT"])) == 20


def test_a_draft_course_is_never_offered_nor_accepted(offered: Offered) -> None:
    CourseFactory.create(title="Unfinished draft", slug="draft", status=Course.Status.DRAFT)
    page = ask(offered)["Location"]

    assert "Unfinished draft" not in offered.lms.browser.get(page).content.decode()
    refused = choose(offered.lms.browser, page, course=["draft"])
    assert "Choose among the courses shown." in refused.content.decode()


def test_a_learner_may_not_add_courses(offered: Offered) -> None:
    refused = ask(offered, Learner("moodle-user-17"), roles=[LEARNER], json=True)

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "lti_not_instructor"
    assert not PlatformAccount.objects.exists()
    assert PlatformLogin.objects.get().used_at is None


def test_a_request_that_accepts_no_resource_link_is_refused(offered: Offered) -> None:
    settings_ = {**SETTINGS, "accept_types": {"file"}}

    refused = ask(offered, deep_linking=settings_, json=True)

    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "lti_invalid_request"
    assert not PlatformAccount.objects.exists()


def test_only_the_browser_that_was_sent_may_choose(offered: Offered) -> None:
    page = ask(offered)["Location"]
    stranger = Client()
    stranger.force_login(PlatformAccount.objects.get(sub=TEACHER.sub).learner)

    assert stranger.get(page).status_code == 403
    assert choose(stranger, page, course=["sepsis-er"]).status_code == 403
    assert Client().get(page).status_code == 302  # to the login page
