"""Analytics dashboards: figures by time, place, occupation and language, small cells hidden."""

import csv
import io
from datetime import UTC, datetime
from typing import TypedDict

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.assessments.models import Quiz
from praxis.assessments.queries import knowledge_gain
from praxis.catalog.models import Course, Enrolment, Lesson, LessonProgress
from praxis.catalog.tests.factories import course_with_lessons
from praxis.credentials.courses import issue_course_certificate
from praxis.feedback.models import SurveyResponse
from praxis.lrs.services import account_agent, activity, record
from praxis.organisations.models import Organisation, Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory
from praxis.reference.models import Occupation
from praxis.research import analytics, charts
from praxis.research.tests.quiz_scores import pre_post_pair, scored

pytestmark = pytest.mark.django_db


def _enrolled(course: Course, count: int, country: str = "KE", completed: int = 0) -> list[User]:
    occupation = Occupation.objects.get(isco08="2221")
    learners: list[User] = []
    for i in range(count):
        learner = UserFactory.create(country=country, occupation=occupation)
        Enrolment.objects.create(
            learner=learner,
            course=course,
            status=Enrolment.Status.COMPLETED if i < completed else Enrolment.Status.ACTIVE,
        )
        learners.append(learner)
    return learners


def test_groups_with_fewer_than_k_learners_are_suppressed() -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _enrolled(course, 6, "KE", completed=3)
    _enrolled(course, 2, "FR")
    _enrolled(course, 1, "PE")
    table = analytics.by_country(course, k=5)
    rows = dict(table.rows)
    assert rows["Kenya"] == [6, 6, 50]
    assert rows["France"] == [None, None, None]
    assert rows["Peru"] == [None, None, None]
    assert table.suppressed == 2


def test_a_group_is_never_hidden_alone_where_the_total_would_give_it_back() -> None:
    # 8 enrolments in the month, 6 of them Kenyan: France's 2 (none completed) were the
    # difference. The smallest group shown is hidden with it.
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _enrolled(course, 7, "KE", completed=3)
    _enrolled(course, 6, "UG", completed=2)
    _enrolled(course, 2, "FR")
    assert dict(analytics.over_time(course, k=5).rows) == {
        timezone.now().strftime("%Y-%m"): [15, 5, 33]
    }
    table = analytics.by_country(course, k=5)
    assert dict(table.rows) == {
        "Kenya": [7, 7, 43],
        "Uganda": [None, None, None],
        "France": [None, None, None],
    }
    assert table.suppressed == 2
    # Two regions, one small: the other would give it away, so neither is shown.
    regions = dict(analytics.by_region(course, k=5).rows)
    assert regions == {"African Region": [None, None, None], "European Region": [None] * 3}


def test_regions_add_up_countries() -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _enrolled(course, 3, "KE")
    _enrolled(course, 3, "NG")
    rows = dict(analytics.by_region(course, k=5).rows)
    assert rows["African Region"][0] == 6


def test_drop_off_counts_learners_who_completed_each_lesson() -> None:
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


def test_dashboard_page_shows_charts_with_data_tables(client: Client) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _enrolled(course, 6)
    client.force_login(StaffFactory.create())
    whole = client.get(reverse("research:analytics"), {"course": course.slug}).content.decode()
    page = whole[whole.index("<main") :]  # the header has an icon of its own
    # Eight charts: drawn where there is data, "No data yet" where there is none.
    assert page.count("<svg") + page.count('class="chart-empty') == 8
    assert page.count("<svg") >= 1
    assert page.count("<table") == 8
    assert "Kenya" in page
    assert reverse("research:analytics_csv", args=["by-country"]) in page
    # On a phone each cell is read with its column's title, whole words rather than headers
    # squeezed into narrow columns.
    assert page.count('<table class="stack">') == 8
    assert '<td data-label="Learners">6</td>' in page


