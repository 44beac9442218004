"""A lesson's discussion: its thread in the course's space, or, before anyone has posted about
the lesson, the form that opens it."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from praxis.catalog import queries as catalog_queries
from praxis.community.forms import LessonPostForm
from praxis.community.services import lessons
from praxis.community.services import membership as memberships
from praxis.core.errors import PraxisError
from praxis.core.people import signed_in
from praxis.core.refusals import show_form_errors


@require_http_methods(["GET", "POST"])
def lesson_discussion(request: HttpRequest, slug: str, lesson_uuid: UUID) -> HttpResponse:
    user = request.user
    course = catalog_queries.visible_course(user, slug)
    lesson = catalog_queries.find_lesson(course, lesson_uuid)
    if not signed_in(user):
        return redirect_to_login(request.get_full_path())
    community, _membership = memberships.open_course_space(user, course)
    form = LessonPostForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                thread = lessons.post_about_lesson(user, lesson, form.cleaned_data["body"])
            except PraxisError as error:
                show_form_errors(form, error)
                status = error.status
            else:
                messages.success(request, _("Your post is in the lesson's discussion."))
                return redirect("community:thread", thread.uuid)
    else:
        existing = lessons.lesson_thread(lesson)
        if existing is not None and existing.is_visible:
            return redirect("community:thread", existing.uuid)
    return render(
        request,
        "community/lesson_discussion.html",
        {
            "course": course,
            "lesson": lesson,
            "community": community,
            "form": form,
        },
        status=status,
    )
