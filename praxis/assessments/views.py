"""Quiz, attempt, analysis, competency, gap and pathway pages. Thin: load, check, call, render."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.assessments import queries, services
from praxis.assessments.chart import level_chart
from praxis.assessments.models import Attempt, Pathway, Question
from praxis.assessments.permissions import analyse_items
from praxis.assessments.review import review as attempt_review
from praxis.assessments.serving import quiz_served_to
from praxis.catalog import queries as catalog_queries
from praxis.competencies import services as competencies
from praxis.competencies.models import CompetencyItem, TargetProfile
from praxis.competencies.queries import gaps, target_profiles
from praxis.core import refusals
from praxis.core.errors import PraxisError
from praxis.core.people import signed_in
from praxis.core.permissions import require


@require_GET
def course_quizzes(request: HttpRequest, slug: str) -> HttpResponse:
    course = catalog_queries.visible_course(request.user, slug)
    return render(
        request,
        "assessments/course_quizzes.html",
        {"course": course, "quizzes": queries.course_quizzes(course, request.user)},
    )


@require_GET
def quiz(request: HttpRequest, quiz_uuid: UUID) -> HttpResponse:
    found = queries.visible_quiz(request.user, quiz_uuid)
    served = quiz_served_to(request.user, found)
    if served.pk != found.pk:  # an experiment gives this learner another variant
        return redirect("assessments:quiz", served.uuid)
    attempts = queries.attempts_of(request.user, found) if request.user.is_authenticated else []
    left = queries.attempts_left(request.user, found) if request.user.is_authenticated else None
    gain = queries.knowledge_gain(found) if found.pre_test_id else None
    return render(
        request,
        "assessments/quiz.html",
        {
            "quiz": found,
            "attempts": attempts,
            "attempts_left": left,
            # An open attempt is resumed even when it was the last one allowed.
            "can_start": left != 0
            or any(attempt.status == Attempt.Status.OPEN for attempt in attempts),
            "gain": gain,
            "can_analyse": analyse_items.allows(request.user, found),
        },
    )


@require_POST
def start(request: HttpRequest, quiz_uuid: UUID) -> HttpResponse:
    user = request.user
    found = queries.visible_quiz(user, quiz_uuid)
    if not signed_in(user):
        return redirect_to_login(request.get_full_path())
    # Where an experiment varies the quiz, the learner's own variant is the one started.
    found = quiz_served_to(user, found)
    started = refusals.result_of(request, lambda: services.start_attempt(user, found))
    if started is None:
        return redirect("assessments:quiz", found.uuid)
    return redirect("assessments:attempt", started.uuid)


def answers_from_form(questions: list[queries.ShownQuestion], data: Any) -> dict[str, Any]:
    """The form's fields as the answers the service expects (see scoring.py)."""
    answers: dict[str, Any] = {}
    for question in questions:
        name = f"q-{question.uuid}"
        if question.kind == Question.Kind.MULTIPLE:
            answers[str(question.uuid)] = data.getlist(name)
        elif question.kind == Question.Kind.ORDERING:
            ranks = [(data.get(f"{name}-{o.id}", ""), o.id) for o in question.options]
            try:
                ordered = sorted(ranks, key=lambda pair: int(pair[0]))
                answers[str(question.uuid)] = [option_id for _rank, option_id in ordered]
            except ValueError:
                answers[str(question.uuid)] = [rank for rank, _id in ranks if rank]
        elif question.kind == Question.Kind.MATCHING:
            answers[str(question.uuid)] = {
                str(o.id): data.get(f"{name}-{o.id}")
                for o in question.options
                if data.get(f"{name}-{o.id}")
            }
        else:
            answers[str(question.uuid)] = data.get(name, "")
    return answers


