"""Pydantic shapes of the course feedback API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from praxis.feedback.models import MAX_REVIEW_LENGTH, CourseRating
from praxis.feedback.queries import RatingSummary, SurveyResults


class RatingIn(Schema):
    stars: int = Field(description="1 to 5")
    review: str = Field("", description=f"Optional, up to {MAX_REVIEW_LENGTH} characters")


class ReviewOut(Schema):
    stars: int
    review: str
    updated_at: datetime

    @staticmethod
    def of(rating: CourseRating) -> ReviewOut:
        return ReviewOut(stars=rating.stars, review=rating.review, updated_at=rating.updated_at)


class RatingsOut(Schema):
    count: int
    average: float | None = Field(description="One decimal; null before the first rating")
    reviews: list[ReviewOut] = Field(description="The latest reviews, without names")
    own: ReviewOut | None = Field(description="The caller's own rating, if any")

    @staticmethod
    def of(
        summary: RatingSummary, reviews: list[CourseRating], own: CourseRating | None
    ) -> RatingsOut:
        return RatingsOut(
            count=summary.count,
            average=summary.average,
            reviews=[ReviewOut.of(r) for r in reviews],
            own=ReviewOut.of(own) if own else None,
        )


class SurveyIn(Schema):
    answers: dict[str, Any] = Field(
        description="Question key → 1 (strongly disagree) to 5 (strongly agree); any may be "
        "left out"
    )


class SurveyQuestionOut(Schema):
    key: str
    text: str


class SurveyAnsweredOut(Schema):
    course: str
    answered: list[str] = Field(description="The questions answered")


class CellOut(Schema):
    point: int
    label: str
    count: int | None = Field(description="null: fewer than small_cell answers, not shown")


class QuestionResultOut(Schema):
    key: str
    text: str
    answers: int
    mean: float | None = Field(description="null when fewer than small_cell answered")
    cells: list[CellOut]


class SurveyResultsOut(Schema):
    responses: int
    small_cell: int = Field(description="Counts under this are never shown")
    questions: list[QuestionResultOut] = Field(
        description="Empty while fewer than small_cell learners have responded"
    )

    @staticmethod
    def of(results: SurveyResults) -> SurveyResultsOut:
        return SurveyResultsOut(
            responses=results.responses,
            small_cell=results.small_cell,
            questions=[
                QuestionResultOut(
                    key=q.key,
                    text=q.text,
                    answers=q.answers,
                    mean=q.mean,
                    cells=[CellOut(point=c.point, label=c.label, count=c.count) for c in q.cells],
                )
                for q in results.questions
            ],
        )
