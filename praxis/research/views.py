"""Research pages: consent, projects and decisions, exports, experiments, analytics. Thin."""

from __future__ import annotations

import csv
import dataclasses
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from praxis.accounts.auth import SignedInRequest
from praxis.catalog.models import Course
from praxis.core import fragments
from praxis.core.errors import NotFound, PraxisError, ValidationFailed
from praxis.core.permissions import require
from praxis.core.refusals import attempt, show_form_errors
from praxis.credentials.exports import spreadsheet_safe
from praxis.research import (
    analytics,
    charts,
    consent,
    experiments,
    forms,
    permissions,
    services,
    verbs,
)
from praxis.research.access import check_can_download, download_refusal, export_days
from praxis.research.exports import PSEUDONYM, export_name, export_storage
from praxis.research.inputs import ProjectRequest
from praxis.research.models import Experiment, Export, ExportColumn, Project

GET_POST = ["GET", "POST"]


# Consent

CONSENT_DECISIONS = ("grant", "withdraw")


def _version(posted: str) -> int:
    """The consent text's version the page was showing; -1 (no version) when it is not a
    number of a sensible length (a very long one is not even read as a number)."""
    return int(posted) if posted.isascii() and posted.isdigit() and len(posted) <= 9 else -1


@login_required
@require_http_methods(GET_POST)
def consent_page(request: SignedInRequest) -> HttpResponse:
    text = consent.current_text()
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in CONSENT_DECISIONS:
            # Neither button: never read as a withdrawal (or a grant) the learner did not press.
            raise ValidationFailed()
        granted = decision == "grant"
        try:
            consent.set_consent(
                request.user, granted=granted, version=_version(request.POST.get("version", ""))
            )
        except PraxisError as error:
            messages.error(request, str(next(iter(error.fields.values()), [error.message])[0]))
            return redirect("research:consent")
        messages.success(request, _consent_changed(granted))
        return redirect("research:consent")
    return render(
        request,
        "research/consent.html",
        {
            "text": text,
            "current": consent.latest_record(request.user),
            "history": consent.history(request.user)[:50],
        },
    )


def _consent_changed(granted: bool) -> str:
    if granted:
        return _("Thank you: you take part in research.")
    days = export_days()
    return ngettext(
        "Your consent is withdrawn. Your data is left out of every future research export, and "
        "you leave any experiment on course design: from your next page, you see every lesson "
        "and quiz as published. Exports made before are deleted within %(days)s day.",
        "Your consent is withdrawn. Your data is left out of every future research export, and "
        "you leave any experiment on course design: from your next page, you see every lesson "
        "and quiz as published. Exports made before are deleted within %(days)s days.",
        days,
    ) % {"days": days}


# Projects


@login_required
def project_list(request: SignedInRequest) -> HttpResponse:
    projects = (
        permissions.view_project.filter(request.user, Project.objects.all())
        .select_related("principal_investigator", "partner")
        .distinct()[:200]
    )
    return render(
        request,
        "research/projects.html",
        {"projects": projects, "is_officer": permissions.is_research_officer(request.user)},
    )


@login_required
@require_http_methods(GET_POST)
def project_new(request: SignedInRequest) -> HttpResponse:
    form = forms.ProjectForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.submit_project(
                request.user, ProjectRequest.read(form.service_fields())
            )
        except services.ProjectAlreadySubmitted as repeated:
            # Sent twice (a double click, or again after going back): the request stands once.
            messages.info(request, str(repeated.message))
            return redirect("research:project", repeated.project.uuid)
        except PraxisError as error:
            show_form_errors(form, error)
        else:
            messages.success(request, _("Your request is submitted to the research officers."))
            return redirect("research:project", project.uuid)
    status = 400 if request.method == "POST" else 200
    return render(request, "research/project_form.html", {"form": form}, status=status)


def _project(request: HttpRequest, uuid: Any) -> Project:
    project = Project.objects.select_related("principal_investigator", "partner").filter(uuid=uuid)
    found = project.first()
    if found is None or not permissions.view_project.allows(request.user, found):
        raise NotFound()
    return found


