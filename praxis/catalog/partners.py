"""The courses section of a partner organisation's page, answering the query
`praxis.organisations.hooks.page_sections`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from praxis.catalog.cache import catalogue_changed
from praxis.catalog.models import Course
from praxis.organisations.models import Organisation
from praxis.organisations.queries import Section, SectionItem

MAX_COURSES = 50


def organisation_courses(*, organisation: Organisation) -> Section:
    """The published courses the organisation co-created, in one query."""
    courses = Course.objects.filter(
        organisations=organisation, status=Course.Status.PUBLISHED
    ).only("slug", "title", "language")[:MAX_COURSES]
    return Section(
        _("Courses"),
        [
            SectionItem(c.title, reverse("catalog:course", args=[c.slug]), c.language)
            for c in courses
        ],
    )


def organisation_changed(*, organisation: Organisation) -> None:
    """An organisation's name shows on catalogue cards: show the catalogue anew."""
    catalogue_changed()
