"""The co-creation workspace: drafts, threads, review and history (the lesson editor is
praxis.authoring.lesson_views).

Thin: load (404), check (the services and view_draft), call a service, render. Every form works
without JavaScript; the Markdown preview is rendered on the server.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import draft_page, queries, services
from praxis.authoring.draft_forms import CourseDetailsForm, NewModuleForm, PublishForm
from praxis.authoring.form_refusals import flash_refusal, messages_of
from praxis.authoring.forms import (
    CommentForm,
    CommentReplyForm,
    ReviewForm,
    StartDraftForm,
    TranslationForm,
)
from praxis.authoring.history_lines import history_lines
from praxis.authoring.models import Comment, Draft, Review
from praxis.catalog.models import Course, Topic
from praxis.core.errors import PraxisError
from praxis.core.forms import row_form
from praxis.core.refusals import flash_form_errors, show_form_errors


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
@require_http_methods(["GET"])
def review_queue(request: SignedInRequest) -> HttpResponse:
    """Staff: drafts in review, the longest waiting first, with their round and reviewers."""
    unassigned_only = request.GET.get("unassigned") == "1"
    drafts = queries.review_queue(request.user, unassigned_only=unassigned_only)
    return render(
        request,
        "authoring/review_queue.html",
        {"drafts": drafts, "unassigned_only": unassigned_only},
    )


@login_required
@require_http_methods(["GET", "POST"])
def workspace(request: SignedInRequest) -> HttpResponse:
    organisations = queries.author_organisations(request.user)
    form = StartDraftForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.start_draft(
                request.user,
                form.chosen_organisation(),
                title=form.cleaned_data["title"],
                language=form.cleaned_data["language"],
            )
        except PraxisError as error:
            show_form_errors(form, error)
        else:
            return redirect(_draft_url(draft))
    return render(
        request,
        "authoring/workspace.html",
        {
            "drafts": queries.drafts_for(request.user),
            "form": form if organisations else None,
            "courses": [
                (
                    item,
                    row_form(
                        TranslationForm,
                        item.course.pk,
                        organisations=organisations,
                    ),
                )
                for item in queries.courses_to_extend(request.user)
            ],
            "my_reviews": queries.my_reviews(request.user),
            "waiting": queries.waiting_for_reviewers(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def extend_course(request: SignedInRequest, slug: str) -> HttpResponse:
    course = get_object_or_404(Course, slug=slug)
    try:
        if request.POST.get("action") == "translate":
            form = TranslationForm(
                request.POST,
                organisations=queries.author_organisations(request.user),
            )
            if not form.is_valid():
                flash_form_errors(request, form)
                return redirect("authoring:workspace")
            draft = services.start_translation(
                course,
                request.user,
                language=form.cleaned_data["language"],
                organisation=form.chosen_organisation(),
            )
        else:
            draft = services.start_new_version(course, request.user)
    except PraxisError as error:
        flash_refusal(request, error)
        return redirect("authoring:workspace")
    return redirect(_draft_url(draft))


@login_required
@require_http_methods(["GET", "POST"])
def draft(request: SignedInRequest, key: str) -> HttpResponse:
    """The draft's page, and the forms posted to it (those that send a file or place something
    in a module are draft_page's)."""
    found = queries.find_draft(request.user, key)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action in draft_page.SENT:
        return draft_page.send(request, found, action)
    if action == "remove_image":
        return draft_page.remove_image(request, found)
    errors: list[str] = []
    status = 200
    # The form of the action posted, bound to what was sent; the others are shown empty.
    posted: dict[str, Form] = {}
    if action == "details":
        topics = list(Topic.objects.all())
        posted["details_form"] = CourseDetailsForm(
            request.POST, levels=Course.Level.choices, topics=topics
        )
    elif action == "add_module":
        posted["module_form"] = NewModuleForm(request.POST)
    elif action == "publish":
        posted["publish_form"] = PublishForm(request.POST)
    if request.method == "POST":
        form = next(iter(posted.values()), None)
        if form is not None and not form.is_valid():
            status = 400
        else:
            try:
                done = _draft_action(request, found, action, form)
            except PraxisError as error:
                status = error.status
                # A refusal that names fields is shown on them; another (a stale save, a draft
                # no longer editable) above the page, with the newest details to start again on.
                if action in ("details", "add_module") and error.fields and form is not None:
                    show_form_errors(form, error)
                else:
                    posted.pop("details_form", None)
                    errors.extend(messages_of(error))
            else:
                if done:
                    level, text = done
                    messages.add_message(request, level, text)
                    return redirect(_draft_url(found))
                errors.append(_("Choose what to do."))
                status = 400
        found.refresh_from_db()
    return draft_page.show(request, found, sent=posted, errors=errors, status=status)


