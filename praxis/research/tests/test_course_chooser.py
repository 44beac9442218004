"""Choosing a course: for a new experiment, the courses one may experiment on are offered by
title and language; a pasted link still names one; anything else is refused beside the
field."""

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.tests.factories import StaffFactory
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import CourseFactory, course_with_lessons
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory
from praxis.research.models import Experiment
from praxis.research.tests.factories import research_officer

pytestmark = pytest.mark.django_db

NEW = "research:experiment_new"


def _offered(page: str) -> str:
    return page.split('<datalist id="id_course-courses">')[1].split("</datalist>")[0]


def _error(page: str) -> str:
    return page.split('id="id_course_error">')[1].split("</p>")[0]


def test_staff_choose_among_the_open_courses_by_title_and_language(client: Client) -> None:
    CourseFactory.create(slug="wound-care", title="Wound care")
    CourseFactory.create(slug="hygiene-des-mains", title="Hygiène des mains", language="fr")
    CourseFactory.create(slug="hand-hygiene", title="Hand hygiene")
    CourseFactory.create(slug="hand-hygiene-draft", title="hand hygiene", status="draft")
    CourseFactory.create(slug="old-course", title="Old course", status="archived")
    client.force_login(StaffFactory.create())

    page = client.get(reverse(NEW)).content.decode()

    assert 'list="id_course-courses"' in page
    assert _offered(page) == (
        '<option value="hand-hygiene">Hand hygiene (English)</option>'
        '<option value="hand-hygiene-draft">hand hygiene (English)</option>'
        '<option value="hygiene-des-mains">Hygiène des mains (French)</option>'
        '<option value="wound-care">Wound care (English)</option>'
    )
    assert "Type part of its title and choose it, or paste its link." in page


def test_languages_are_named_in_the_readers_language(client: Client) -> None:
    CourseFactory.create(slug="hygiene-des-mains", title="Hygiène des mains", language="fr")
    client.force_login(research_officer(preferred_language="es"))
    page = client.get(reverse(NEW), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert (
        _offered(page) == '<option value="hygiene-des-mains">Hygiène des mains (Francés)</option>'
    )


def test_a_course_team_is_offered_its_own_courses_only(client: Client) -> None:
    ours, theirs = OrganisationFactory.create(), OrganisationFactory.create()
    author = MembershipFactory.create(organisation=ours, role=Role.AUTHOR).user
    course_with_lessons(
        modules=1, lessons_per_module=1, slug="ours", title="Ours"
    ).organisations.add(ours)
    other = course_with_lessons(modules=1, lessons_per_module=1, slug="theirs", title="Theirs")
    other.organisations.add(theirs)
    client.force_login(author)

    page = client.get(reverse(NEW)).content.decode()
    assert _offered(page) == '<option value="ours">Ours (English)</option>'

    for typed in ("theirs", "http://testserver/courses/theirs/"):
        refused = client.get(reverse(NEW), {"course": typed})
        assert refused.status_code == 400
        assert _error(refused.content.decode()) == "There is no course with this name."
        assert "Lesson to vary" not in refused.content.decode()
    chosen = client.get(reverse(NEW), {"course": "http://testserver/courses/ours/"})
    assert chosen.status_code == 200
    assert "Lesson to vary" in chosen.content.decode()


def test_an_archived_course_is_refused_by_name(client: Client) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1, status="archived")
    client.force_login(StaffFactory.create())
    url = reverse(NEW) + f"?course={course.slug}"
    refused = client.post(
        url, {"title": "Too late", "lesson": course.modules.get().lessons.get().pk}
    )
    assert refused.status_code == 400
    assert _error(refused.content.decode()) == (
        "This course is archived: no learner can enrol in it any more."
    )
    assert not Experiment.objects.exists()


@pytest.mark.parametrize(
    "typed",
    [
        "no-such-course",
        "<script>alert(1)</script>",
        "../../admin/",
        "http://testserver/",
        "ünïcödé",
        "x" * 121,
        "12345",
    ],
)
def test_a_course_that_is_not_there_is_refused_beside_the_field(client: Client, typed: str) -> None:
    client.force_login(StaffFactory.create())
    refused = client.get(reverse(NEW), {"course": typed})
    assert refused.status_code == 400
    assert _error(refused.content.decode()) == "There is no course with this name."
    assert not Experiment.objects.exists()


def test_a_deleted_course_is_refused_and_a_huge_input_is_refused_by_length(
    client: Client,
) -> None:
    gone = CourseFactory.create(slug="gone-course")
    Course.objects.filter(pk=gone.pk).delete()
    client.force_login(StaffFactory.create())
    refused = client.get(reverse(NEW), {"course": "gone-course"})
    assert refused.status_code == 400
    assert _error(refused.content.decode()) == "There is no course with this name."
    huge = client.get(reverse(NEW), {"course": "x" * 10_000})
    assert huge.status_code == 400
    assert "Ensure this value has at most 500 characters" in _error(huge.content.decode())
    assert not Experiment.objects.exists()
