"""The draft's page as it is shown, and its forms that send a file or place something in a
module: the course image (or its removal), a new lesson, a content package or an external tool
as a lesson, and a Common Cartridge.

Like the lesson editor's (lesson_views), these forms post to the draft's own page. A refusal
shows the page again with the error beside the field of the form that was sent, keeping what was
chosen in it (the form's address ends in #error-summary, so the browser lands on it); what was
done is told in the section the form belongs to, or on the page the form leads to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from praxis.accounts.auth import SignedInRequest
from praxis.authoring import queries, section_messages, services, tool_views
from praxis.authoring.cartridges import import_cartridge
from praxis.authoring.draft_forms import (
    AlignmentForm,
    AssignReviewerForm,
    CartridgeImportForm,
    CaseForm,
    CourseDetailsForm,
    CourseImageForm,
    NewLessonForm,
    NewModuleForm,
    NewQuizForm,
    PackageImportForm,
    PublishForm,
    ToolLessonForm,
)
from praxis.authoring.editing import require_editable
from praxis.authoring.form_refusals import flash_refusal, show_refusal
from praxis.authoring.import_reports import keep_cartridge_report
from praxis.authoring.models import Draft, DraftModule
from praxis.authoring.permissions import assign_reviewers, edit_draft, publish_draft
from praxis.authoring.services import media
from praxis.catalog import images
from praxis.catalog.models import Course, Topic
from praxis.core.errors import PraxisError
from praxis.core.forms import row_form
from praxis.core.people import Person
from praxis.lti.models import Tool
from praxis.lti.queries import placeable_tools


def draft_url(found: Draft, section: str = "") -> str:
    url = reverse("authoring:draft", args=[found.uuid])
    return f"{url}#{section}-heading" if section else url


def _placeable(user: Person, found: Draft) -> list[Tool]:
    return list(placeable_tools(user, {o.pk for o in found.organisations.all()}))


@dataclass
class ModuleRow:
    """A module of the outline with the forms beside it, each empty unless it is the one sent."""

    module: DraftModule
    lesson_form: forms.Form
    package_form: forms.Form
    tool_form: forms.Form | None


def _module_forms(module: DraftModule, tools: list[Tool]) -> dict[str, forms.Form]:
    return {
        "lesson_form": row_form(NewLessonForm, module.key),
        "package_form": row_form(PackageImportForm, module.key),
        **({"tool_form": row_form(ToolLessonForm, module.key, options=tools)} if tools else {}),
    }


@dataclass(frozen=True)
class Sent:
    """A form this module handles: what builds it bound to what was sent (given the draft, the
    module it is beside or None, and the tools the person may place), its name on the page, and
    what keeps what it sent and answers with the page to go to."""

    build: Callable[[SignedInRequest, Draft, DraftModule | None, list[Tool]], forms.Form]
    name: str
    keep: Callable[[SignedInRequest, Draft, DraftModule | None, forms.Form], HttpResponse]


def _image_form(
    request: SignedInRequest, found: Draft, _module: DraftModule | None, _tools: list[Tool]
) -> forms.Form:
    return CourseImageForm(request.POST, request.FILES, has_image=bool(found.image))


def _row(form_class: type[forms.Form]) -> Callable[..., forms.Form]:
    def build(
        request: SignedInRequest, _found: Draft, module: DraftModule | None, tools: list[Tool]
    ) -> forms.Form:
        assert module is not None
        extra: dict[str, Any] = {"options": tools} if form_class is ToolLessonForm else {}
        return row_form(form_class, module.key, data=request.POST, files=request.FILES, **extra)

    return build


def _cartridge_form(
    request: SignedInRequest, _found: Draft, _module: DraftModule | None, _tools: list[Tool]
) -> forms.Form:
    return CartridgeImportForm(request.POST, request.FILES)


def _keep_image(
    request: SignedInRequest, found: Draft, _module: DraftModule | None, form: forms.Form
) -> HttpResponse:
    upload, alt = form.cleaned_data["image"], form.cleaned_data["alt"]
    if upload is None and found.image:
        media.describe_image(found, request.user, alt)
        done = _("Image description saved.")
    else:
        media.set_image(found, request.user, upload, alt)
        done = _("Image saved.")
    section_messages.tell(request, "image", messages.SUCCESS, done)
    return redirect(draft_url(found, "image"))


def _keep_lesson(
    request: SignedInRequest, found: Draft, module: DraftModule | None, form: forms.Form
) -> HttpResponse:
    assert module is not None
    services.add_lesson(module, request.user, form.cleaned_data["title"])
    messages.success(request, _("Lesson added."))
    return redirect(draft_url(found))


def _keep_package(
    request: SignedInRequest, found: Draft, module: DraftModule | None, form: forms.Form
) -> HttpResponse:
    assert module is not None
    upload = form.cleaned_data["package"]
    lesson = services.add_package_lesson(
        module, request.user, upload, size=upload.size, name=upload.name or ""
    )
    messages.success(request, _("Package imported. Check what it holds below."))
    return redirect("authoring:lesson", key=found.uuid, lesson_key=lesson.key)


def _place_tool(
    request: SignedInRequest, found: Draft, module: DraftModule | None, form: forms.Form
) -> HttpResponse:
    assert module is not None
    lesson = services.add_tool_lesson(module, request.user, tool=UUID(form.cleaned_data["tool"]))
    messages.success(request, _("The external tool is now a lesson."))
    return redirect("authoring:lesson", key=found.uuid, lesson_key=lesson.key)


def _choose_in_tool(
    request: SignedInRequest, _found: Draft, module: DraftModule | None, form: forms.Form
) -> HttpResponse:
    assert module is not None
    return redirect(
        services.choose_tool_content(
            module,
            request.user,
            tool=UUID(form.cleaned_data["tool"]),
            return_url_for=lambda launch: (
                settings.SITE_URL + reverse("authoring:tool_content", args=[launch])
            ),
        )
    )


def _keep_cartridge(
    request: SignedInRequest, found: Draft, _module: DraftModule | None, form: forms.Form
) -> HttpResponse:
    upload = form.cleaned_data["cartridge"]
    report = import_cartridge(found, request.user, upload, size=upload.size)
    # Shown on a page of its own, which may be reloaded without importing again.
    keep_cartridge_report(request, found, report)
    return redirect("authoring:cartridge_report", key=found.uuid)


# The forms posted to the draft's page that this module handles, by the action they send.
SENT = {
    "image": Sent(_image_form, "image_form", _keep_image),
    "add_lesson": Sent(_row(NewLessonForm), "lesson_form", _keep_lesson),
    "import_package": Sent(_row(PackageImportForm), "package_form", _keep_package),
    "place_tool": Sent(_row(ToolLessonForm), "tool_form", _place_tool),
    "choose_tool": Sent(_row(ToolLessonForm), "tool_form", _choose_in_tool),
    "import_cartridge": Sent(_cartridge_form, "cartridge_form", _keep_cartridge),
}
# Those that belong to a module of the outline, named by the form's "module" field.
IN_MODULE = {"add_lesson", "import_package", "place_tool", "choose_tool"}


def _uuid(value: Any) -> UUID | None:
    try:
        return UUID(str(value))
    except ValueError:
        return None


def send(request: SignedInRequest, found: Draft, action: str) -> HttpResponse:
    """Keep what the form of `action` (a key of SENT) sent, or show the page again with why not
    beside the form."""
    handled = SENT[action]
    try:
        require_editable(found, request.user)
    except PraxisError as error:
        # The page no longer shows the form: say why above it.
        flash_refusal(request, error)
        return redirect(draft_url(found))
    module = None
    if action in IN_MODULE:
        module = get_object_or_404(DraftModule, draft=found, key=_uuid(request.POST.get("module")))
    form = handled.build(request, found, module, _placeable(request.user, found))
    status = 400
    if form.is_valid():
        try:
            return handled.keep(request, found, module, form)
        except PraxisError as error:
            show_refusal(form, error)
            status = error.status
    sent = {handled.name: form}
    return show(request, found, sent=sent, sent_in=module, status=status)


def remove_image(request: SignedInRequest, found: Draft) -> HttpResponse:
    """Take the course image off, and say so in the image's section."""
    try:
        media.remove_image(found, request.user)
    except PraxisError as error:
        flash_refusal(request, error)
        return redirect(draft_url(found))
    section_messages.tell(request, "image", messages.SUCCESS, _("Image removed."))
    return redirect(draft_url(found, "image"))


