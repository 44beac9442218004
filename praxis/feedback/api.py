"""Course ratings and reviews, and the end-of-course survey with its aggregated results."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.catalog import queries as catalog_queries
from praxis.core.schemas import errors
from praxis.feedback import queries, services
from praxis.feedback.schemas import (
    RatingIn,
    RatingsOut,
    ReviewOut,
    SurveyAnsweredOut,
    SurveyIn,
    SurveyQuestionOut,
    SurveyResultsOut,
)
from praxis.feedback.survey import QUESTIONS

router = Router(tags=["feedback"])


@router.get("/courses/{slug}/ratings", response={200: RatingsOut, **errors(404)}, auth=None)
def course_ratings(request: HttpRequest, slug: str) -> RatingsOut:
    """The course's average rating and count, its latest reviews (without names), and the
    caller's own rating when signed in."""
    course = catalog_queries.visible_course(request.user, slug)
    return RatingsOut.of(
        queries.rating_summary(course),
        list(queries.reviews(course)),
        queries.own_rating(request.user, course),
    )


@router.put(
    "/courses/{slug}/rating",
    response={200: ReviewOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def rate_course(request: SignedInRequest, slug: str, payload: RatingIn) -> ReviewOut:
    """Rate a course you follow or completed (1–5) with an optional short review; rating
    again replaces your rating (rating_out_of_range, review_too_long, not_enrolled)."""
    course = catalog_queries.visible_course(request.user, slug)
    return ReviewOut.from_orm(
        services.rate_course(request.user, course, payload.stars, payload.review)
    )


@router.get("/feedback/survey-questions", response={200: list[SurveyQuestionOut]}, auth=None)
def survey_questions(request: HttpRequest) -> list[SurveyQuestionOut]:
    """The statements of the end-of-course survey, each answered from 1 to 5."""
    return [SurveyQuestionOut(key=key, text=str(text)) for key, text in QUESTIONS.items()]


@router.post(
    "/courses/{slug}/survey",
    response={201: SurveyAnsweredOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def answer_survey(
    request: SignedInRequest, slug: str, payload: SurveyIn
) -> Status[SurveyAnsweredOut]:
    """Answer the end-of-course survey of a course you completed, once
    (course_not_completed, survey_already_answered, survey_answers_invalid)."""
    course = catalog_queries.visible_course(request.user, slug)
    response = services.answer_survey(request.user, course, payload.answers)
    return Status(201, SurveyAnsweredOut(course=course.slug, answered=sorted(response.answers)))


@router.get(
    "/courses/{slug}/survey/results",
    response={200: SurveyResultsOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def survey_results(request: SignedInRequest, slug: str) -> SurveyResultsOut:
    """The survey's answers counted per question for the course team (staff and the admins
    and authors of a co-creating organisation); counts under `small_cell` are withheld."""
    course = catalog_queries.visible_course(request.user, slug)
    return SurveyResultsOut.from_orm(queries.survey_results(request.user, course))
