"""Pages for a draft's quizzes, their questions, and the competencies the course teaches.

Thin like views.py: load (404), call a service in quizzes.py, re-render with messages on error.
Options are written one a line, so every form works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries, quizzes
from praxis.authoring.models import DraftAlignment, DraftQuestion, DraftQuiz
from praxis.authoring.permissions import edit_draft
from praxis.authoring.views import _messages_of, _number, _uuid
from praxis.competencies.models import CompetencyItem
from praxis.core.errors import ErrorCode, PraxisError, ValidationFailed


def _quiz_url(quiz: DraftQuiz) -> str:
    return reverse("authoring:quiz", args=[quiz.draft.uuid, quiz.key])


def _quiz_fields(post: QueryDict) -> dict[str, Any]:
    return {
        "title": post.get("title", ""),
        "kind": post.get("kind", ""),
        "after_module": post.get("after_module", ""),
        "pre_test": post.get("pre_test", ""),
        "pass_mark": post.get("pass_mark", ""),
        "max_attempts": post.get("max_attempts", ""),
        "time_limit_minutes": post.get("time_limit_minutes", ""),
        "shuffle_options": bool(post.get("shuffle_options")),
        "review_allowed": bool(post.get("review_allowed")),
        "required_for_completion": bool(post.get("required_for_completion")),
    }


def _question_fields(post: QueryDict) -> dict[str, Any]:
    kind = post.get("kind", "")
    return {
        "kind": kind,
        "stem": post.get("stem", ""),
        "topic": post.get("topic", ""),
        "difficulty": post.get("difficulty", ""),
        "points": post.get("points", ""),
        "feedback": post.get("feedback", ""),
        "options": quizzes.options_from_text(kind, post.get("options", "")),
        "value": post.get("value", ""),
        "tolerance": post.get("tolerance", ""),
        "accepted": post.get("accepted", "").splitlines(),
        "competency_ids": post.getlist("competencies"),
    }


def _question_form(question: DraftQuestion | None, posted: QueryDict | None) -> dict[str, Any]:
    """The question form's values: what was posted when it was refused, else the question's."""
    if posted is not None:
        form: dict[str, Any] = {name: posted.get(name, "") for name in QUESTION_FIELDS}
        form["competencies"] = posted.getlist("competencies")
        return form
    if question is None:
        return {"kind": "single", "difficulty": "2", "points": "1", "competencies": []}
    return {
        "kind": question.kind,
        "stem": question.stem,
        "topic": question.topic,
        "difficulty": str(question.difficulty),
        "points": str(question.points),
        "feedback": question.feedback,
        "options": quizzes.options_as_text(question),
        "value": question.answer_key.get("value", ""),
        "tolerance": question.answer_key.get("tolerance", ""),
        "accepted": "\n".join(question.answer_key.get("accepted", [])),
        "competencies": [str(pk) for pk in question.competency_ids],
    }


QUESTION_FIELDS = (
    "kind",
    "stem",
    "topic",
    "difficulty",
    "points",
    "feedback",
    "options",
    "value",
    "tolerance",
    "accepted",
)


def _question_context() -> dict[str, Any]:
    return {
        "question_kinds": DraftQuestion.Kind.choices,
        "difficulties": DraftQuestion.Difficulty.choices,
        "competencies": queries.competency_choices(),
    }


@login_required
@require_POST
def add_quiz(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    try:
        quiz = quizzes.add_quiz(found, request.user, **_quiz_fields(request.POST))
    except PraxisError as error:
        for message in _messages_of(error):
            messages.error(request, message)
        return redirect(reverse("authoring:draft", args=[found.uuid]) + "#quizzes-heading")
    messages.success(request, _("Quiz added. Now add its questions."))
    return redirect(_quiz_url(quiz))


@login_required
@require_http_methods(["GET", "POST"])
def quiz(request: SignedInRequest, key: str, quiz_key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    item = queries.find_quiz(found, quiz_key)
    errors: list[str] = []
    conflict = False
    status = 200
    posted: QueryDict | None = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "settings":
                quizzes.save_quiz(
                    item,
                    request.user,
                    revision=_number(request.POST.get("revision")),
                    **_quiz_fields(request.POST),
                )
                done = _("Quiz saved.")
            elif action == "add_question":
                quizzes.add_question(item, request.user, **_question_fields(request.POST))
                done = _("Question added.")
            elif action == "remove_question":
                question = get_object_or_404(
                    DraftQuestion, quiz=item, key=_uuid(request.POST.get("question"))
                )
                quizzes.remove_question(question, request.user)
                done = _("Question removed.")
            elif action == "remove":
                if request.POST.get("confirm") != "1":
                    # Removing cannot be undone: the form asks for a ticked box, even without
                    # JavaScript.
                    raise ValidationFailed(
                        message=_(
                            "Tick the box to confirm that this quiz and its questions are to be"
                            " removed."
                        )
                    )
                quizzes.remove_quiz(item, request.user)
                messages.success(request, _("Quiz removed."))
                return redirect("authoring:draft", key=found.uuid)
            else:
                done = ""
                errors.append(_("Choose what to do."))
                status = 400
        except PraxisError as error:
            errors.extend(_messages_of(error))
            conflict = error.code == ErrorCode.STALE_SAVE
            status = error.status
            posted = request.POST
            item.refresh_from_db()
        else:
            if done:
                messages.success(request, done)
                return redirect(_quiz_url(item))
    return render(
        request,
        "authoring/quiz.html",
        {
            "draft": found,
            "quiz": item,
            "questions": list(item.questions.all()),
            "modules": list(found.modules.all()),
            "pre_tests": list(
                found.quizzes.filter(kind=DraftQuiz.Kind.PRE_TEST).exclude(pk=item.pk)
            ),
            "quiz_kinds": DraftQuiz.Kind.choices,
            "can_edit": found.is_editable and edit_draft.allows(request.user, found),
            "errors": errors,
            "conflict": conflict,
            "posted": posted,
            "settings_posted": posted if posted and posted.get("action") == "settings" else None,
            "form": _question_form(
                None, posted if posted and posted.get("action") == "add_question" else None
            ),
            **_question_context(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def question(request: SignedInRequest, key: str, quiz_key: str, question_key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    item = queries.find_quiz(found, quiz_key)
    found_question = get_object_or_404(DraftQuestion, quiz=item, key=question_key)
    errors: list[str] = []
    conflict = False
    status = 200
    posted: QueryDict | None = None
    if request.method == "POST":
        try:
            quizzes.save_question(
                found_question,
                request.user,
                revision=_number(request.POST.get("revision")),
                **_question_fields(request.POST),
            )
        except PraxisError as error:
            errors.extend(_messages_of(error))
            conflict = error.code == ErrorCode.STALE_SAVE
            status = error.status
            posted = request.POST
            found_question.refresh_from_db()
        else:
            messages.success(request, _("Question saved."))
            return redirect(_quiz_url(item))
    return render(
        request,
        "authoring/question.html",
        {
            "draft": found,
            "quiz": item,
            "question": found_question,
            "form": _question_form(found_question, posted),
            "revision": found_question.revision
            if conflict or posted is None
            else _number(posted.get("revision")),
            "can_edit": found.is_editable and edit_draft.allows(request.user, found),
            "errors": errors,
            "conflict": conflict,
            "posted": posted,
            **_question_context(),
        },
        status=status,
    )


@login_required
@require_POST
def alignments(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    try:
        if request.POST.get("action") == "remove":
            alignment = get_object_or_404(
                DraftAlignment, draft=found, pk=_number(request.POST.get("alignment"))
            )
            quizzes.remove_alignment(alignment, request.user)
            messages.success(request, _("Competency removed."))
        else:
            code = request.POST.get("code", "").strip()
            competency = (
                quizzes.find_competency(code)
                if code
                else get_object_or_404(CompetencyItem, pk=_number(request.POST.get("item")))
            )
            quizzes.add_alignment(
                found,
                request.user,
                item=competency,
                level=request.POST.get("level", ""),
                lesson_key=request.POST.get("lesson") or None,
            )
            messages.success(request, _("Competency saved."))
    except PraxisError as error:
        for message in _messages_of(error):
            messages.error(request, message)
    return redirect(reverse("authoring:draft", args=[found.uuid]) + "#competencies-heading")
