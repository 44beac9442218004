"""Quizzes, attempts, item analysis, competency profile, gaps, recommendations, pathways."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.assessments import queries, review, services
from praxis.assessments.inputs import QuestionBankDocument
from praxis.assessments.models import Attempt, Pathway
from praxis.assessments.permissions import analyse_items, manage_banks
from praxis.assessments.schemas import (
    AttemptOut,
    AttemptSubmissionIn,
    CompetencyGapOut,
    CompetencyGapsOut,
    CompetencyOut,
    CompetencyRecommendationOut,
    CompetencySelfAssessmentIn,
    CourseGradesOut,
    ItemAnalysisOut,
    PathwayDetailOut,
    PathwayOut,
    PathwayStepOut,
    QuestionBankOut,
    QuizOut,
)
from praxis.assessments.serving import quiz_served_to
from praxis.catalog import queries as catalog_queries
from praxis.competencies import services as competencies
from praxis.competencies.models import CompetencyItem, TargetProfile
from praxis.competencies.queries import gaps
from praxis.core import input_guard
from praxis.core.api import built, kept_answer
from praxis.core.errors import ErrorCode, NotFound, ValidationFailed
from praxis.core.permissions import require
from praxis.core.schemas import errors

router = Router(tags=["assessments"])


def _attempt_out(attempt: Attempt) -> AttemptOut:
    left = queries.attempts_left(attempt.learner, attempt.quiz)
    if attempt.status == Attempt.Status.OPEN:
        return AttemptOut.of(attempt, queries.attempt_questions(attempt), [], left)
    reviewed = review.review(attempt) if attempt.quiz.review_allowed else []
    return AttemptOut.of(attempt, [], reviewed, left)


@router.get("/courses/{slug}/quizzes", response={200: list[QuizOut], **errors(404)}, auth=None)
def course_quizzes(request: HttpRequest, slug: str) -> list[QuizOut]:
    """The published quizzes of a course, as the user is served them: where an experiment
    varies a quiz, the user's own variant in its place."""
    course = catalog_queries.visible_course(request.user, slug)
    return [QuizOut.of(quiz) for quiz in queries.course_quizzes(course, request.user)]


