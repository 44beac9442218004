"""Pydantic shapes of the course feedback API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from praxis.feedback.models import MAX_REVIEW_LENGTH, CourseRating
from praxis.feedback.queries import RatingSummary


class RatingIn(Schema):
    stars: int = Field(description="1 to 5")
    review: str = Field("", description=f"Optional, up to {MAX_REVIEW_LENGTH} characters")


class ReviewOut(Schema):
    stars: int
    review: str
    updated_at: datetime


class RatingsOut(Schema):
    count: int
    average: float | None = Field(description="One decimal; null before the first rating")
    reviews: list[ReviewOut] = Field(description="The latest reviews, without names")
    own: ReviewOut | None = Field(description="The caller's own rating, if any")

    # Built field by field: its fields come from three objects, not one.
    @staticmethod
    def of(
        summary: RatingSummary, reviews: list[CourseRating], own: CourseRating | None
    ) -> RatingsOut:
        return RatingsOut(
            count=summary.count,
            average=summary.average,
            reviews=[ReviewOut.from_orm(r) for r in reviews],
            own=ReviewOut.from_orm(own) if own else None,
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
    cells: list[CellOut] = Field(
        description="Empty when fewer than small_cell answered, or when withheld"
    )
    withheld: bool = Field(
        description="The counts are not given although enough answered: a count under "
        "small_cell could be worked out from them, the mean and the share who agreed"
    )


class SurveyResultsOut(Schema):
    responses: int
    small_cell: int = Field(description="Counts under this are never shown")
    questions: list[QuestionResultOut] = Field(
        description="Empty while fewer than small_cell learners have responded"
    )
