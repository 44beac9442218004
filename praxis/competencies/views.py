"""Framework browser, CASE download and (staff) CASE upload."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from praxis.accounts.auth import SignedInRequest
from praxis.competencies import queries, services
from praxis.competencies.case import export_package
from praxis.competencies.forms import CaseImportForm
from praxis.competencies.permissions import manage_frameworks
from praxis.core.errors import PraxisError
from praxis.core.permissions import require


@require_GET
def frameworks(request: HttpRequest) -> HttpResponse:
    rows = queries.frameworks().annotate(item_count=Count("items"))
    return render(
        request,
        "competencies/frameworks.html",
        {"frameworks": rows, "can_import": manage_frameworks.allows(request.user)},
    )


@require_GET
def framework(request: HttpRequest, slug: str) -> HttpResponse:
    found, tree = queries.framework_tree(slug)
    scale = found.scales.first()
    return render(
        request,
        "competencies/framework.html",
        {"framework": found, "tree": tree, "levels": scale.levels if scale else []},
    )


@require_GET
def case_package(request: HttpRequest, slug: str) -> HttpResponse:
    found, _tree = queries.framework_tree(slug)
    response = JsonResponse(export_package(found), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{found.slug}.case.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_case(request: SignedInRequest) -> HttpResponse:
    require(manage_frameworks, request.user)
    posted = request.method == "POST"
    form = CaseImportForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            created = services.import_framework(
                form.cleaned_data["package"].read(), by=request.user
            )
        except PraxisError as error:
            form.add_error("package", str(error.message))
            for name, field_messages in error.fields.items():
                form.add_error("package", f"{name}: {'; '.join(str(m) for m in field_messages)}")
        else:
            messages.success(request, _("The framework is imported."))
            return redirect("competencies:framework", created.slug)
    return render(
        request,
        "competencies/import.html",
        {"form": form, "example": json.dumps({"CFDocument": {}, "CFItems": []})},
        status=400 if form.errors else 200,
    )
