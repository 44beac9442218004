"""What the catalogue holds about a person: enrolments and lesson progress."""

from django.utils.translation import gettext_lazy as _

from praxis.catalog.models import CourseVersion, Enrolment, LessonProgress
from praxis.core.personal_data import Erasure, Holding, register

register(
    Holding(
        Enrolment,
        ("learner",),
        Erasure.DELETE,
        kind="enrolments",
        label=_("Enrolments"),
        fields=(
            "course__slug",
            "course__title",
            "status",
            "created_at",
            "completed_at",
            "withdrawn_at",
            "last_activity_at",
        ),
    ),
    Holding(
        LessonProgress,
        ("learner",),
        Erasure.DELETE,
        kind="lesson-progress",
        label=_("Lessons completed"),
        fields=("lesson__module__course__slug", "lesson__title", "completed_at"),
    ),
    # The version record stays with the course; it no longer says who published it.
    Holding(CourseVersion, ("published_by",), Erasure.DETACH),
)
