"""The co-creation workspace: drafts, the lesson editor, threads, review and history.

Thin: load (404), check (the services and view_draft), call a service, render. Every form works
without JavaScript; the Markdown preview is rendered on the server.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries, services
from praxis.authoring.models import Comment, Draft, DraftModule, DraftQuiz, Review
from praxis.authoring.permissions import (
    assign_reviewers,
    edit_draft,
    publish_draft,
)
from praxis.catalog.content import render_markdown
from praxis.catalog.models import Course
from praxis.core.errors import ErrorCode, PraxisError
from praxis.organisations.models import Organisation


def _messages_of(error: PraxisError) -> list[str]:
    found = [str(error.message)]
    for name, field_messages in error.fields.items():
        found.extend(f"{name}: {message}" for message in field_messages)
    return found


def _number(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _uuid(value: Any) -> UUID | None:
    try:
        return UUID(str(value))
    except ValueError:
        return None


def _draft_url(draft: Draft) -> str:
    return reverse("authoring:draft", args=[draft.uuid])


@login_required
@require_http_methods(["GET", "POST"])
def workspace(request: SignedInRequest) -> HttpResponse:
    errors: list[str] = []
    if request.method == "POST":
        organisation = Organisation.objects.filter(
            pk=_number(request.POST.get("organisation"))
        ).first()
        try:
            if organisation is None:
                errors.append(_("Choose the organisation writing the course."))
            else:
                draft = services.start_draft(
                    request.user,
                    organisation,
                    title=request.POST.get("title", ""),
                    language=request.POST.get("language", ""),
                )
                return redirect(_draft_url(draft))
        except PraxisError as error:
            errors.extend(_messages_of(error))
    return render(
        request,
        "authoring/workspace.html",
        {
            "drafts": queries.drafts_for(request.user),
            "organisations": queries.author_organisations(request.user),
            "courses": queries.courses_to_extend(request.user),
            "my_reviews": queries.my_reviews(request.user),
            "waiting": queries.waiting_for_reviewers(request.user),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def extend_course(request: SignedInRequest, slug: str) -> HttpResponse:
    course = get_object_or_404(Course, slug=slug)
    try:
        if request.POST.get("action") == "translate":
            organisation = get_object_or_404(
                Organisation, pk=_number(request.POST.get("organisation"))
            )
            draft = services.start_translation(
                course,
                request.user,
                language=request.POST.get("language", ""),
                organisation=organisation,
            )
        else:
            draft = services.start_new_version(course, request.user)
    except PraxisError as error:
        for message in _messages_of(error):
            messages.error(request, message)
        return redirect("authoring:workspace")
    return redirect(_draft_url(draft))


@login_required
@require_http_methods(["GET", "POST"])
def draft(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            done = _draft_action(request, found, action)
        except PraxisError as error:
            errors.extend(_messages_of(error))
            status = error.status
        else:
            if done:
                messages.success(request, done)
                return redirect(_draft_url(found))
            errors.append(_("Choose what to do."))
            status = 400
        found.refresh_from_db()
    outline = queries.outline(found)
    queries.comments_beside_lessons(found, outline)
    return render(
        request,
        "authoring/draft.html",
        {
            "draft": found,
            "outline": outline,
            "assessments": queries.assessments(found),
            "competencies": queries.competency_choices(),
            "quiz_kinds": DraftQuiz.Kind.choices,
            "threads": queries.threads(found, "course"),
            "reviews": queries.reviews(found),
            "can_edit": found.is_editable and edit_draft.allows(request.user, found),
            "can_assign": found.status == Draft.Status.IN_REVIEW
            and assign_reviewers.allows(request.user, found),
            "can_publish": found.status == Draft.Status.APPROVED
            and publish_draft.allows(request.user, found),
            "candidates": queries.reviewer_candidates(found)
            if found.status == Draft.Status.IN_REVIEW
            else [],
            "objectives_text": "\n".join(found.objectives),
            "levels": Course.Level.choices,
            "errors": errors,
            "posted": request.POST if errors else None,
        },
        status=status,
    )


def _draft_action(request: SignedInRequest, found: Draft, action: str) -> str:
    post, user = request.POST, request.user
    if action == "details":
        services.update_details(
            found,
            user,
            revision=_number(post.get("revision")),
            title=post.get("title", ""),
            summary=post.get("summary", ""),
            objectives=post.get("objectives", "").splitlines(),
            estimated_hours=post.get("estimated_hours", ""),
            cpd_credits=post.get("cpd_credits", ""),
            level=post.get("level", ""),
        )
        return _("Saved.")
    if action == "add_module":
        services.add_module(found, user, post.get("title", ""))
        return _("Module added.")
    if action == "add_lesson":
        module = get_object_or_404(DraftModule, draft=found, key=_uuid(post.get("module")))
        services.add_lesson(module, user, post.get("title", ""))
        return _("Lesson added.")
    if action == "submit":
        services.submit_for_review(found, user)
        return _("Submitted for review.")
    if action == "assign":
        reviewer = get_object_or_404(get_user_model(), pk=_number(post.get("reviewer")))
        services.assign_reviewer(found, reviewer, user)
        return _("Reviewer assigned.")
    if action == "publish":
        services.publish(found, user, post.get("note", ""))
        return _("Published.")
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def lesson(request: SignedInRequest, key: str, lesson_key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    item = queries.find_lesson(found, lesson_key)
    errors: list[str] = []
    conflict = False
    title, body = item.title, item.body
    minutes: Any = item.estimated_minutes
    revision = item.revision
    preview = render_markdown(item.body)
    source = queries.source_lessons(found).get(item.source_key) if item.source_key else None
    source_digest = services.digest(source.title, source.body) if source else ""
    status = 200
    if request.method == "POST":
        title, body = request.POST.get("title", ""), request.POST.get("body", "")
        minutes = request.POST.get("estimated_minutes", "")
        revision = _number(request.POST.get("revision"))
        preview = render_markdown(body)
        if request.POST.get("action") != "preview":
            try:
                services.save_lesson(
                    item,
                    request.user,
                    revision=revision,
                    title=title,
                    body=body,
                    estimated_minutes=minutes,
                    source_digest=request.POST.get("source_digest") if source else None,
                )
            except PraxisError as error:
                errors.extend(_messages_of(error))
                conflict = error.code == ErrorCode.STALE_SAVE
                status = error.status
                item.refresh_from_db()
            else:
                messages.success(request, _("Lesson saved."))
                return redirect("authoring:lesson", key=found.uuid, lesson_key=item.key)
    return render(
        request,
        "authoring/lesson.html",
        {
            "draft": found,
            "lesson": item,
            "title": title,
            "body": body,
            "minutes": minutes,
            "revision": item.revision if conflict else revision,
            "preview": preview,
            "conflict": conflict,
            "errors": errors,
            "can_edit": found.is_editable and edit_draft.allows(request.user, found),
            "source": source,
            "source_html": render_markdown(source.body) if source else "",
            "source_digest": source_digest,
            "source_changed": bool(source and source_digest != item.source_digest),
            "threads": queries.threads(found, f"lesson:{item.key}"),
            "anchor": f"lesson:{item.key}",
        },
        status=status,
    )


def _back(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@login_required
@require_POST
def comment(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(Comment, pk=_number(request.POST["parent"]), draft=found)
    try:
        services.add_comment(
            found,
            request.user,
            request.POST.get("body", ""),
            anchor=request.POST.get("anchor", "course"),
            parent=parent,
        )
    except PraxisError as error:
        for message in _messages_of(error):
            messages.error(request, message)
    return redirect(_back(request, _draft_url(found)))


@login_required
@require_POST
def resolve(request: SignedInRequest, key: str, comment_id: int) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    thread = get_object_or_404(Comment, pk=comment_id, draft=found)
    services.resolve_thread(thread, request.user)
    return redirect(_back(request, _draft_url(found)))


@login_required
@require_http_methods(["GET", "POST"])
def review(request: SignedInRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    mine = get_object_or_404(
        Review.objects.select_related("draft"),
        draft=found,
        reviewer=request.user,
        round=found.review_round,
    )
    errors: list[str] = []
    if request.method == "POST":
        items = {}
        for item in mine.items.all():
            verdict = request.POST.get(f"item-{item.criterion_id}", "")
            passed = {"pass": True, "fail": False}.get(verdict)
            items[item.criterion_id] = (
                passed,
                request.POST.get(f"comment-{item.criterion_id}", ""),
            )
        try:
            services.record_review(
                mine,
                request.user,
                items=items,
                decision=request.POST.get("decision", ""),
                comment=request.POST.get("comment", ""),
                lesson_comments={
                    key.removeprefix("lesson-"): request.POST.get(key, "")
                    for key in request.POST
                    if key.startswith("lesson-")
                },
            )
        except PraxisError as error:
            errors.extend(_messages_of(error))
        else:
            messages.success(request, _("Your review is recorded."))
            return redirect(_draft_url(found))
    return render(
        request,
        "authoring/review.html",
        {
            "draft": found,
            "review": mine,
            "items": list(mine.items.select_related("criterion")),
            "outline": queries.outline(found),
            "errors": errors,
            "posted": request.POST,
        },
        status=400 if errors else 200,
    )


@login_required
def history(request: HttpRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    return render(
        request,
        "authoring/history.html",
        {"draft": found, "entries": queries.history(found), "reviews": queries.reviews(found)},
    )
