"""What course feedback holds about a person: their ratings and reviews, and their survey
answers. Both are exported with the person's data and deleted with their account."""

from django.utils.translation import gettext_lazy as _

from praxis.core.personal_data import Erasure, Holding, register
from praxis.feedback.models import CourseRating, SurveyResponse

register(
    Holding(
        CourseRating,
        ("learner",),
        Erasure.DELETE,
        kind="course-ratings",
        label=_("Course ratings and reviews"),
        fields=("course__title", "stars", "review", "created_at", "updated_at"),
    ),
    Holding(
        SurveyResponse,
        ("learner",),
        Erasure.DELETE,
        kind="course-surveys",
        label=_("End-of-course survey answers"),
        fields=("course__title", "answers", "created_at"),
    ),
)
