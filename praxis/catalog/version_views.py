"""A course's published versions: what changed in each, and older versions read in full."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from praxis.catalog import queries, versions


@require_GET
def course_versions(request: HttpRequest, slug: str) -> HttpResponse:
    course = queries.visible_course(request.user, slug)
    published = versions.versions_of(course)
    return render(
        request,
        "catalog/versions.html",
        {
            "course": course,
            "versions": published,
            "published_before": versions.published_before_versions(course, published),
        },
    )


@require_GET
def course_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    course = queries.visible_course(request.user, slug)
    version = versions.version_of(course, number)
    return render(
        request,
        "catalog/version.html",
        {"course": course, "version": version, "snapshot": version.snapshot},
    )
