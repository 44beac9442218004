"""A new version of a course sends a notice to its enrolled learners (not to those who withdrew),
by e-mail too for those who want it at once."""

import uuid

import pytest
from django.core import mail
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services
from praxis.catalog.versions import CourseContent, LessonContent, ModuleContent, publish_version
from praxis.notifications.models import Notice, Preference

pytestmark = pytest.mark.django_db

WASH = uuid.uuid4()


def content(body: str) -> CourseContent:
    return CourseContent(
        title="Hand hygiene",
        summary="Clean hands save lives.",
        language="en",
        modules=[
            ModuleContent(
                title="Basics", lessons=[LessonContent(key=WASH, title="When to wash", body=body)]
            )
        ],
    )


def test_a_new_version_tells_enrolled_learners(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    course = publish_version(None, content("Before touching a patient.")).course
    assert not Notice.objects.exists()  # the first version is no update
    learner, by_email, withdrawn = UserFactory.create(), UserFactory.create(), UserFactory.create()
    for person in (learner, by_email, withdrawn):
        services.enrol(person, course)
    services.withdraw(withdrawn, course)
    Preference.objects.create(person=by_email, kind="course_updated", delivery="email")
    with django_capture_on_commit_callbacks(execute=True):
        publish_version(course, content("Before and after touching a patient."))
    notice = Notice.objects.get(person=learner)
    assert notice.text == "“Hand hygiene” was updated (version 2): see what changed."
    assert notice.link == f"/courses/{course.slug}/"
    assert Notice.objects.filter(person=by_email).exists()
    assert not Notice.objects.filter(person=withdrawn).exists()
    assert [m.to for m in mail.outbox] == [[by_email.email]]
    client.force_login(learner)
    page = client.get("/notifications/").content.decode()
    assert "“Hand hygiene” was updated (version 2)" in page


def test_a_version_published_shows_on_the_learners_next_course_and_lesson_page(
    client: Client,
) -> None:
    course = publish_version(None, content("Before touching a patient.")).course
    learner = UserFactory.create()
    services.enrol(learner, course)
    client.force_login(learner)
    lesson = course.modules.get().lessons.get()
    pages = (f"/courses/{course.slug}/", f"/courses/{course.slug}/lessons/{lesson.uuid}/")
    for url in pages:  # read once: the course's versions are kept from here on
        assert "This course was updated" not in client.get(url).content.decode()
    publish_version(course, content("Before and after touching a patient."))
    for url in pages:
        page = client.get(url).content.decode()
        assert "This course was updated since you enrolled (version 2)" in page
