"""A learner's grades and progress, per course and across courses: each quiz with its best and
last scores and the attempts left, what still keeps the course from being complete, and the
certificate once earned. Only the learner reads their own grades."""

from __future__ import annotations

from dataclasses import dataclass

from praxis.assessments.models import Attempt, Quiz
from praxis.assessments.serving import as_served
from praxis.catalog.models import Course, Enrolment
from praxis.catalog.queries import CourseProgress, course_progress, my_learning
from praxis.catalog.requirements import Requirement, outstanding
from praxis.core.people import Person
from praxis.credentials.models import Credential
from praxis.credentials.queries import course_certificates


@dataclass(frozen=True)
class QuizGrade:
    """One quiz as the learner stands with it; percentages are of the attempt's maximum."""

    quiz: Quiz
    attempts: int  # submitted ones
    best_percent: int | None
    last_percent: int | None
    passed: bool
    in_progress: bool
    attempts_left: int | None  # None: no limit


@dataclass(frozen=True)
class CourseGrades:
    enrolment: Enrolment
    progress: CourseProgress
    quizzes: list[QuizGrade]
    # What is left before the course is complete beyond its lessons (a required quiz), and
    # the number of lessons not yet done; both empty once the course is complete.
    still_open: list[Requirement]
    lessons_left: int
    certificate: Credential | None

    @property
    def course(self) -> Course:
        return self.enrolment.course


def _percent(attempt: Attempt) -> int:
    return round(100 * attempt.scaled)


def _quiz_grades(learner: Person, quizzes: list[Quiz]) -> dict[int, list[QuizGrade]]:
    """Each course's quizzes (by course ID) with the learner's grades. One query for the
    attempts, whatever the number of quizzes."""
    attempts: dict[int, list[Attempt]] = {}
    for attempt in Attempt.objects.filter(learner=learner, quiz__in=quizzes).order_by("number"):
        attempts.setdefault(attempt.quiz_id, []).append(attempt)
    by_course: dict[int, list[QuizGrade]] = {}
    for quiz in quizzes:
        made = attempts.get(quiz.pk, [])
        submitted = [a for a in made if a.status == Attempt.Status.SUBMITTED]
        by_course.setdefault(quiz.course_id, []).append(
            QuizGrade(
                quiz=quiz,
                attempts=len(submitted),
                best_percent=max((_percent(a) for a in submitted), default=None),
                last_percent=_percent(submitted[-1]) if submitted else None,
                passed=any(a.passed for a in submitted),
                in_progress=len(submitted) < len(made),
                attempts_left=(
                    None if quiz.max_attempts is None else max(0, quiz.max_attempts - len(made))
                ),
            )
        )
    return by_course


def _grades(
    learner: Person,
    entries: list[tuple[Enrolment, CourseProgress]],
    certificates: dict[str, Credential],
) -> list[CourseGrades]:
    course_ids = [enrolment.course_id for enrolment, _progress in entries]
    quizzes = as_served(
        learner,
        Quiz.objects.filter(course_id__in=course_ids, published=True)
        .select_related("course")
        .order_by("course_id", "id"),
    )
    grades = _quiz_grades(learner, quizzes)
    listed = []
    for enrolment, progress in entries:
        complete = enrolment.status == Enrolment.Status.COMPLETED
        listed.append(
            CourseGrades(
                enrolment=enrolment,
                progress=progress,
                quizzes=grades.get(enrolment.course_id, []),
                still_open=[] if complete else outstanding(learner, enrolment.course),
                lessons_left=0 if complete else progress.total - progress.completed,
                certificate=certificates.get(str(enrolment.course.uuid)),
            )
        )
    return listed


def course_grades(learner: Person, course: Course) -> CourseGrades:
    """The learner's grades in one course; NotFound (not_enrolled) without an enrolment."""
    enrolment, progress = course_progress(learner, learner, course)
    certificates = course_certificates(learner, [course.uuid])
    return _grades(learner, [(enrolment, progress)], certificates)[0]


def all_grades(learner: Person) -> list[CourseGrades]:
    """The learner's grades in every course they follow or completed, most recent first."""
    learning = my_learning(learner)
    entries = [(e.enrolment, e.progress) for e in [*learning.in_progress, *learning.completed]]
    certificates = {
        str(e.enrolment.course.uuid): e.certificate
        for e in learning.completed
        if e.certificate is not None
    }
    return _grades(learner, entries, certificates)