@login_required
@require_http_methods(["GET", "POST"])
def attempt(request: SignedInRequest, attempt_uuid: UUID) -> HttpResponse:
    found = queries.own_attempt(request.user, attempt_uuid)
    if request.method == "GET" and found.status == Attempt.Status.OPEN:
        found = services.close_expired_attempt(request.user, found)
    errors: dict[str, list[str]] = {}
    questions = queries.attempt_questions(found) if found.status == Attempt.Status.OPEN else []
    if request.method == "POST":
        try:
            found = services.submit_attempt(
                request.user, found, answers_from_form(questions, request.POST)
            )
        except PraxisError as error:
            messages.error(request, str(error.message))
            errors = {name: [str(m) for m in msgs] for name, msgs in error.fields.items()}
            found = queries.own_attempt(request.user, attempt_uuid)
            if found.status == Attempt.Status.OPEN and not errors:
                return redirect("assessments:attempt", found.uuid)
        else:
            return redirect("assessments:attempt", found.uuid)
    review = attempt_review(found) if found.quiz.review_allowed else []
    left = queries.attempts_left(request.user, found.quiz)
    return render(
        request,
        "assessments/attempt.html",
        {
            "attempt": found,
            "quiz": found.quiz,
            "questions": questions,
            "review": review,
            "errors": errors,
            "scaled_percent": round(100 * found.scaled),
            "attempts_left": left,
            "can_try_again": found.status == Attempt.Status.SUBMITTED
            and not found.passed
            and left != 0,
        },
        status=400 if errors else 200,
    )


@login_required
@require_GET
def analysis(request: HttpRequest, quiz_uuid: UUID) -> HttpResponse:
    found = queries.visible_quiz(request.user, quiz_uuid)
    require(analyse_items, request.user, found)
    return render(
        request,
        "assessments/analysis.html",
        {"quiz": found, "figures": queries.quiz_analysis(found)},
    )


def _target(request: HttpRequest) -> TargetProfile | None:
    slug = request.GET.get("target", "")
    return target_profiles().filter(slug=slug).first() if slug else None


@login_required
@require_http_methods(["GET", "POST"])
def my_competencies(request: SignedInRequest) -> HttpResponse:
    if request.method == "POST":
        chosen = request.POST.get("item", "")
        item = (
            CompetencyItem.objects.filter(identifier=chosen).first() if _is_uuid(chosen) else None
        )
        level = request.POST.get("level", "")
        if item is None:
            messages.error(request, _("Choose a competency."))
        else:
            refusals.attempt(
                request,
                lambda: competencies.assess_self(
                    request.user, item, int(level) if level.isdigit() else level
                ),
                _("Your self-assessment is saved."),
            )
        return redirect("assessments:my_competencies")
    held = queries.learner_profile(request.user)
    chart = level_chart([(e.item.code, e.item.name, e.level, None) for e in held])
    items = (
        CompetencyItem.objects.select_related("framework")
        .exclude(kind="Domain")
        .order_by("framework__title", "position")[:300]
    )
    return render(
        request,
        "assessments/my_competencies.html",
        {"profile": held, "chart": chart, "items": items, "levels": range(1, 6)},
    )


def _is_uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return True


@login_required
@require_GET
def my_gaps(request: SignedInRequest) -> HttpResponse:
    targets = list(target_profiles())
    target = _target(request)
    found = gaps(queries.learner_profile(request.user), target) if target else []
    chart = level_chart([(g.item.code, g.item.name, g.held, g.needed) for g in found])
    return render(
        request,
        "assessments/my_gaps.html",
        {
            "targets": targets,
            "target": target,
            "gaps": found,
            "chart": chart,
            "recommendations": queries.recommendations(request.user, target, found)
            if target
            else [],
        },
    )


@require_GET
def pathways(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/pathways.html", {"pathways": queries.pathways()})


@require_GET
def pathway(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Pathway, slug=slug, published=True)
    return render(
        request,
        "assessments/pathway.html",
        {"pathway": found, "steps": queries.pathway_steps(found, request.user)},
    )
