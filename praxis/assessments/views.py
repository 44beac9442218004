"""Quiz, attempt, analysis, competency, gap and pathway pages. Thin: load, check, call, render."""

from __future__ import annotations

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
from praxis.assessments.forms import AttemptForm, SelfAssessmentForm, TargetForm
from praxis.assessments.models import Attempt, Pathway
from praxis.assessments.permissions import analyse_items
from praxis.assessments.review import review as attempt_review
from praxis.assessments.serving import quiz_served_to
from praxis.catalog import queries as catalog_queries
from praxis.competencies import services as competencies
from praxis.competencies.models import CompetencyItem
from praxis.competencies.queries import gaps, target_profiles
from praxis.core import refusals
from praxis.core.errors import PraxisError
from praxis.core.languages import readers_of
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


@login_required
@require_http_methods(["GET", "POST"])
def attempt(request: SignedInRequest, attempt_uuid: UUID) -> HttpResponse:
    found = queries.own_attempt(request.user, attempt_uuid)
    if request.method == "GET" and found.status == Attempt.Status.OPEN:
        found = services.close_expired_attempt(request.user, found)
    is_open = found.status == Attempt.Status.OPEN
    contents = queries.attempt_contents(found) if is_open else None
    questions = queries.attempt_questions(found, contents) if is_open else []
    form = AttemptForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.submit_attempt(request.user, found, form.answers(), contents=contents)
        except PraxisError as error:
            messages.error(request, str(error.message))
            found = queries.own_attempt(request.user, attempt_uuid)
            if error.fields:
                form.show_refusal(error)
            elif found.status == Attempt.Status.OPEN:
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
            "form": form,
            "review": review,
            "scaled_percent": round(100 * found.scaled),
            "attempts_left": left,
            "seconds_left": queries.seconds_left(found),
            "can_try_again": found.status == Attempt.Status.SUBMITTED
            and not found.passed
            and left != 0,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def my_grades(request: SignedInRequest) -> HttpResponse:
    return render(request, "assessments/grades.html", {"courses": queries.all_grades(request.user)})


@login_required
@require_GET
def course_grades(request: SignedInRequest, slug: str) -> HttpResponse:
    course = catalog_queries.visible_course(request.user, slug)
    try:
        grades = queries.course_grades(request.user, course)
    except PraxisError as error:  # not enrolled: the course page offers enrolment
        messages.info(request, str(error.message))
        return redirect("catalog:course", course.slug)
    return render(request, "assessments/course_grades.html", {"grades": grades})


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


@login_required
@require_http_methods(["GET", "POST"])
def my_competencies(request: SignedInRequest) -> HttpResponse:
    items = (
        CompetencyItem.objects.select_related("framework")
        .exclude(kind="Domain")
        .order_by("framework__title", "position")[:300]
    )
    form = SelfAssessmentForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            competencies.assess_self(request.user, form.chosen_item(), form.cleaned_data["level"])
        except PraxisError as error:
            refusals.show_form_errors(form, error)
        else:
            messages.success(request, _("Your self-assessment is saved."))
            return redirect("assessments:my_competencies")
    held = queries.learner_profile(request.user)
    chart = level_chart([(e.item.code, e.item.name, e.level, None) for e in held])
    return render(
        request,
        "assessments/my_competencies.html",
        {"profile": held, "chart": chart, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def my_gaps(request: SignedInRequest) -> HttpResponse:
    form = TargetForm(request.GET, targets=target_profiles())
    target = form.chosen_target()
    found = gaps(queries.learner_profile(request.user), target) if target else []
    chart = level_chart([(g.item.code, g.item.name, g.held, g.needed) for g in found])
    return render(
        request,
        "assessments/my_gaps.html",
        {
            "form": form,
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
    readers = readers_of(request.user)
    return render(request, "assessments/pathways.html", {"pathways": queries.pathways_for(readers)})


@require_GET
def pathway(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Pathway, slug=slug, published=True)
    return render(
        request,
        "assessments/pathway.html",
        {"pathway": found, "steps": queries.pathway_steps(found, request.user)},
    )
