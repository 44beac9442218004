"""Pydantic shapes of the assessments API. Attempt questions carry no answer key."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from praxis.assessments.models import Attempt, Quiz
from praxis.assessments.queries.attempts import ShownQuestion, seconds_left
from praxis.assessments.queries.grades import CourseGrades, QuizGrade
from praxis.assessments.queries.pathways import StepView
from praxis.assessments.review import ReviewedQuestion
from praxis.catalog.schemas import CourseRefOut, RequirementOut
from praxis.competencies.queries import Gap, ProfileEntry
from praxis.credentials.documents import credential_url


class QuizOut(Schema):
    uuid: UUID
    title: str
    kind: str
    course: str
    pass_mark: int
    max_attempts: int | None
    time_limit_minutes: int | None
    required_for_completion: bool

    # Built field by field: the course is given by its slug.
    @staticmethod
    def of(quiz: Quiz) -> QuizOut:
        return QuizOut(
            uuid=quiz.uuid,
            title=quiz.title,
            kind=quiz.kind,
            course=quiz.course.slug,
            pass_mark=quiz.pass_mark,
            max_attempts=quiz.max_attempts,
            time_limit_minutes=quiz.time_limit_minutes,
            required_for_completion=quiz.required_for_completion,
        )


class QuizChoiceOut(Schema):
    id: str = Field(description="The option's token in this attempt; answer with it")
    text: str


class AttemptQuestionOut(Schema):
    uuid: UUID
    position: int
    kind: str
    stem: str
    case: str
    vignette: str
    options: list[QuizChoiceOut]
    matches: list[QuizChoiceOut]

    # Built field by field: case is the case's title; the choices are schemas of their own.
    @staticmethod
    def of(shown: ShownQuestion) -> AttemptQuestionOut:
        return AttemptQuestionOut(
            uuid=shown.uuid,
            position=shown.position,
            kind=shown.kind,
            stem=shown.stem,
            case=shown.case_title,
            vignette=shown.vignette,
            options=[QuizChoiceOut(id=o.id, text=o.text) for o in shown.options],
            matches=[QuizChoiceOut(id=o.id, text=o.text) for o in shown.matches],
        )


class AttemptReviewOptionOut(Schema):
    text: str
    match: str
    correct: bool
    chosen: bool
    feedback: str


class AnswerPartOut(Schema):
    text: str = Field(description="An option chosen, an item at its place, a pair, a value")
    right: bool


class AttemptReviewOut(Schema):
    position: int
    kind: str
    stem: str
    correct: bool
    score: float
    points: int
    answer: str = Field(description="A numeric or short-text answer as given; see `given`")
    given: list[AnswerPartOut] = Field(
        description="The learner's answer in parts, in their order, each right or not; empty "
        "when not answered"
    )
    right_answer: list[str] = Field(
        description="The right options, the right order, the right pairs ('item → match'), "
        "the accepted value ('37 ± 0.5') or the accepted texts"
    )
    feedback: str = Field(description="The question's explanation")
    explanations: list[str] = Field(description="The feedback of the options chosen")
    options: list[AttemptReviewOptionOut]

    # Built field by field: answer is answer_text; given parts and options are schemas of their own.
    @staticmethod
    def of(reviewed: ReviewedQuestion) -> AttemptReviewOut:
        return AttemptReviewOut(
            position=reviewed.position,
            kind=reviewed.kind,
            stem=reviewed.stem,
            correct=reviewed.correct,
            score=reviewed.score,
            points=reviewed.points,
            answer=reviewed.answer_text,
            given=[AnswerPartOut(text=p.text, right=p.right) for p in reviewed.given],
            right_answer=reviewed.right_answer,
            feedback=reviewed.feedback,
            explanations=reviewed.explanations,
            options=[AttemptReviewOptionOut(**vars(option)) for option in reviewed.options],
        )


class AttemptOut(Schema):
    uuid: UUID
    quiz: UUID
    number: int
    status: str
    deadline: datetime | None
    submitted_at: datetime | None
    score: float | None
    max_score: float
    scaled: float | None
    passed: bool | None
    timed_out: bool
    attempts_left: int | None = Field(
        description="How many more attempts the learner may start at this quiz; null: no limit"
    )
    seconds_left: int | None = Field(
        description="Seconds until the deadline of an open timed attempt, as the server counts "
        "them (count down from this, not from the device's clock); null: no limit or submitted"
    )
    questions: list[AttemptQuestionOut]
    review: list[AttemptReviewOut]

    # Built from four inputs: questions, review and attempts left are not the attempt's.
    @staticmethod
    def of(
        attempt: Attempt,
        questions: list[ShownQuestion],
        review: list[ReviewedQuestion],
        attempts_left: int | None,
    ) -> AttemptOut:
        submitted = attempt.status == Attempt.Status.SUBMITTED
        return AttemptOut(
            uuid=attempt.uuid,
            quiz=attempt.quiz.uuid,
            number=attempt.number,
            status=attempt.status,
            deadline=attempt.deadline,
            submitted_at=attempt.submitted_at,
            score=attempt.score,
            max_score=attempt.max_score,
            scaled=round(attempt.scaled, 4) if submitted else None,
            passed=attempt.passed,
            timed_out=attempt.timed_out,
            attempts_left=attempts_left,
            seconds_left=seconds_left(attempt),
            questions=[AttemptQuestionOut.of(q) for q in questions],
            review=[AttemptReviewOut.of(r) for r in review],
        )


class AttemptSubmissionIn(Schema):
    answers: dict[str, Any] = Field(
        ..., description="Question UUID → answer; each type's shape is in the docs of scoring"
    )


class ItemOptionRateOut(Schema):
    option_id: int
    text: str
    correct: bool
    rate: float


class ItemFiguresOut(Schema):
    question_id: int
    stem: str
    n: int
    difficulty: float | None
    point_biserial: float | None
    upper_lower: float | None
    upper_lower_n: int
    blank_rate: float | None
    options: list[ItemOptionRateOut]
    points: float = Field(description="What the question is worth")
    mean_score: float | None = Field(description="Mean points earned on it, out of `points`")


class ItemAnalysisOut(Schema):
    attempts: int
    mean_score: float | None
    max_score: float | None = Field(
        description="What `mean_score` is out of: the mean of the attempts' maximum scores"
    )
    kr20: float | None
    alpha: float | None
    reliability_n: int
    reliability_items: int
    questions: list[ItemFiguresOut]


class CompetencyEvidenceOut(Schema):
    source: str
    title: str
    level: int
    date: datetime
    expires: datetime | None
    expired: bool


class CompetencyOut(Schema):
    identifier: UUID
    code: str
    name: str
    framework: str
    level: int
    evidence: list[CompetencyEvidenceOut]

    # Built field by field: identity comes from the entry's item; the evidence's dates are renamed.
    @staticmethod
    def of(entry: ProfileEntry) -> CompetencyOut:
        return CompetencyOut(
            identifier=entry.item.identifier,
            code=entry.item.code,
            name=entry.item.name,
            framework=entry.item.framework.slug,
            level=entry.level,
            evidence=[
                CompetencyEvidenceOut(
                    source=e.source,
                    title=e.title,
                    level=e.level,
                    date=e.observed_at,
                    expires=e.expires_at,
                    expired=e.expired,
                )
                for e in entry.evidence
            ],
        )


class CompetencySelfAssessmentIn(Schema):
    item: UUID
    level: int


class CompetencyGapOut(Schema):
    code: str
    name: str
    needed: int
    held: int
    missing: int

    # Built field by field: code and name are read from the gap's item.
    @staticmethod
    def of(gap: Gap) -> CompetencyGapOut:
        return CompetencyGapOut(
            code=gap.item.code,
            name=gap.item.name,
            needed=gap.needed,
            held=gap.held,
            missing=gap.missing,
        )


class CompetencyRecommendationOut(Schema):
    kind: str
    title: str
    slug: str
    language: str
    reason: str
    closes: int


class CompetencyGapsOut(Schema):
    target: str
    gaps: list[CompetencyGapOut]
    recommendations: list[CompetencyRecommendationOut]


class PathwayStepOut(Schema):
    position: int
    course: str
    title: str
    prerequisites: list[str]
    completed: bool
    available: bool

    # Built field by field: the course and the prerequisites become slugs.
    @staticmethod
    def of(step: StepView) -> PathwayStepOut:
        return PathwayStepOut(
            position=step.position,
            course=step.course.slug,
            title=step.course.title,
            prerequisites=[course.slug for course in step.prerequisites],
            completed=step.completed,
            available=step.available,
        )


class PathwayOut(Schema):
    slug: str
    title: str
    language: str
    summary: str
    outcome: str


class PathwayDetailOut(PathwayOut):
    steps: list[PathwayStepOut]


class QuestionBankOut(Schema):
    uuid: UUID
    title: str
    language: str
    questions: int


class QuizGradeOut(Schema):
    quiz: QuizOut
    attempts: int = Field(description="Submitted attempts")
    best_percent: int | None = Field(description="Best score in percent; null before any")
    last_percent: int | None = Field(description="Score of the last submitted attempt")
    passed: bool
    in_progress: bool = Field(description="An attempt is open")
    attempts_left: int | None = Field(description="null: no limit")

    # Built field by field: its quiz is built by QuizOut.of, whose course is a slug.
    @staticmethod
    def of(grade: QuizGrade) -> QuizGradeOut:
        return QuizGradeOut(
            quiz=QuizOut.of(grade.quiz),
            attempts=grade.attempts,
            best_percent=grade.best_percent,
            last_percent=grade.last_percent,
            passed=grade.passed,
            in_progress=grade.in_progress,
            attempts_left=grade.attempts_left,
        )


class CourseGradesOut(Schema):
    course: CourseRefOut
    status: str = Field(description="The enrolment's status: active or completed")
    percent: int = Field(ge=0, le=100, description="Lessons done, in percent")
    lessons_left: int
    still_open: list[RequirementOut] = Field(
        description="Beyond the lessons, what is still needed to complete the course"
    )
    quizzes: list[QuizGradeOut]
    certificate: str | None = Field(description="The certificate's address once earned")

    # Built field by field: status and percent come from the enrolment and the progress.
    @staticmethod
    def of(grades: CourseGrades) -> CourseGradesOut:
        return CourseGradesOut(
            course=CourseRefOut.of(grades.course),
            status=grades.enrolment.status,
            percent=grades.progress.percent,
            lessons_left=grades.lessons_left,
            still_open=[RequirementOut.from_orm(r) for r in grades.still_open],
            quizzes=[QuizGradeOut.of(grade) for grade in grades.quizzes],
            certificate=credential_url(grades.certificate) if grades.certificate else None,
        )
