"""The header menu's "Your work": each person's work by role, decided by the apps' permission
rules (never by role names here).

Working it out takes a few queries, so it is done when a person logs in and kept in their
session, and done again when that copy is older than `FRESH_FOR`: the pages themselves add no
query for it. Its markup is rendered once per language and list of work, and kept in the
process for the next person with the same list (it holds nothing else of theirs).
"""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Any, TypedDict

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from praxis.community import queries as community
from praxis.core.people import Person, Visitor, signed_in
from praxis.events import queries as events
from praxis.notifications.delivery import undelivered as undelivered_emails
from praxis.organisations.models import Organisation
from praxis.organisations.permissions import (
    AUTHOR_ROLES,
    can_review,
    manage_organisation,
    organisation_ids_with_role,
)
from praxis.research.models import Project
from praxis.research.permissions import (
    is_research_officer,
    manage_experiments,
    view_analytics,
    view_project,
)

SESSION_KEY = "praxis_work"
FRESH_FOR = 300  # seconds
# How many lists of work keep their markup, per process: most people have none, and staff and
# organisation admins share a few.
MARKUP_KEPT = 512

# What each kind of work is called in the menu; the name of a place, when there is one, follows.
LABELS = {
    "drafts": _("My drafts"),
    "tools": _("External tools"),
    "platforms": _("Learning platforms"),
    "reviews": _("Review queue"),
    "assign": _("Review assignments"),
    "organisations": _("My organisations"),
    "research": _("Research requests"),
    "projects": _("My research projects"),
    "analytics": _("Analytics"),
    "experiments": _("Experiments"),
    "check_in": _("Check-in"),
    "moderation": _("Moderation queue"),
    "applications": _("Partner applications"),
    "flagged_messages": _("Flagged private messages"),
    "admin": _("Administration"),
    "undelivered": _("E-mails not delivered"),
}


class WorkItem(TypedDict):
    kind: str
    url: str
    name: str


def work_of(user: Visitor) -> list[WorkItem]:
    """The work `user` has in the site, in menu order."""
    if not signed_in(user):
        return []
    items: list[WorkItem] = []

    def add(kind: str, url: str, name: str = "") -> None:
        items.append({"kind": kind, "url": url, "name": name})

    workspace = reverse("authoring:workspace")
    if user.is_staff or organisation_ids_with_role(user, AUTHOR_ROLES):
        add("drafts", workspace + "#drafts-heading")
        # The external tools authors place in lessons (LTI 1.3), registered on their own page.
        add("tools", reverse("lti:tools"))
    if can_review(user):
        add("reviews", workspace + "#reviews-heading")
    if user.is_staff:
        add("assign", reverse("authoring:review_queue"))
    if manage_organisation.filter(user, Organisation.objects.all()).exists():
        add("organisations", reverse("organisations:mine"))
    if is_research_officer(user):
        add("research", reverse("research:projects"))
    elif view_project.filter(user, Project.objects.all()).exists():
        add("projects", reverse("research:projects"))
    if view_analytics.allows(user):
        add("analytics", reverse("research:analytics"))
    if manage_experiments.allows(user):
        add("experiments", reverse("research:experiments"))
    for event in events.events_to_run(user):
        add("check_in", reverse("events:check_in", args=[event.slug]), event.title)
    for each in community.moderated_communities(user):
        add("moderation", reverse("community:queue", args=[each.slug]), each.name)
    if user.is_staff:
        add("platforms", reverse("lti:platforms"))
        add("applications", reverse("organisations:applications"))
        add("flagged_messages", reverse("community:flagged_messages"))
        add("admin", reverse("admin:index"))
        if undelivered_emails().exists():
            add("undelivered", reverse("admin:notifications_notice_changelist") + "?email=failed")
    return items


def remember_work(request: HttpRequest, user: Person) -> list[WorkItem]:
    items = work_of(user)
    request.session[SESSION_KEY] = {"at": time.time(), "items": items}
    return items


@receiver(user_logged_in, dispatch_uid="praxis.web.navigation.remember_work")
def _on_login(sender: Any, request: HttpRequest | None, user: Person, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        remember_work(request, user)


def kept_work(request: HttpRequest) -> list[WorkItem]:
    """The signed-in person's work as kept in their session (worked out again when stale)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return []
    kept = request.session.get(SESSION_KEY)
    if not isinstance(kept, dict) or time.time() - float(kept.get("at", 0)) > FRESH_FOR:
        return remember_work(request, user)
    items: list[WorkItem] = kept.get("items", [])
    return items


def work_menu_markup(request: HttpRequest) -> SafeString:
    """The menu's "Your work" for the signed-in person in the current language, or nothing."""
    work = tuple(
        (item["kind"], item["url"], item["name"])
        for item in kept_work(request)
        if item.get("kind") in LABELS
    )
    if not work:
        return SafeString("")
    return _markup(get_language(), work)


@lru_cache(maxsize=MARKUP_KEPT)
def _markup(language: str, work: tuple[tuple[str, str, str], ...]) -> SafeString:
    """The markup of `work` in `language`, the language active: a function of the two alone."""
    items = [{"label": str(LABELS[kind]), "url": url, "name": name} for kind, url, name in work]
    # Without the file's last line break: base.html places the markup.
    markup = render_to_string("web/work_menu.html", {"work_menu": items}).strip()
    return mark_safe(markup)  # noqa: S308 - rendered by the template, which escapes