def test_dashboard_query_count_does_not_grow_with_learners(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=2)
    _enrolled(course, 30)
    client.force_login(StaffFactory.create())
    with django_assert_max_num_queries(16):
        client.get(reverse("research:analytics"), {"course": course.slug})


def test_csv_download_of_a_chart_hides_small_cells(client: Client) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _enrolled(course, 6, "KE")
    _enrolled(course, 1, "FR")
    _enrolled(course, 1, "PE")
    client.force_login(StaffFactory.create())
    response = client.get(reverse("research:analytics_csv", args=["by-country"]))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ",Learners,Enrolments,Completion rate (%)"
    assert "Kenya,6,6,0" in lines
    assert "France,,," in lines


def test_a_csv_opens_in_a_spreadsheet_as_written(client: Client) -> None:
    # A byte-order mark, so that a spreadsheet reads UTF-8 (Arabic, Chinese and Spanish names
    # came out garbled), and a name that begins like a formula is kept as text.
    formula = course_with_lessons(
        modules=1, lessons_per_module=1, title='=HYPERLINK("http://example.org","Open")'
    )
    arabic = course_with_lessons(modules=1, lessons_per_module=1, title="نظافة اليدين")
    _enrolled(formula, 5)
    _enrolled(arabic, 5)
    client.force_login(StaffFactory.create())
    response = client.get(reverse("research:analytics_csv", args=["reach"]))
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    labels = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://example.org","Open")' in labels
    assert "نظافة اليدين" in labels
    assert not any(label.startswith(("=", "+", "-", "@")) for label in labels)


def test_a_course_named_by_its_link_opens_its_figures(client: Client) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1, title="Malaria rapid tests")
    _enrolled(course, 5)
    client.force_login(StaffFactory.create())
    link = f"http://testserver/courses/{course.slug}/"
    page = client.get(reverse("research:analytics"), {"course": link})
    assert page.status_code == 200
    assert 'Analytics: <span dir="auto">Malaria rapid tests</span>' in page.text
    assert f"?course={course.slug}" in page.text  # its CSV links name the course alone
    rows = client.get(reverse("research:analytics_csv", args=["by-country"]), {"course": link})
    assert "Kenya,5,5,0" in rows.content.decode("utf-8-sig").splitlines()


def test_unknown_chart_is_not_found(client: Client) -> None:
    client.force_login(StaffFactory.create())
    assert client.get(reverse("research:analytics_csv", args=["nope"])).status_code == 404