def show(
    request: SignedInRequest,
    found: Draft,
    *,
    sent: dict[str, forms.Form] | None = None,
    sent_in: DraftModule | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The draft's page. Its forms are empty, or show the draft as saved, except those in
    `sent` (by their name on the page): what was sent, shown again with why it was refused; a
    form beside a module is the one sent when the module is `sent_in`."""
    sent = sent or {}
    outline = queries.outline(found)
    queries.comments_beside_lessons(found, outline)
    can_assign = found.status == Draft.Status.IN_REVIEW and assign_reviewers.allows(
        request.user, found
    )
    # Those already asked to review this round are not offered again; with nobody left to
    # offer, there is no form to assign one.
    candidates = queries.reviewer_candidates(found) if can_assign else []
    can_assign = can_assign and bool(candidates)
    can_edit = found.is_editable and edit_draft.allows(request.user, found)
    tools = _placeable(request.user, found) if can_edit else []
    rows = []
    for module in outline.modules:
        beside = _module_forms(module, tools)
        if sent_in is not None and module.pk == sent_in.pk:
            beside.update(sent)
        rows.append(ModuleRow(module=module, tool_form=beside.pop("tool_form", None), **beside))
    topics = list(Topic.objects.all())
    told_in_sections, told_above = section_messages.by_section(request)
    response = render(
        request,
        "authoring/draft.html",
        {
            "draft": found,
            "outline": outline,
            "module_rows": rows,
            "assessments": queries.assessments(found),
            "threads": queries.threads(found, "course"),
            "reviews": queries.reviews(found),
            "can_edit": can_edit,
            "can_export": can_edit
            or (found.status == Draft.Status.PUBLISHED and edit_draft.allows(request.user, found)),
            "tools": tools,
            "can_assign": can_assign,
            "can_publish": found.status == Draft.Status.APPROVED
            and publish_draft.allows(request.user, found),
            "details_form": CourseDetailsForm(
                initial=CourseDetailsForm.initial_of(
                    found, (topic.pk for topic in found.topics.all())
                ),
                levels=Course.Level.choices,
                topics=topics,
            ),
            "image_form": CourseImageForm(
                initial={"alt": found.image.get("alt", "")}, has_image=bool(found.image)
            ),
            "module_form": NewModuleForm(),
            "cartridge_form": CartridgeImportForm(),
            "quiz_form": NewQuizForm(),
            "case_form": CaseForm(),
            "alignment_form": AlignmentForm(
                competencies=queries.competency_choices(),
                lessons=[
                    (lesson.key, lesson.title)
                    for module in outline.modules
                    for lesson in module.lessons.all()
                ],
            ),
            "reviewer_form": AssignReviewerForm(candidates=candidates),
            "publish_form": PublishForm(),
            # The forms sent, shown again; those beside a module are in its row.
            **{name: form for name, form in sent.items() if sent_in is None},
            "picture": images.picture(
                found.image,
                lambda name: reverse("authoring:image_file", args=[found.uuid, name]),
            ),
            "errors": errors or [],
            # What was told of a section is shown in it; the rest above the page, as on every
            # page (this takes the place of the messages the site's layout would show).
            "section_messages": told_in_sections,
            "messages": told_above,
        },
        status=status,
    )
    if tools:
        response.headers["Content-Security-Policy"] = tool_views.form_policy(tools)
    return response