def _draft_action(
    request: SignedInRequest, found: Draft, action: str, form: Form | None
) -> tuple[int, str] | None:
    """What was done, as the message to show and its level; None for an unknown action."""
    post, user = request.POST, request.user
    data = form.cleaned_data if form is not None else {}
    if isinstance(form, CourseDetailsForm):
        services.update_details(
            found, user, revision=_number(post.get("revision")), details=form.values()
        )
        return messages.SUCCESS, _("Saved.")
    if action == "add_module":
        services.add_module(found, user, data["title"])
        return messages.SUCCESS, _("Module added.")
    if action == "submit":
        services.submit_for_review(found, user)
        return messages.SUCCESS, _("Submitted for review.")
    if action == "assign":
        reviewer = get_object_or_404(get_user_model(), pk=_number(post.get("reviewer")))
        # Asked before the service, which changes nothing for someone already assigned (and
        # refuses anyone who may not assign, before this is told).
        already = queries.is_assigned(found, reviewer)
        services.assign_reviewer(found, reviewer, user)
        if already:
            return messages.INFO, _("%(name)s is already assigned to review this round.") % {
                "name": reviewer.full_name
            }
        return messages.SUCCESS, _("Reviewer assigned.")
    if action == "publish":
        services.publish(found, user, data["note"])
        return messages.SUCCESS, _("Published.")
    return None


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
    form = (CommentReplyForm if parent else CommentForm)(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(_back(request, _draft_url(found)))
    try:
        services.add_comment(
            found,
            request.user,
            form.cleaned_data["body"],
            anchor=request.POST.get("anchor", "course"),
            parent=parent,
        )
    except PraxisError as error:
        flash_refusal(request, error)
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
    """The reviewer's latest review of the draft: the checklist to fill in while it is open, read
    only once given or closed by another reviewer's decision."""
    found = queries.find_draft(request.user, key)
    mine = Review.objects.filter(draft=found, reviewer=request.user).order_by("-round").first()
    if mine is None:
        raise Http404
    mine.draft = found
    outline = queries.outline(found)
    items = list(mine.items.select_related("criterion"))
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        items=items,
        lessons=[lesson for module in outline.modules for lesson in module.lessons.all()],
    )
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.record_review(
                mine,
                request.user,
                items=form.verdicts(),
                decision=request.POST.get("decision", ""),
                comment=form.cleaned_data["comment"],
                lesson_comments=form.lesson_comments(),
            )
        except PraxisError as error:
            # What was typed stays on the page, even when the review has closed meanwhile.
            show_form_errors(form, error)
            status = error.status
            found.refresh_from_db()
            mine.refresh_from_db()
            mine.draft = found
        else:
            messages.success(request, _("Your review is recorded."))
            return redirect(_draft_url(found))
    return render(
        request,
        "authoring/review.html",
        {"draft": found, "review": mine, "items": items, "form": form},
        status=status,
    )


@login_required
def history(request: HttpRequest, key: str) -> HttpResponse:
    found = queries.find_draft(request.user, key)
    return render(
        request,
        "authoring/history.html",
        {
            "draft": found,
            "lines": history_lines(found, queries.history(found)),
            "reviews": queries.reviews(found),
        },
    )
