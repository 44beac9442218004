"""Pages for a draft's quizzes, their questions, and the competencies the course teaches.

Thin like views.py: load (404), call a service in quizzes.py, re-render with messages on error.
Options are written one a line, so every form works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries, quizzes
from praxis.authoring.draft_forms import QtiImportForm
from praxis.authoring.form_refusals import flash_refusal, show_refusal
from praxis.authoring.forms import QuestionForm, QuizSettingsForm, RemoveQuizForm
from praxis.authoring.import_reports import keep_qti_report
from praxis.authoring.inputs import QuestionInput, QuizSettings
from praxis.authoring.models import Draft, DraftAlignment, DraftQuestion, DraftQuiz
from praxis.authoring.permissions import edit_draft
from praxis.authoring.quiz_exchange import import_questions
from praxis.authoring.views import _number, _uuid
from praxis.competencies.models import CompetencyItem
from praxis.core.errors import ErrorCode, PraxisError
from praxis.core.refusals import show_form_errors


def _quiz_url(quiz: DraftQuiz) -> str:
    return reverse("authoring:quiz", args=[quiz.draft.uuid, quiz.key])


def _editable(request: SignedInRequest, found: Draft) -> bool:
    return found.is_editable and edit_draft.allows(request.user, found)


def _quiz_settings(post: QueryDict) -> QuizSettings:
    return QuizSettings.read(
        {
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
    )


@login_required
@require_POST
def add_quiz(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    try:
        quiz = quizzes.add_quiz(found, request.user, _quiz_settings(request.POST))
    except PraxisError as error:
        flash_refusal(request, error)
        return redirect(reverse("authoring:draft", args=[found.uuid]) + "#quizzes-heading")
    messages.success(request, _("Quiz added. Now add its questions."))
    return redirect(_quiz_url(quiz))


@login_required
@require_http_methods(["GET", "POST"])
def quiz(request: SignedInRequest, key: str, quiz_key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    item = queries.find_quiz(found, quiz_key)
    modules = list(found.modules.all())
    pre_tests = list(found.quizzes.filter(kind=DraftQuiz.Kind.PRE_TEST).exclude(pk=item.pk))
    questions = list(item.questions.all())
    action = request.POST.get("action", "") if request.method == "POST" else ""
    posted = request.POST if request.method == "POST" else None
    settings_form = QuizSettingsForm(
        posted if action == "settings" else None,
        initial=QuizSettingsForm.initial_of(item),
        pre_tests=pre_tests,
        modules=modules,
    )
    question_form = QuestionForm(
        posted if action == "add_question" else None,
        initial=QuestionForm.initial_of(None),
        competencies=queries.competency_choices(),
        cases=list(found.cases.all()),
    )
    remove_form = RemoveQuizForm(
        posted if action == "remove" else None, quiz=item, questions=len(questions)
    )
    qti_form = QtiImportForm(posted, request.FILES) if action == "import_qti" else QtiImportForm()
    forms_by_action: dict[str, Form] = {
        "settings": settings_form,
        "add_question": question_form,
        "remove": remove_form,
        "import_qti": qti_form,
    }
    conflict = False
    status = 200
    if request.method == "POST":
        form = forms_by_action.get(action)
        try:
            if form is not None and not form.is_valid():
                status = 400
            elif action == "settings":
                quizzes.save_quiz(
                    item,
                    request.user,
                    _quiz_settings(request.POST),
                    revision=_number(request.POST.get("revision")),
                )
                messages.success(request, _("Quiz saved."))
                return redirect(_quiz_url(item))
            elif action == "add_question":
                quizzes.add_question(item, request.user, QuestionInput.read(question_form.values()))
                messages.success(request, _("Question added."))
                return redirect(_quiz_url(item))
            elif action == "remove_question":
                question = get_object_or_404(
                    DraftQuestion, quiz=item, key=_uuid(request.POST.get("question"))
                )
                quizzes.remove_question(question, request.user)
                messages.success(request, _("Question removed."))
                return redirect(_quiz_url(item))
            elif action == "move_question":
                question = get_object_or_404(
                    DraftQuestion, quiz=item, key=_uuid(request.POST.get("question"))
                )
                quizzes.move_question(
                    question, request.user, direction=request.POST.get("direction") or None
                )
                messages.success(request, _("Question moved."))
                return redirect(_quiz_url(item) + "#questions-heading")
            elif action == "import_qti":
                upload = qti_form.cleaned_data["qti"]
                report = import_questions(item, request.user, upload, size=upload.size)
                # Shown on a page of its own, which may be reloaded without importing again.
                keep_qti_report(request, item, report)
                return redirect("authoring:qti_report", key=found.uuid, quiz_key=item.key)
            elif action == "remove":
                quizzes.remove_quiz(item, request.user)
                messages.success(request, _("Quiz removed."))
                return redirect("authoring:draft", key=found.uuid)
            else:
                messages.error(request, _("Choose what to do."))
                status = 400
        except PraxisError as error:
            conflict = error.code == ErrorCode.STALE_SAVE
            status = error.status
            item.refresh_from_db()
            if conflict:  # the newest settings are shown, to make the changes again on
                settings_form = QuizSettingsForm(
                    initial=QuizSettingsForm.initial_of(item), pre_tests=pre_tests, modules=modules
                )
            found.refresh_from_db()
            refused = forms_by_action.get(action)
            # A form the page no longer shows (the draft went to review) cannot show why.
            if refused is not None and not conflict and _editable(request, found):
                show_refusal(refused, error)
            else:
                flash_refusal(request, error)
    return render(
        request,
        "authoring/quiz.html",
        {
            "draft": found,
            "quiz": item,
            "questions": questions,
            "can_edit": _editable(request, found),
            "conflict": conflict,
            "settings_form": settings_form,
            "form": question_form,
            "remove_form": remove_form,
            "qti_form": qti_form,
        },
        status=status,
    )


@login_required
@require_POST
def move_quiz(request: SignedInRequest, key: str, quiz_key: str) -> HttpResponse:
    """Move a quiz one place up or down among the draft's quizzes."""
    found = queries.find_draft(request.user, key)
    item = queries.find_quiz(found, quiz_key)
    try:
        quizzes.move_quiz(item, request.user, direction=request.POST.get("direction") or None)
    except PraxisError as error:
        flash_refusal(request, error)
    else:
        messages.success(request, _("Quiz moved."))
    return redirect(reverse("authoring:draft", args=[found.uuid]) + "#quizzes-heading")


@login_required
@require_http_methods(["GET", "POST"])
def question(request: SignedInRequest, key: str, quiz_key: str, question_key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    item = queries.find_quiz(found, quiz_key)
    found_question = get_object_or_404(DraftQuestion, quiz=item, key=question_key)
    form = QuestionForm(
        request.POST if request.method == "POST" else None,
        initial=QuestionForm.initial_of(found_question),
        competencies=queries.competency_choices(),
        cases=list(found.cases.all()),
    )
    conflict = False
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                quizzes.save_question(
                    found_question,
                    request.user,
                    QuestionInput.read(form.values()),
                    revision=_number(request.POST.get("revision")),
                )
            except PraxisError as error:
                conflict = error.code == ErrorCode.STALE_SAVE
                status = error.status
                found_question.refresh_from_db()
                show_form_errors(form, error)
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
            "form": form,
            "revision": found_question.revision
            if conflict or request.method != "POST"
            else _number(request.POST.get("revision")),
            "can_edit": found.is_editable and edit_draft.allows(request.user, found),
            "conflict": conflict,
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
        flash_refusal(request, error)
    return redirect(reverse("authoring:draft", args=[found.uuid]) + "#competencies-heading")