@login_required
def project_detail(
    request: SignedInRequest, uuid: Any, decision_form: Any = None, status: int = 400
) -> HttpResponse:
    project = _project(request, uuid)
    is_member = permissions.is_project_member(request.user, project)
    is_officer = permissions.is_research_officer(request.user)
    # The export log, with each deletion of files: members and officers (who hold no link).
    exports = project.exports.select_related("requested_by")[:50]
    next_statuses = services.next_statuses(project)
    return render(
        request,
        "research/project.html",
        {
            "project": project,
            "statement_types": [verbs.name_of(verb) for verb in project.verbs],
            "decisions": project.decisions.select_related("by"),
            "exports": exports if is_member or is_officer else [],
            "is_member": is_member,
            "is_officer": is_officer,
            "may_decide": permissions.may_decide(request.user, project),
            "next_statuses": next_statuses,
            "decision_form": decision_form or forms.DecisionForm(statuses=next_statuses),
        },
        status=status if decision_form is not None else 200,
    )


@login_required
@require_POST
def project_decide(request: SignedInRequest, uuid: Any) -> HttpResponse:
    project = _project(request, uuid)
    form = forms.DecisionForm(request.POST, statuses=services.next_statuses(project))
    if form.is_valid():
        try:
            services.decide(
                project,
                form.cleaned_data["status"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except PraxisError as error:
            show_form_errors(form, error)
            return project_detail(request, uuid, decision_form=form, status=error.status)
        messages.success(request, _("The decision is recorded."))
        return redirect("research:project", project.uuid)
    return project_detail(request, uuid, decision_form=form)


@login_required
@require_POST
def project_export(request: SignedInRequest, uuid: Any) -> HttpResponse:
    project = _project(request, uuid)
    try:
        export = services.request_export(project, by=request.user)
    except services.ExportAlreadyRequested as repeated:
        # Pressed twice (a double click, or again after going back): one export is made.
        messages.info(request, str(repeated.message))
        return redirect("research:export", repeated.export.uuid)
    except PraxisError as error:
        messages.error(request, str(error.message))
        return redirect("research:project", project.uuid)
    return redirect("research:export", export.uuid)


# Exports


def _export(request: HttpRequest, uuid: Any) -> Export:
    export = Export.objects.select_related("project", "requested_by").filter(uuid=uuid).first()
    if export is None or not permissions.is_project_member(request.user, export.project):
        raise NotFound()
    return export


@never_cache
@login_required
def export_detail(request: HttpRequest, uuid: Any) -> HttpResponse:
    export = _export(request, uuid)
    refusal = download_refusal(export) if export.status == Export.Status.DONE else None
    report = export.report or {}
    return render(
        request,
        "research/export.html",
        {
            "export": export,
            "refusal": refusal,
            "columns": _column_names(report.get("columns", [])),
            "quasi_identifiers": _column_names(report.get("quasi_identifiers", [])),
            "attributes_removed": _column_names(report.get("attributes_removed", [])),
        },
    )


def _column_names(names: Any) -> list[tuple[str, str]]:
    """Each column of an export's report as (its name in the reader's language, its name in
    the files), as the project page names the data fields requested."""
    labels = {PSEUDONYM: _("Pseudonym"), **dict(ExportColumn.choices)}
    if not isinstance(names, list):
        return []
    return [(str(labels.get(name, name)), str(name)) for name in names]


@never_cache
@login_required
def export_progress(request: HttpRequest, uuid: Any) -> JsonResponse:
    export = _export(request, uuid)
    return JsonResponse(
        {
            "status": export.status,
            "progress": export.progress,
            "done": export.status in ("done", "failed"),
        }
    )


@never_cache
@login_required
def export_download(request: SignedInRequest, uuid: Any, fmt: str) -> FileResponse:
    export = _export(request, uuid)
    check_can_download(export, request.user)
    storage, name = export_storage(), export_name(export, fmt)
    if fmt not in ("csv", "parquet") or not storage.exists(name):
        raise NotFound()
    return FileResponse(
        storage.open(name, "rb"),
        as_attachment=True,
        filename=f"praxis-research-{export.project.uuid}-{export.created_at:%Y%m%d%H%M}.{fmt}",
        content_type="text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
    )


# Experiments


@login_required
def experiment_list(request: HttpRequest) -> HttpResponse:
    require(permissions.manage_experiments, request.user)
    items = permissions.manage_experiments.filter(
        request.user, Experiment.objects.select_related("course", "lesson", "quiz")
    )[:200]
    return render(request, "research/experiments.html", {"experiments": items})


@login_required
@require_http_methods(GET_POST)
def experiment_new(request: SignedInRequest) -> HttpResponse:
    require(permissions.manage_experiments, request.user)
    # The page opens with the course to choose; a course asked for (sent blank, or posted to
    # without one) is checked.
    asked = "course" in request.GET or request.method == "POST"
    chooser = forms.CourseChoiceForm(
        request.GET if asked else None, courses=experiments.courses_of(request.user)
    )
    course = chooser.cleaned_data["course"] if chooser.is_valid() else None
    form = None
    if course is not None:
        form = forms.ExperimentForm(
            request.POST if request.method == "POST" else None, course=course
        )
        if request.method == "POST" and form.is_valid():
            try:
                experiment = services.create_experiment(request.user, **form.cleaned_data)
            except PraxisError as error:
                show_form_errors(form, error)
            else:
                return redirect("research:experiment", experiment.uuid)
    status = 400 if request.method == "POST" or chooser.errors else 200
    return render(
        request,
        "research/experiment_form.html",
        {"form": form, "chooser": chooser, "course": course},
        status=status,
    )


def _experiment(request: HttpRequest, uuid: Any) -> Experiment:
    require(permissions.manage_experiments, request.user)
    experiment = get_object_or_404(
        Experiment.objects.select_related("course", "lesson", "quiz"), uuid=uuid
    )
    if not permissions.manage_experiments.allows(request.user, experiment):
        raise NotFound()
    return experiment


@login_required
def experiment_detail(request: HttpRequest, uuid: Any, variant_form: Any = None) -> HttpResponse:
    experiment = _experiment(request, uuid)
    return render(
        request,
        "research/experiment.html",
        {
            "experiment": experiment,
            "variants": experiment.variants.select_related("lesson", "quiz"),
            "variant_form": variant_form or forms.VariantForm(experiment=experiment),
            "results": experiments.results(experiment),
        },
        status=400 if variant_form is not None else 200,
    )


@login_required
@require_POST
def experiment_variant(request: SignedInRequest, uuid: Any) -> HttpResponse:
    experiment = _experiment(request, uuid)
    form = forms.VariantForm(request.POST, experiment=experiment)
    if form.is_valid():
        try:
            services.add_variant(experiment, by=request.user, **form.cleaned_data)
        except PraxisError as error:
            show_form_errors(form, error)
        else:
            return redirect("research:experiment", experiment.uuid)
    return experiment_detail(request, uuid, variant_form=form)


@login_required
@require_POST
def experiment_state(request: SignedInRequest, uuid: Any) -> HttpResponse:
    experiment = _experiment(request, uuid)
    # Each button names its action; anything else changes nothing (stopping cannot be undone).
    actions = {"start": services.start_experiment, "stop": services.stop_experiment}
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        raise ValidationFailed()
    attempt(request, lambda: action(experiment, by=request.user))
    return redirect("research:experiment", experiment.uuid)


# Analytics

COLUMN_CHARTS = ("over-time", "attendance", "community")
# The column each bar chart draws; the first unless named here.
BAR_COLUMN = {"knowledge-gain": 3, "survey": 2}


# Tables ranked largest first that can grow long (a network's courses, the world's countries):
# the page shows their largest rows, their CSV every row. The reach of 1,000 courses drawn and
# listed whole made a page of 530 KB.
RANKED_TABLES = ("reach", "by-country")
RANKED_ROWS_SHOWN = 20


def _figures(tables: list[analytics.Table]) -> list[dict[str, Any]]:
    figures = []
    for whole in tables:
        table = whole
        if whole.key in RANKED_TABLES and len(whole.rows) > RANKED_ROWS_SHOWN:
            table = dataclasses.replace(whole, rows=whole.rows[:RANKED_ROWS_SHOWN])
        caption_id = f"chart-{table.key}"
        if table.key in COLUMN_CHARTS:
            svg = charts.column_chart(
                caption_id,
                table.labels,
                [table.column(0), table.column(1)],
                [str(name) for name in table.columns[:2]],
            )
        else:
            svg = charts.bar_chart(
                caption_id, table.labels, table.column(BAR_COLUMN.get(table.key, 0))
            )
        figures.append(
            {"table": table, "svg": svg, "caption_id": caption_id, "rows": len(whole.rows)}
        )
    return figures


@login_required
def analytics_page(request: SignedInRequest) -> HttpResponse:
    asked = request.GET.get("course", "")
    try:
        view = analytics.viewpoint(request.user, forms.course_slug(asked))
    except NotFound:
        # A course not found (or not the viewer's) is said beside the field, with no figures.
        return _unknown_course(request, asked)
    counted = analytics.kept_dashboard(view.course, view.within)
    courses = view.within.order_by("title") if view.within is not None else None

    def figures() -> str:
        # Rendered without the request: the same for every viewer of these tables.
        context = {
            "course": view.course,
            "figures": _figures(counted.tables),
            "LANGUAGE_CODE": get_language() or "en",
        }
        return render_to_string("research/_analytics_figures.html", context)

    # Kept with the tables they draw, as long as they are.
    drawn = fragments.cached_html(
        analytics.ANALYTICS_SCOPE,
        ("figures", *counted.parts, counted.at.isoformat()),
        figures,
        settings.ANALYTICS_SECONDS,
    )
    return render(
        request,
        "research/analytics.html",
        {
            "course": view.course,
            "form": forms.AnalyticsFilterForm(
                initial={"course": view.course.slug if view.course else ""},
                courses=courses,
                offered=None if courses is not None else _every_course_offered(),
            ),
            "is_partner": view.is_partner,
            "figures": drawn,
            "counted_at": counted.at if settings.ANALYTICS_SECONDS > 0 else None,
            "k": analytics.DEFAULT_K,
        },
    )


def _every_course_offered() -> list[tuple[str, str]]:
    """Every course, as the dashboard's course box proposes them to those who may see them all:
    made at most once per ANALYTICS_SECONDS and language, as the tables are, so that the page
    reads no more than they do."""
    return fragments.cached_value(
        analytics.ANALYTICS_SCOPE,
        ("course-options", get_language() or "en"),
        lambda: forms.course_options(Course.objects.order_by()),
        settings.ANALYTICS_SECONDS,
    )


def _unknown_course(request: SignedInRequest, asked: str) -> HttpResponse:
    view = analytics.viewpoint(request.user)
    form = forms.AnalyticsFilterForm(
        {"course": asked},
        courses=view.within.order_by("title") if view.within is not None else None,
        offered=None if view.within is not None else _every_course_offered(),
    )
    if form.is_valid():  # a partner's list of courses refuses it already
        form.add_error("course", _("There is no course with this name."))
    return render(
        request,
        "research/analytics.html",
        {"course": None, "form": form, "is_partner": view.is_partner, "figures": ""},
        status=400,
    )


@login_required
def analytics_csv(request: SignedInRequest, key: str) -> HttpResponse:
    view = analytics.viewpoint(request.user, forms.course_slug(request.GET.get("course", "")))
    tables = analytics.kept_dashboard(view.course, view.within).tables
    table = next((t for t in tables if t.key == key), None)
    if table is None:
        raise NotFound()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}.csv"'
    # Opened in a spreadsheet: a byte-order mark, so that it reads the file as UTF-8 (course
    # titles and countries in Arabic, Chinese, Spanish…), and names written as text, never run
    # as a formula (a course title may begin with "=").
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["", *[spreadsheet_safe(str(c)) for c in table.columns]])
    for label, values in table.rows:
        writer.writerow([spreadsheet_safe(str(label)), *["" if v is None else v for v in values]])
    return response
