"""Learners' feedback on courses: a rating with a short review, and the end-of-course survey.

Each learner rates a course once (and may change it); each answers the survey once, after
completing the course. Survey answers are only ever shown aggregated (queries.survey_results).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from praxis.catalog.models import Course
from praxis.core.models import TimeStampedModel

MAX_REVIEW_LENGTH = 1000


class CourseRating(TimeStampedModel):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_ratings"
    )
    stars = models.PositiveSmallIntegerField(_("rating"))
    review = models.TextField(_("review"), max_length=MAX_REVIEW_LENGTH, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("course rating")
        constraints = [
            models.UniqueConstraint(fields=["course", "learner"], name="feedback_rating_once"),
            models.CheckConstraint(
                condition=Q(stars__gte=1, stars__lte=5), name="feedback_stars_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: {self.stars}"


class SurveyResponse(TimeStampedModel):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_responses"
    )
    # {question key (survey.QUESTIONS): 1–5}; a question left out was skipped.
    answers = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("survey response")
        constraints = [
            models.UniqueConstraint(fields=["course", "learner"], name="feedback_survey_once")
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: {self.pk}"


class SurveyResultsNotice(models.Model):
    """That the course team was told a course's survey results became readable: one row per
    course at most, so the notice goes once, however answers race or responses are erased."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey results notice")

    def __str__(self) -> str:
        return f"{self.course_id}: {self.sent_at}"
