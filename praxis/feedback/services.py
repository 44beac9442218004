"""Rating a course and answering its end-of-course survey. Each refusal has its own code and
writes nothing."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.catalog.models import Course, Enrolment
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    PermissionDenied,
    ValidationFailed,
)
from praxis.core.people import Visitor, signed_in
from praxis.feedback.models import (
    MAX_REVIEW_LENGTH,
    CourseRating,
    SurveyResponse,
    SurveyResultsNotice,
)
from praxis.feedback.notices import survey_results_ready
from praxis.feedback.permissions import course_team
from praxis.feedback.permissions import rate_course as may_rate
from praxis.feedback.survey import QUESTIONS, SCALE, SMALL_CELL
from praxis.notifications.services import notify_all


def _scale_point(value: Any) -> int | None:
    """1 to 5 from a number or its text ("4"), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and 0 < len(value.strip()) <= 2 and value.strip().isdecimal():
        value = int(value.strip())
    return value if isinstance(value, int) and value in SCALE else None


def _stars(value: Any) -> int:
    stars = _scale_point(value)
    if stars is None:
        raise ValidationFailed(
            ErrorCode.RATING_OUT_OF_RANGE,
            _("Choose a rating from 1 to 5 stars."),
            fields={"stars": [_("Choose from 1 to 5.")]},
        )
    return stars


def _review(value: Any) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        raise ValidationFailed(
            ErrorCode.INVALID_INPUT,
            _("A review is text."),
            fields={"review": [_("A review is text.")]},
        )
    if len(text) > MAX_REVIEW_LENGTH:
        raise ValidationFailed(
            ErrorCode.REVIEW_TOO_LONG,
            _("Keep the review to %(limit)d characters.") % {"limit": MAX_REVIEW_LENGTH},
            fields={"review": [_("Too long.")]},
        )
    return text


@transaction.atomic
def rate_course(learner: Visitor, course: Course, stars: Any, review: Any = "") -> CourseRating:
    """Record the learner's rating (1–5) and short review of a course they follow or completed;
    a second rating replaces the first. Refused: not signed in, not enrolled, a rating out of
    range, a review that is not text or too long."""
    if not signed_in(learner):
        raise NotAuthenticated()
    if not may_rate.allows(learner, course):
        raise PermissionDenied(
            ErrorCode.NOT_ENROLLED, _("Only learners enrolled in this course can rate it.")
        )
    cleaned_stars, cleaned_review = _stars(stars), _review(review)
    rating, _created = CourseRating.objects.update_or_create(
        course=course,
        learner=learner,
        defaults={"stars": cleaned_stars, "review": cleaned_review},
    )
    return rating


def _survey_answers(answers: Any) -> dict[str, int]:
    if not isinstance(answers, dict) or len(answers) > 2 * len(QUESTIONS):
        raise ValidationFailed(
            ErrorCode.SURVEY_ANSWERS_INVALID, _("The survey's answers could not be read.")
        )
    problems: dict[str, list[str | Promise]] = {
        str(key)[:60]: [_("Not a question of this survey.")]
        for key in answers
        if key not in QUESTIONS
    }
    cleaned: dict[str, int] = {}
    for key, value in answers.items():
        if key not in QUESTIONS or value in (None, ""):
            continue  # an unknown question is reported above; a skipped one is allowed
        number = _scale_point(value)
        if number is None:
            problems[key] = [_("Choose from 1 to 5.")]
        else:
            cleaned[key] = number
    if problems:
        raise ValidationFailed(
            ErrorCode.SURVEY_ANSWERS_INVALID,
            _("Some of the survey's answers could not be read."),
            fields=dict(list(problems.items())[:20]),
        )
    if not cleaned:
        raise ValidationFailed(
            ErrorCode.SURVEY_ANSWERS_INVALID, _("Answer at least one question of the survey.")
        )
    return cleaned


def answer_survey(learner: Visitor, course: Course, answers: Any) -> SurveyResponse:
    """Record the learner's answers ({question: 1–5}, questions may be skipped) to the survey
    of a course they completed; once only. Refused: not signed in, not completed, answered
    already, an unknown question or an answer off the scale, no answer at all. The answer that
    makes the results readable (the fifth) tells the course team, once per course."""
    if not signed_in(learner):
        raise NotAuthenticated()
    if not Enrolment.objects.filter(
        learner=learner, course=course, status=Enrolment.Status.COMPLETED
    ).exists():
        raise PermissionDenied(
            ErrorCode.COURSE_NOT_COMPLETED,
            _("The survey opens once you have completed the course."),
        )
    cleaned = _survey_answers(answers)
    with transaction.atomic():
        # Answers to one course's survey take turns (the course row is locked), so that the
        # count each sees includes every answer before it, and the notice goes exactly once.
        Course.objects.select_for_update().filter(pk=course.pk).values_list("pk").first()
        try:
            with transaction.atomic():
                response = SurveyResponse.objects.create(
                    course=course, learner=learner, answers=cleaned
                )
        except IntegrityError as error:
            raise Conflict(
                ErrorCode.SURVEY_ALREADY_ANSWERED, _("You have already answered this survey.")
            ) from error
        responses = SurveyResponse.objects.filter(course=course).count()
        if responses >= SMALL_CELL:
            _notice, first = SurveyResultsNotice.objects.get_or_create(course=course)
            if first:  # the results have just become readable
                notify_all(
                    course_team(course),
                    survey_results_ready,
                    reverse("feedback:results", args=[course.slug]),
                    course=course.title,
                    responses=responses,
                )
        return response