def test_a_mistyped_course_is_said_beside_the_field_not_as_a_missing_page(
    client: Client,
) -> None:
    client.force_login(StaffFactory.create())
    response = client.get(reverse("research:analytics"), {"course": "no-such-course"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is no course with this name." in page
    assert 'value="no-such-course"' in page  # the typo stays in the field, to correct
    assert "Groups of fewer than" not in page  # no figures for a course not found
    long = client.get(reverse("research:analytics"), {"course": "x" * 500})
    assert long.status_code == 400


def test_learners_cannot_see_analytics(client: Client) -> None:
    client.force_login(UserFactory.create())
    assert client.get(reverse("research:analytics")).status_code == 403


def test_charts_escape_labels_and_draw_no_bar_for_suppressed_cells() -> None:
    svg = str(charts.bar_chart("c", ["<script>", "b"], [3, None]))
    assert "<script>" not in svg
    assert svg.count("<rect") == 2
    assert 'width="0"' in svg


def test_event_attendance_counts_attended_statements_per_month_and_hides_small_months() -> None:

    event = activity(
        "https://praxis.example/events/1", "http://adlnet.gov/expapi/activities/meeting"
    )
    for _ in range(5):
        record(account_agent(str(UserFactory.create().uuid)), analytics.VERB_ATTENDED, event)
    table = analytics.event_attendance(k=5)
    assert [values for _label, values in table.rows] == [[5, 5]]
    assert analytics.event_attendance(k=6).rows[0][1] == [None, None]


def test_dashboard_for_all_courses_adds_attendance_and_community(client: Client) -> None:
    client.force_login(StaffFactory.create())
    page = client.get(reverse("research:analytics")).content.decode()
    assert "Event attendance by month" in page
    assert "Community posts by month" in page


def _tested(
    course: Course,
    pre_scores: list[int],
    post_scores: list[int],
    pair: tuple[Quiz, Quiz] | None = None,
) -> tuple[Quiz, Quiz, list[User]]:
    """Learners who took the pair's pre-test and post-test with these scores out of 10."""
    pre, post = pair or pre_post_pair(course)
    learners: list[User] = []
    for pre_score, post_score in zip(pre_scores, post_scores, strict=True):
        learner = UserFactory.create()
        Enrolment.objects.create(learner=learner, course=course)
        scored(pre, learner, pre_score)
        scored(post, learner, post_score)
        learners.append(learner)
    return pre, post, learners


def test_knowledge_gain_uses_first_attempts_of_learners_with_both_tests() -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    pre, post, learners = _tested(course, [2, 4, 6, 4, 4], [6, 8, 8, 7, 6])
    scored(post, learners[0], 10, number=2)  # a second try does not count
    scored(pre, UserFactory.create(), 0)  # took the pre-test only
    table = analytics.knowledge_gain(course, k=5)
    # pre 40%, post 70%: 30 points gained, half of the 60 points there were to gain
    assert table.rows == [(post.title, [5, 40.0, 70.0, 30.0, 50.0])]
    assert table.suppressed == 0


def test_knowledge_gain_of_a_pair_with_fewer_than_k_learners_is_suppressed() -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _tested(course, [2, 4, 6, 4, 4], [6, 8, 8, 7, 6])
    small = pre_post_pair(course, title="Sepsis")
    _tested(course, [1, 2], [9, 9], pair=small)
    table = analytics.knowledge_gain(None, k=5)
    rows = dict(table.rows)
    assert rows[f"{course.title}: Sepsis"] == [None] * 5
    assert rows[f"{course.title}: Hand hygiene"][0] == 5
    assert table.suppressed == 1


def test_knowledge_gain_agrees_with_the_quiz_page_figure() -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _pre, post, _learners = _tested(course, [2, 4, 6, 4, 4], [6, 8, 8, 7, 6])
    gain = knowledge_gain(post)
    assert gain.learners == 5
    assert (gain.pre_mean, gain.post_mean) == (pytest.approx(0.4), pytest.approx(0.7))  # type: ignore[comparison-overlap]  # approx equals floats


def test_knowledge_gain_is_drawn_and_downloadable(client: Client) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _tested(course, [2, 4, 6, 4, 4], [6, 8, 8, 7, 6])
    client.force_login(StaffFactory.create())
    page = client.get(reverse("research:analytics"), {"course": course.slug}).content.decode()
    assert "Knowledge gain from pre-test to post-test" in page
    assert 'aria-labelledby="chart-knowledge-gain"' in page
    response = client.get(
        reverse("research:analytics_csv", args=["knowledge-gain"]), {"course": course.slug}
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith(",Learners with both,Mean pre-test score (%)")
    assert "Hand hygiene,5,40.0,70.0,30.0,50.0" in lines


# Partner organisations


class Partners(TypedDict):
    a: Course
    b: Course
    admin_a: User
    organisation_a: Organisation


@pytest.fixture
def partners() -> Partners:
    """Two organisations, each co-creating a course; 6 learners in A's, 7 in B's."""
    organisation_a, organisation_b = OrganisationFactory.create(), OrganisationFactory.create()
    course_a = course_with_lessons(modules=1, lessons_per_module=1, title="Course of A")
    course_b = course_with_lessons(modules=1, lessons_per_module=1, title="Course of B")
    course_a.organisations.add(organisation_a)
    course_b.organisations.add(organisation_b)
    _enrolled(course_a, 6)
    _enrolled(course_b, 7)
    admin_a = MembershipFactory.create(organisation=organisation_a, role=Role.ADMIN).user
    return {"a": course_a, "b": course_b, "admin_a": admin_a, "organisation_a": organisation_a}


def test_organisation_admin_sees_only_their_organisations_courses(
    client: Client, partners: Partners
) -> None:
    client.force_login(partners["admin_a"])
    response = client.get(reverse("research:analytics"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Course of A" in page
    assert "Course of B" not in page
    assert "Event attendance by month" not in page
    assert "Community posts by month" not in page
    lines = (
        client.get(reverse("research:analytics_csv", args=["by-country"]))
        .content.decode("utf-8-sig")
        .splitlines()
    )
    assert "Kenya,6,6,0" in lines  # A's six learners, not B's seven


def test_organisation_admin_sees_their_course_figures(client: Client, partners: Partners) -> None:
    client.force_login(partners["admin_a"])
    response = client.get(reverse("research:analytics"), {"course": partners["a"].slug})
    assert response.status_code == 200
    assert "Learners who completed each lesson" in response.content.decode()


def test_another_organisations_course_is_not_found_on_the_page_nor_in_csv(
    client: Client, partners: Partners
) -> None:
    client.force_login(partners["admin_a"])
    slug = partners["b"].slug
    page = client.get(reverse("research:analytics"), {"course": slug})
    assert page.status_code == 400
    assert "There is no course with this name." in page.content.decode()
    assert "Course of B" not in page.content.decode()
    csv_file = client.get(reverse("research:analytics_csv", args=["by-country"]), {"course": slug})
    assert csv_file.status_code == 404
    assert "Kenya" not in csv_file.content.decode("utf-8-sig")


def test_authors_see_analytics_but_reviewers_and_members_do_not(
    client: Client, partners: Partners
) -> None:
    organisation = partners["organisation_a"]
    author = MembershipFactory.create(organisation=organisation, role=Role.AUTHOR).user
    client.force_login(author)
    assert client.get(reverse("research:analytics")).status_code == 200
    for role in (Role.REVIEWER, Role.MEMBER):
        client.force_login(MembershipFactory.create(organisation=organisation, role=role).user)
        assert client.get(reverse("research:analytics")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get(reverse("research:analytics"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_plain_learner_gets_a_clear_refusal(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.get(reverse("research:analytics"))
    assert response.status_code == 403
    assert "permission" in response.content.decode().lower()


def test_staff_keep_the_global_view(client: Client, partners: Partners) -> None:
    client.force_login(StaffFactory.create())
    lines = (
        client.get(reverse("research:analytics_csv", args=["by-country"]))
        .content.decode("utf-8-sig")
        .splitlines()
    )
    assert "Kenya,13,13,0" in lines


def test_a_partner_sees_the_reach_of_each_of_its_courses_and_small_ones_are_suppressed(
    client: Client, partners: Partners
) -> None:
    learners = list(
        Enrolment.objects.filter(course=partners["a"]).values_list("learner", flat=True)
    )
    first = User.objects.get(pk=learners[0])
    issue_course_certificate(first, partners["a"])
    Enrolment.objects.filter(course=partners["a"], learner=first).update(
        status=Enrolment.Status.COMPLETED
    )
    small = course_with_lessons(modules=1, lessons_per_module=1, title="Small course of A")
    small.organisations.add(partners["organisation_a"])
    _enrolled(small, 2)
    smaller = course_with_lessons(modules=1, lessons_per_module=1, title="Smaller course of A")
    smaller.organisations.add(partners["organisation_a"])
    _enrolled(smaller, 1)
    client.force_login(partners["admin_a"])
    page = client.get(reverse("research:analytics")).content.decode()
    assert "Reach of each course" in page
    lines = client.get(reverse("research:analytics_csv", args=["reach"])).content.decode(
        "utf-8-sig"
    )
    rows = lines.splitlines()
    assert rows[0] == ",Learners reached,Completions,Credentials issued"
    assert "Course of A,6,1,1" in rows
    assert "Small course of A,,," in rows  # fewer than k learners: suppressed
    assert not any("Course of B" in row for row in rows)


def _surveyed(course: Course, points: list[int]) -> None:
    for learner, point in zip(
        _enrolled(course, len(points), completed=len(points)), points, strict=True
    ):
        SurveyResponse.objects.create(
            course=course, learner=learner, answers={"relevant": point, "clear": 3}
        )


def test_survey_results_reach_the_dashboard_with_small_counts_hidden(client: Client) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _surveyed(course, [5, 5, 4, 2, 1, 4])
    other = course_with_lessons(modules=1, lessons_per_module=1)
    _surveyed(other, [1, 1])
    table = analytics.survey_agreement(course)
    rows = dict(table.rows)
    assert rows["The course was relevant to my work."] == [6, 3.5, 67]
    assert rows["The content was clear and well organised."] == [6, 3.0, 0]
    assert rows["I will apply what I learned."] == [None, None, None]  # no one answered it
    assert table.suppressed == 2
    assert dict(analytics.survey_agreement(other).rows)["The course was relevant to my work."] == [
        None,
        None,
        None,
    ]
    everyone = dict(analytics.survey_agreement().rows)
    assert everyone["The course was relevant to my work."][0] == 8
    client.force_login(StaffFactory.create())
    page = client.get(reverse("research:analytics"), {"course": course.slug}).text
    assert "End-of-course survey" in page
    survey_csv = client.get(
        reverse("research:analytics_csv", args=["survey"]), {"course": course.slug}
    )
    lines = survey_csv.content.decode("utf-8-sig").splitlines()
    assert "The course was relevant to my work.,6,3.5,67" in lines


def test_a_partner_sees_the_survey_of_its_own_courses_only(client: Client) -> None:
    organisation = OrganisationFactory.create()
    ours = course_with_lessons(modules=1, lessons_per_module=1)
    ours.organisations.add(organisation)
    _surveyed(ours, [4, 4, 4, 4, 4])
    theirs = course_with_lessons(modules=1, lessons_per_module=1)
    _surveyed(theirs, [1, 1, 1, 1, 1])
    table = analytics.survey_agreement(within=Course.objects.filter(organisations=organisation))
    assert dict(table.rows)["The course was relevant to my work."] == [5, 4.0, 100]


def test_months_are_those_of_utc() -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    january, february = _enrolled(course, 1), _enrolled(course, 2)
    Enrolment.objects.filter(learner__in=january).update(
        created_at=datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
    )
    Enrolment.objects.filter(learner__in=february).update(
        created_at=datetime(2026, 2, 1, 0, 30, tzinfo=UTC)
    )
    with timezone.override("Asia/Tokyo"):
        rows = analytics.over_time(course, k=1).rows
    assert rows == [("2026-01", [1, 0, 0]), ("2026-02", [2, 0, 0])]


def test_a_long_ranked_table_shows_its_largest_rows_and_its_csv_every_row(
    client: Client,
) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    _enrolled(course, 6, "KE")
    others = [
        "AR",
        "BR",
        "CA",
        "DE",
        "EG",
        "FR",
        "GH",
        "IN",
        "JP",
        "MX",
        "NG",
        "PE",
        "PH",
        "RU",
        "SN",
        "TH",
        "TZ",
        "UG",
        "VN",
        "ZA",
        "ZM",
    ]
    for country in others:
        _enrolled(course, 1, country)
    client.force_login(StaffFactory.create())
    page = client.get(reverse("research:analytics")).content.decode()
    assert "Rows shown: the largest 20 of 22. The CSV has them all." in page
    assert ">Kenya<" in page
    assert ">Uganda<" in page
    assert "Zambia" not in page
    rows = client.get(reverse("research:analytics_csv", args=["by-country"])).content.decode(
        "utf-8-sig"
    )
    assert len(rows.splitlines()) == 1 + 22
    assert "Zambia,,," in rows.splitlines()


def test_countries_and_occupation_groups_count_each_learner_once() -> None:
    first = course_with_lessons(modules=1, lessons_per_module=1)
    second = course_with_lessons(modules=1, lessons_per_module=1)
    nurses = _enrolled(first, 5, "KE")
    for nurse in nurses[:3]:
        Enrolment.objects.create(learner=nurse, course=second)
    nursing = Occupation.objects.get(isco08="2221")
    other = Occupation.objects.exclude(group=nursing.group).first()
    assert other is not None
    for _ in range(5):
        Enrolment.objects.create(
            learner=UserFactory.create(country="KE", occupation=other), course=second
        )
    tables = {table.key: dict(table.rows) for table in analytics.dashboard(None, k=5)}
    assert tables["by-country"]["Kenya"] == [10, 13, 0]
    assert tables["by-region"]["African Region"] == [10, 13, 0]
    occupations = dict(Occupation.Group.choices)
    assert tables["by-occupation"][str(occupations[nursing.group])] == [5, 8, 0]
    assert tables["by-occupation"][str(occupations[other.group])] == [5, 5, 0]


def test_the_dashboard_is_counted_once_for_its_viewers_and_again_after_its_time(
    client: Client, partners: Partners, settings: SettingsWrapper
) -> None:
    def by_country() -> list[str]:
        csv_file = client.get(reverse("research:analytics_csv", args=["by-country"]))
        return csv_file.content.decode("utf-8-sig").splitlines()

    client.force_login(StaffFactory.create())
    page = client.get(reverse("research:analytics")).content.decode()
    assert "Figures as of" in page and ".." not in page  # "a.m." ends the sentence
    _enrolled(partners["a"], 5)
    kenya = '<th scope="row" dir="auto">Kenya</th><td data-label="Learners">{}</td>'
    assert kenya.format(13) in page
    # The CSV of the tables the page showed, and the page again: counted then, not again.
    with CaptureQueriesContext(connection) as again:
        assert "Kenya,13,13,0" in by_country()
        assert kenya.format(13) in client.get(reverse("research:analytics")).content.decode()
    assert not any("catalog_enrolment" in query["sql"] for query in again.captured_queries)
    # A partner's viewers are counted apart, over their own courses only.
    client.force_login(partners["admin_a"])
    assert "Kenya,11,11,0" in by_country()
    client.force_login(StaffFactory.create())
    assert "Kenya,13,13,0" in by_country()
    # Once their time is up (here: none at all), the tables are counted afresh.
    settings.ANALYTICS_SECONDS = 0
    assert "Kenya,18,18,0" in by_country()
    page = client.get(reverse("research:analytics")).content.decode()
    assert "Figures as of" not in page and kenya.format(18) in page


def test_staff_are_offered_every_course_by_its_title_as_they_type(client: Client) -> None:
    hands = course_with_lessons(modules=1, lessons_per_module=1, title="Hand hygiene")
    triage = course_with_lessons(
        modules=1, lessons_per_module=1, title="Triage", language="fr", slug="triage-fr"
    )
    client.force_login(StaffFactory.create())
    page = client.get(reverse("research:analytics")).content.decode()
    assert 'list="id_course-courses"' in page
    assert f'<option value="{hands.slug}">Hand hygiene (English)</option>' in page
    assert f'<option value="{triage.slug}">Triage (French)</option>' in page
    # A course's link pasted whole shows its figures, as its address name does.
    pasted = client.get(
        reverse("research:analytics"), {"course": f"https://praxis.example/courses/{triage.slug}/"}
    )
    assert pasted.status_code == 200
    assert f'name="course" value="{triage.slug}"' in pasted.content.decode()
