"""Analytics dashboards: figures by time, place, occupation and language, small cells hidden."""

import pytest
from django.urls import reverse

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog.models import Enrolment, Lesson, LessonProgress
from praxis.catalog.tests.factories import course_with_lessons
from praxis.lrs.services import account_agent, activity, record
from praxis.reference.models import Occupation
from praxis.research import analytics, charts

pytestmark = pytest.mark.django_db


def _enrolled(course, count, country="KE", completed=0):
    occupation = Occupation.objects.get(isco08="2221")
    learners = []
    for i in range(count):
        learner = UserFactory(country=country, occupation=occupation)
        Enrolment.objects.create(
            learner=learner,
            course=course,
            status=Enrolment.Status.COMPLETED if i < completed else Enrolment.Status.ACTIVE,
        )
        learners.append(learner)
    return learners


def test_groups_with_fewer_than_k_learners_are_suppressed():
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _enrolled(course, 6, "KE", completed=3)
    _enrolled(course, 2, "FR")
    table = analytics.by_country(course, k=5)
    rows = dict(table.rows)
    assert rows["Kenya"] == [6, 6, 50]
    assert rows["France"] == [None, None, None]
    assert table.suppressed == 1


def test_regions_add_up_countries():
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _enrolled(course, 3, "KE")
    _enrolled(course, 3, "NG")
    rows = dict(analytics.by_region(course, k=5).rows)
    assert rows["African Region"][0] == 6


def test_drop_off_counts_learners_who_completed_each_lesson():
    course = course_with_lessons(modules=1, lessons_per_module=2)
    first, second = Lesson.objects.filter(module__course=course)
    learners = _enrolled(course, 10)
    for learner in learners:
        LessonProgress.objects.create(
            learner=learner, lesson=first, completed_at=learner.created_at
        )
    for learner in learners[:5]:
        LessonProgress.objects.create(
            learner=learner, lesson=second, completed_at=learner.created_at
        )
    table = analytics.drop_off(course, k=5)
    assert [values for _label, values in table.rows] == [[10, 100], [5, 50]]


def test_dashboard_page_shows_charts_with_data_tables(client):
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _enrolled(course, 6)
    client.force_login(StaffFactory())
    page = client.get(reverse("research:analytics"), {"course": course.slug}).content.decode()
    assert page.count("<svg") == 6
    assert page.count("<table") == 6
    assert "Kenya" in page
    assert reverse("research:analytics_csv", args=["by-country"]) in page


def test_dashboard_query_count_does_not_grow_with_learners(client, django_assert_max_num_queries):
    course = course_with_lessons(modules=1, lessons_per_module=2)
    _enrolled(course, 30)
    client.force_login(StaffFactory())
    with django_assert_max_num_queries(16):
        client.get(reverse("research:analytics"), {"course": course.slug})


def test_csv_download_of_a_chart_hides_small_cells(client):
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _enrolled(course, 6, "KE")
    _enrolled(course, 1, "FR")
    client.force_login(StaffFactory())
    response = client.get(reverse("research:analytics_csv", args=["by-country"]))
    lines = response.content.decode().splitlines()
    assert lines[0] == ",Learners,Enrolments,Completion rate (%)"
    assert "Kenya,6,6,0" in lines
    assert "France,,," in lines


def test_unknown_chart_or_course_is_not_found(client):
    client.force_login(StaffFactory())
    assert client.get(reverse("research:analytics_csv", args=["nope"])).status_code == 404
    assert client.get(reverse("research:analytics"), {"course": "x" * 500}).status_code == 404


def test_learners_cannot_see_analytics(client):
    client.force_login(UserFactory())
    assert client.get(reverse("research:analytics")).status_code == 403


def test_charts_escape_labels_and_draw_no_bar_for_suppressed_cells():
    svg = str(charts.bar_chart("c", ["<script>", "b"], [3, None]))
    assert "<script>" not in svg
    assert svg.count("<rect") == 2
    assert 'width="0"' in svg


def test_event_attendance_counts_attended_statements_per_month_and_hides_small_months():

    event = activity(
        "https://praxis.example/events/1", "http://adlnet.gov/expapi/activities/meeting"
    )
    for _ in range(5):
        record(account_agent(str(UserFactory().uuid)), analytics.VERB_ATTENDED, event)
    table = analytics.event_attendance(k=5)
    assert [values for _label, values in table.rows] == [[5, 5]]
    assert analytics.event_attendance(k=6).rows[0][1] == [None, None]


def test_dashboard_for_all_courses_adds_attendance_and_community(client):
    client.force_login(StaffFactory())
    page = client.get(reverse("research:analytics")).content.decode()
    assert "Event attendance by month" in page
    assert "Community posts by month" in page
