"""The course feedback page (ratings, reviews, the learner's own rating and the survey) and the
survey's results for the course team. Thin: load, check, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.catalog import queries as catalog_queries
from praxis.catalog.models import Enrolment
from praxis.catalog.services import current_enrolment
from praxis.core.errors import ErrorCode, PraxisError
from praxis.core.people import signed_in
from praxis.core.refusals import show_form_errors
from praxis.feedback import queries, services
from praxis.feedback.forms import RatingForm, SurveyForm
from praxis.feedback.permissions import rate_course, see_survey_results


def _page(
    request: HttpRequest,
    slug: str,
    *,
    rating: RatingForm | None = None,
    survey_form: SurveyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    course = catalog_queries.visible_course(user, slug)
    enrolment = current_enrolment(user, course)
    own = queries.own_rating(user, course)
    answered = queries.has_answered_survey(user, course)
    # After a refusal the form comes back as it was sent, so that nothing typed is lost.
    if rating is None:
        rating = RatingForm(initial={"stars": own.stars, "review": own.review} if own else None)
    return render(
        request,
        "feedback/course.html",
        {
            "course": course,
            "summary": queries.rating_summary(course),
            "reviews": queries.reviews(course),
            "own": own,
            "rating_form": rating,
            "survey_form": survey_form or SurveyForm(),
            "can_rate": signed_in(user) and rate_course.allows(user, course),
            "survey_open": enrolment is not None
            and enrolment.status == Enrolment.Status.COMPLETED
            and not answered,
            "survey_answered": answered,
            "survey_later": enrolment is not None
            and enrolment.status != Enrolment.Status.COMPLETED,
            "sees_results": signed_in(user) and see_survey_results.allows(user, course),
        },
        status=status,
    )


@require_GET
def course_feedback(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, slug)


@require_POST
def rate(request: HttpRequest, slug: str) -> HttpResponse:
    course = catalog_queries.visible_course(request.user, slug)
    if not signed_in(request.user):
        return redirect_to_login(request.get_full_path())
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _page(request, slug, rating=form, status=400)
    try:
        services.rate_course(
            request.user, course, form.cleaned_data["stars"], form.cleaned_data["review"]
        )
    except PraxisError as error:
        show_form_errors(form, error)
        return _page(request, slug, rating=form, status=error.status)
    messages.success(request, _("Thank you: your rating is saved."))
    return redirect("feedback:course", course.slug)


@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, slug: str) -> HttpResponse:
    """The survey's answers (POST); its address asked for in a browser (GET) leads to the
    course's feedback page, where the survey is."""
    course = catalog_queries.visible_course(request.user, slug)
    if not signed_in(request.user):
        return redirect_to_login(request.get_full_path())
    if request.method == "GET":
        return redirect(reverse("feedback:course", args=[course.slug]) + "#survey")
    form = SurveyForm(request.POST)
    if not form.is_valid():
        return _page(request, slug, survey_form=form, status=400)
    try:
        services.answer_survey(request.user, course, form.answers())
    except PraxisError as error:
        if error.code == ErrorCode.SURVEY_ALREADY_ANSWERED:
            # Sent twice (a second press, another tab): the page has no survey form left to
            # show the refusal on, so it is said above the page, which says it was answered.
            messages.info(request, str(error.message))
            return redirect(reverse("feedback:course", args=[course.slug]) + "#survey")
        show_form_errors(form, error)
        return _page(request, slug, survey_form=form, status=error.status)
    messages.success(
        request, _("Thank you: your answers reach the course team, counted with others.")
    )
    return redirect("feedback:course", course.slug)


@login_required
@require_GET
def survey_results(request: SignedInRequest, slug: str) -> HttpResponse:
    course = catalog_queries.visible_course(request.user, slug)
    return render(
        request,
        "feedback/results.html",
        {"course": course, "results": queries.survey_results(request.user, course)},
    )