@router.post(
    "/quizzes/{uuid}/attempts",
    response={201: AttemptOut, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def start_attempt(request: SignedInRequest, uuid: UUID) -> Status[AttemptOut]:
    """Start (or resume) an attempt; the questions come without their answers. Where an
    experiment varies the quiz, the attempt is at the learner's own variant (its `quiz`)."""
    quiz = quiz_served_to(request.user, queries.visible_quiz(request.user, uuid))
    attempt = services.start_attempt(request.user, quiz)
    return Status(201, _attempt_out(attempt))


@router.get("/attempts/{uuid}", response={200: AttemptOut, **errors(401, 404)}, auth=api_auth)
def get_attempt(request: SignedInRequest, uuid: UUID) -> AttemptOut:
    """One of the learner's attempts: its questions while open, the review once submitted.
    An open attempt whose time is up is closed first (it counts, with no answers)."""
    attempt = queries.own_attempt(request.user, uuid)
    if attempt.status == Attempt.Status.OPEN:
        attempt = services.close_expired_attempt(request.user, attempt)
    return _attempt_out(attempt)


@router.post(
    "/attempts/{uuid}/submission",
    response={200: AttemptOut, **errors(400, 401, 404, 409)},
    auth=api_auth,
)
def submit_attempt(
    request: SignedInRequest, uuid: UUID, payload: AttemptSubmissionIn
) -> AttemptOut:
    """Submit the answers; marking happens on the server and the attempt is then final.
    Answers sent after the deadline (and a short grace) are refused with `attempt_time_up`,
    and the attempt is then closed as timed out."""
    attempt = queries.own_attempt(request.user, uuid)
    return _attempt_out(services.submit_attempt(request.user, attempt, payload.answers))


@router.get(
    "/quizzes/{uuid}/analysis",
    response={200: ItemAnalysisOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def quiz_analysis(request: HttpRequest, uuid: UUID) -> ItemAnalysisOut:
    """Item analysis (staff): difficulty, discrimination, distractors, KR-20, alpha, with n."""
    quiz = queries.visible_quiz(request.user, uuid)
    require(analyse_items, request.user, quiz)
    return ItemAnalysisOut.from_orm(queries.quiz_analysis(quiz))


@router.post(
    "/courses/{slug}/question-banks",
    response={201: list[QuestionBankOut], **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def import_bank(request: SignedInRequest, slug: str) -> Status[list[QuestionBankOut]]:
    """Import a question bank in several languages for a course (staff)."""
    course = catalog_queries.visible_course(request.user, slug)
    require(manage_banks, request.user)  # before reading a body that may be large
    try:
        data = input_guard.loads(request.body)
    except ValueError as error:
        raise ValidationFailed(
            ErrorCode.MALFORMED_BODY, _("The request body is not valid JSON.")
        ) from error
    document = QuestionBankDocument.read(data)
    banks = services.import_question_bank(document, course=course, by=request.user)
    return Status(
        201,
        [
            QuestionBankOut(
                uuid=b.uuid, title=b.title, language=b.language, questions=b.questions.count()
            )
            for b in banks
        ],
    )


@router.get("/me/competencies", response={200: list[CompetencyOut], **errors(401)}, auth=api_auth)
def my_competencies(request: SignedInRequest) -> list[CompetencyOut]:
    """The signed-in learner's competencies, each with its evidence and dates."""
    return [CompetencyOut.of(entry) for entry in queries.learner_profile(request.user)]


@router.post(
    "/me/competencies/self-assessment",
    response={201: list[CompetencyOut], **errors(400, 401, 404)},
    auth=api_auth,
)
def assess_self(
    request: SignedInRequest, payload: CompetencySelfAssessmentIn
) -> Status[list[CompetencyOut]]:
    """Record the learner's own view of their level of one competency (1 to 5)."""
    item = CompetencyItem.objects.filter(identifier=payload.item).first()
    if item is None:
        raise NotFound()
    competencies.assess_self(request.user, item, payload.level)
    return Status(201, [CompetencyOut.of(e) for e in queries.learner_profile(request.user)])


@router.get(
    "/me/gaps/{target}", response={200: CompetencyGapsOut, **errors(401, 404)}, auth=api_auth
)
def my_gaps(request: SignedInRequest, target: str) -> CompetencyGapsOut:
    """The learner's gaps against a target profile, and what closes them, with reasons."""
    profile = get_object_or_404(TargetProfile, slug=target)
    found = gaps(queries.learner_profile(request.user), profile)
    return CompetencyGapsOut(
        target=profile.slug,
        gaps=[CompetencyGapOut.of(gap) for gap in found],
        recommendations=[
            CompetencyRecommendationOut.from_orm(r)
            for r in queries.recommendations(request.user, profile, found)
        ],
    )


@router.get("/me/grades", response={200: list[CourseGradesOut], **errors(401)}, auth=api_auth)
def my_grades(request: SignedInRequest) -> HttpResponse:
    """The learner's grades and progress in every course they follow or completed: quizzes
    with best and last scores and attempts left, what is still open, the certificate."""
    grades = queries.all_grades(request.user)
    return built(request, [CourseGradesOut.of(course) for course in grades])


@router.get("/me/grades/{slug}", response={200: CourseGradesOut, **errors(401, 404)}, auth=api_auth)
def course_grades(request: SignedInRequest, slug: str) -> CourseGradesOut:
    """The learner's grades and progress in one course (not_enrolled when they follow none)."""
    course = catalog_queries.visible_course(request.user, slug)
    return CourseGradesOut.of(queries.course_grades(request.user, course))


# The published pathways, as every caller reads them, kept until a pathway changes.
PATHWAYS_SCOPE = "api:pathways"


@router.get("/pathways", response={200: list[PathwayOut]}, auth=None)
def list_pathways(request: HttpRequest) -> HttpResponse:
    """Learning pathways."""
    return kept_answer(
        request,
        PATHWAYS_SCOPE,
        (),
        lambda: [PathwayOut.from_orm(pathway) for pathway in queries.pathways()],
        personal=False,
    )


@router.get("/pathways/{slug}", response={200: PathwayDetailOut, **errors(404)}, auth=None)
def get_pathway(request: HttpRequest, slug: str) -> PathwayDetailOut:
    """A pathway's courses in order with their prerequisites and the learner's progress."""
    pathway = get_object_or_404(Pathway, slug=slug, published=True)
    return PathwayDetailOut(
        **PathwayOut.from_orm(pathway).dict(),
        steps=[PathwayStepOut.of(step) for step in queries.pathway_steps(pathway, request.user)],
    )
