"""Course feedback: ratings with reviews, the end-of-course survey, and its results for the
course team with small cells suppressed; through the API and the pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Course
from praxis.feedback import services
from praxis.feedback.models import CourseRating, SurveyResponse, SurveyResultsNotice
from praxis.feedback.tests.conftest import graduates
from praxis.notifications.models import Notice
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

RATING = "/api/v1/courses/malaria-testing/rating"
SURVEY = "/api/v1/courses/malaria-testing/survey"
RESULTS = "/api/v1/courses/malaria-testing/survey/results"


# Ratings


def test_learner_rates_once_and_can_change_their_rating(
    api_client: SchemaCheckedClient, learner: User
) -> None:
    api_client.force_login(learner)
    first = api_client.put(
        RATING, {"stars": 3, "review": "  Clear slides.  "}, content_type="application/json"
    )
    assert first.status_code == 200 and first.json()["review"] == "Clear slides."
    api_client.put(
        RATING,
        {"stars": 5, "review": "Even better on a second look."},
        content_type="application/json",
    )
    body = api_client.get("/api/v1/courses/malaria-testing/ratings").json()
    assert (body["count"], body["average"]) == (1, 5.0)
    assert body["own"]["review"] == "Even better on a second look."
    assert CourseRating.objects.count() == 1


def test_average_and_count_show_on_the_course_page(
    client: Client, course: Course, learner: User, graduate: User
) -> None:
    services.rate_course(learner, course, 4)
    services.rate_course(graduate, course, 5, "Useful in the clinic.")
    page = client.get(reverse("catalog:course", args=[course.slug])).content.decode()
    assert "Rated 4.5 of 5 by 2 learners: ratings and reviews" in page
    reviews = client.get(reverse("feedback:course", args=[course.slug])).content.decode()
    assert "Useful in the clinic." in reviews
    assert "Wanjiru" not in reviews  # reviews are shown without names


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"stars": 0}, "rating_out_of_range"),
        ({"stars": 6}, "rating_out_of_range"),
        ({"stars": -1}, "rating_out_of_range"),
        ({"stars": 4, "review": "x" * 1001}, "review_too_long"),
        ({"stars": "many"}, "invalid_input"),
        ({}, "invalid_input"),
        ({"stars": 4, "review": ["a list"]}, "invalid_input"),
    ],
    ids=["zero", "six", "negative", "huge-review", "wrong-type", "empty", "review-not-text"],
)
def test_bad_rating_is_refused_and_changes_nothing(
    api_client: SchemaCheckedClient, learner: User, body: dict[str, object], code: str
) -> None:
    api_client.force_login(learner)
    response = api_client.put(RATING, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert not CourseRating.objects.exists()


def test_malformed_rating_body_is_refused(api_client: SchemaCheckedClient, learner: User) -> None:
    api_client.force_login(learner)
    response = api_client.put(RATING, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert not CourseRating.objects.exists()


def test_only_enrolled_learners_rate(api_client: SchemaCheckedClient, course: Course) -> None:
    assert api_client.put(RATING, {"stars": 5}, content_type="application/json").status_code == 401
    api_client.force_login(UserFactory.create())
    refused = api_client.put(RATING, {"stars": 5}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "not_enrolled"
    assert not CourseRating.objects.exists()


def test_a_learner_cannot_change_another_learners_rating(
    api_client: SchemaCheckedClient, course: Course, learner: User, graduate: User
) -> None:
    services.rate_course(graduate, course, 2, "Too long.")
    api_client.force_login(learner)
    api_client.put(RATING, {"stars": 5}, content_type="application/json")
    assert CourseRating.objects.get(learner=graduate).stars == 2
    assert CourseRating.objects.get(learner=learner).stars == 5


def test_rating_form_keeps_what_was_typed_when_refused(client: Client, learner: User) -> None:
    client.force_login(learner)
    response = client.post(
        reverse("feedback:rate", args=["malaria-testing"]), {"review": "Good pace."}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose a rating from 1 to 5 stars." in page and "Good pace." in page
    assert not CourseRating.objects.exists()


def test_rating_form_saves_and_thanks(client: Client, learner: User) -> None:
    client.force_login(learner)
    response = client.post(
        reverse("feedback:rate", args=["malaria-testing"]), {"stars": "4"}, follow=True
    )
    assert "Thank you: your rating is saved." in response.content.decode()
    assert CourseRating.objects.get().stars == 4


# The end-of-course survey


def test_graduate_answers_the_survey_once(api_client: SchemaCheckedClient, graduate: User) -> None:
    api_client.force_login(graduate)
    answers = {"relevant": 5, "clear": 4, "apply": "5"}
    response = api_client.post(SURVEY, {"answers": answers}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["answered"] == ["apply", "clear", "relevant"]
    again = api_client.post(SURVEY, {"answers": answers}, content_type="application/json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "survey_already_answered"
    assert SurveyResponse.objects.count() == 1


def test_the_survey_waits_for_the_course_to_be_completed(
    api_client: SchemaCheckedClient, learner: User
) -> None:
    api_client.force_login(learner)
    response = api_client.post(
        SURVEY, {"answers": {"relevant": 5}}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "course_not_completed"
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "answers",
    [
        {},
        {"relevant": 9},
        {"relevant": True},
        {"favourite_colour": 3},
        {"clear": "x" * 5000},
        {f"q{n}": 1 for n in range(500)},
    ],
    ids=["empty", "off-scale", "boolean", "unknown-question", "huge", "too-many"],
)
def test_bad_survey_answers_are_refused_and_change_nothing(
    api_client: SchemaCheckedClient, graduate: User, answers: dict[str, object]
) -> None:
    api_client.force_login(graduate)
    response = api_client.post(SURVEY, {"answers": answers}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "survey_answers_invalid"
    assert not SurveyResponse.objects.exists()


def test_survey_form_appears_after_completion_and_thanks(client: Client, graduate: User) -> None:
    client.force_login(graduate)
    page = client.get(reverse("feedback:course", args=["malaria-testing"])).content.decode()
    assert "End-of-course survey" in page
    response = client.post(
        reverse("feedback:survey", args=["malaria-testing"]), {"relevant": "4"}, follow=True
    )
    page = response.content.decode()
    assert "your answers reach the course team" in page
    assert "You have answered the end-of-course survey." in page


def test_answers_sent_again_from_a_page_left_open_are_said_to_be_kept_once(
    client: Client, graduate: User
) -> None:
    client.force_login(graduate)
    survey = reverse("feedback:survey", args=["malaria-testing"])
    client.post(survey, {"relevant": "4"})
    response = client.post(survey, {"relevant": "1"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [
        (reverse("feedback:course", args=["malaria-testing"]) + "#survey", 302)
    ]
    assert "You have already answered this survey." in page
    assert "You have answered the end-of-course survey." in page
    assert SurveyResponse.objects.get().answers == {"relevant": 4}


def test_the_surveys_address_in_a_browser_leads_to_the_survey(
    client: Client, graduate: User
) -> None:
    client.force_login(graduate)
    survey = reverse("feedback:survey", args=["malaria-testing"])
    response = client.get(survey)
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:course", args=["malaria-testing"]) + "#survey"
    page = client.get(survey, follow=True).content.decode()
    assert '<section id="survey" aria-labelledby="survey-title">' in page
    assert "End-of-course survey" in page and f'action="{survey}"' in page


def test_the_surveys_address_tells_a_learner_still_following_the_course_when_it_opens(
    client: Client, learner: User
) -> None:
    client.force_login(learner)
    page = client.get(reverse("feedback:survey", args=["malaria-testing"]), follow=True)
    text = page.content.decode()
    assert page.status_code == 200
    assert (
        '<p class="muted" id="survey">The survey opens once you have completed the course.' in text
    )


def test_the_surveys_address_asks_a_visitor_to_log_in_first(client: Client, course: Course) -> None:
    survey = reverse("feedback:survey", args=[course.slug])
    response = client.get(survey)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# Results for the course team


def answer_all(course: Course, points: list[int]) -> None:
    for user, point in zip(graduates(course, len(points)), points, strict=True):
        services.answer_survey(user, course, {"relevant": point, "clear": 3})


def test_course_team_sees_counts_with_small_cells_withheld(
    api_client: SchemaCheckedClient, course: Course, author: User
) -> None:
    # relevant: seven say 3, two say 4, two say 5; clear: all eleven say 3. The two small
    # counts add up to 4 and the mean (3.5) allows 4 × 2 + 5 × 2 or 4 × 3 + 5 × 1: neither
    # can be told.
    answer_all(course, [3] * 7 + [4, 4, 5, 5])
    api_client.force_login(author)
    body = api_client.get(RESULTS).json()
    assert body["responses"] == 11
    relevant = next(q for q in body["questions"] if q["key"] == "relevant")
    assert {c["point"]: c["count"] for c in relevant["cells"]} == {
        1: 0,
        2: 0,
        3: 7,
        4: None,
        5: None,
    }
    assert (relevant["mean"], relevant["withheld"]) == (3.5, False)
    clear = next(q for q in body["questions"] if q["key"] == "clear")
    assert (clear["mean"], clear["cells"][2]["count"]) == (3.0, 11)
    apply = next(q for q in body["questions"] if q["key"] == "apply")
    assert (apply["answers"], apply["cells"], apply["mean"]) == (0, [], None)


@pytest.mark.parametrize(
    "points",
    [
        # One small count (2 × 4) beside 5 × 5 and 6 × 3: the total gives it away.
        [5] * 5 + [4] * 2 + [3] * 6,
        # Two small counts (1 × 2, 2 × 4) beside 5 × 5: together they are 3, and only 1 and
        # 2 make the mean 4.4 (35 / 8), as only 2 agreeing make 88 % on the dashboard.
        [5, 5, 5, 5, 5, 4, 4, 2],
        # The demo's "Hand hygiene": 2 × 3 and 4 × 4 beside 14 × 5; the dashboard's 90 %
        # agreeing says 18 chose 4 or 5.
        [3] * 2 + [4] * 4 + [5] * 14,
    ],
)
def test_counts_that_the_total_the_mean_or_the_share_agreeing_give_away_are_withheld(
    api_client: SchemaCheckedClient, course: Course, author: User, points: list[int]
) -> None:
    answer_all(course, points)
    api_client.force_login(author)
    relevant = next(
        q for q in api_client.get(RESULTS).json()["questions"] if q["key"] == "relevant"
    )
    assert relevant["cells"] == []
    assert relevant["withheld"] is True
    assert relevant["answers"] == len(points)
    assert relevant["mean"] == round(sum(points) / len(points), 1)


def test_withheld_counts_are_said_to_be_so_on_the_results_page(
    client: Client, course: Course, author: User
) -> None:
    answer_all(course, [5, 5, 5, 5, 5, 4, 4, 2])
    client.force_login(author)
    page = client.get(reverse("feedback:results", args=[course.slug])).content.decode()
    assert "Mean 4.4 of 5 (8 answers)." in page
    assert "The count for each answer is not shown" in page
    assert '<td data-label="Learners">fewer than 5</td>' not in page  # "clear": all said 3


def test_fewer_than_five_responses_show_nothing_but_that(
    client: Client, course: Course, author: User
) -> None:
    answer_all(course, [5, 4, 1])
    client.force_login(author)
    page = client.get(reverse("feedback:results", args=[course.slug])).content.decode()
    assert "3 responses." in page
    assert "Fewer than 5 learners have answered" in page
    assert "Strongly disagree" not in page


def test_results_page_shows_fewer_than_five(client: Client, course: Course, author: User) -> None:
    answer_all(course, [3] * 7 + [4, 4, 5, 5])
    client.force_login(author)
    page = client.get(reverse("feedback:results", args=[course.slug])).content.decode()
    assert "fewer than 5" in page and "11 responses." in page


def test_results_are_refused_to_learners_and_other_organisations(
    api_client: SchemaCheckedClient, course: Course, graduate: User
) -> None:
    outsider = MembershipFactory.create(
        organisation=OrganisationFactory.create(), role=Role.ADMIN
    ).user
    member = MembershipFactory.create(
        organisation=course.organisations.get(), role=Role.MEMBER
    ).user
    assert api_client.get(RESULTS).status_code == 401
    for user in (graduate, outsider, member):
        api_client.force_login(user)
        assert api_client.get(RESULTS).status_code == 403, user


def test_staff_see_the_results(api_client: SchemaCheckedClient, course: Course) -> None:
    api_client.force_login(UserFactory.create(is_staff=True))
    assert api_client.get(RESULTS).json()["questions"] == []


def test_feedback_of_an_unknown_course_is_not_found(
    api_client: SchemaCheckedClient, learner: User
) -> None:
    api_client.force_login(learner)
    assert api_client.get("/api/v1/courses/no-such/ratings").status_code == 404
    assert (
        api_client.put(
            "/api/v1/courses/no-such/rating", {"stars": 3}, content_type="application/json"
        ).status_code
        == 404
    )


def test_the_fifth_response_tells_the_course_team_once(course: Course, author: User) -> None:
    outsider = MembershipFactory.create(organisation=OrganisationFactory.create(), role=Role.ADMIN)
    answer_all(course, [5, 4, 3, 4])
    assert not Notice.objects.filter(kind="survey_results_ready").exists()
    answer_all(course, [5, 5])
    notices = Notice.objects.filter(kind="survey_results_ready")
    assert [notice.person for notice in notices] == [author]
    assert notices.get().link == reverse("feedback:results", args=[course.slug])
    assert outsider.user not in [notice.person for notice in notices]


def test_answers_that_raced_past_the_fifth_still_tell_the_team_once(
    course: Course, author: User
) -> None:
    # Two answers that both counted four (before answers took turns) left five and no notice:
    # the next answer sends it, and no later one again.
    for user in graduates(course, 5):
        SurveyResponse.objects.create(course=course, learner=user, answers={"clear": 4})
    answer_all(course, [5])
    answer_all(course, [3, 4])
    assert Notice.objects.filter(kind="survey_results_ready").count() == 1
    assert SurveyResultsNotice.objects.filter(course=course).count() == 1


def test_reaching_five_again_after_an_erasure_sends_no_second_notice(
    course: Course, author: User
) -> None:
    answer_all(course, [5, 4, 3, 4, 5])
    assert Notice.objects.filter(kind="survey_results_ready").count() == 1
    erased = SurveyResponse.objects.filter(course=course).first()
    assert erased is not None
    erased.delete()
    answer_all(course, [2])
    assert SurveyResponse.objects.filter(course=course).count() == 5
    assert Notice.objects.filter(kind="survey_results_ready").count() == 1


def test_feedback_page_queries_stay_fixed(
    client: Client, course: Course, learner: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for user in graduates(course, 6):
        services.rate_course(user, course, 4, "Worth the time.")
    client.force_login(learner)
    client.get(reverse("feedback:course", args=[course.slug]))
    # session, user, enrolment, own rating, survey answered, summary, reviews, may rate, the
    # learner's memberships (for the course team's link); the course at its address is kept
    with django_assert_num_queries(9):
        response = client.get(reverse("feedback:course", args=[course.slug]))
    assert response.content.decode().count("Worth the time.") == 6
