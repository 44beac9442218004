"""Analytics: enrolments, completions and drop-off, by time, place, occupation and language.

Every figure counts learners; a cell with fewer than k learners is suppressed (shown as None)
so that no small group can be singled out. Queries aggregate in the database: a handful per
page whatever the number of learners.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.catalog.models import Course, Enrolment, Lesson, LessonProgress
from praxis.lrs.models import Statement
from praxis.reference.models import Occupation, WhoRegion
from praxis.research.exports import region_of_country

DEFAULT_K = 5


@dataclass
class Table:
    """One chart's figures: a row per label, a column per measure; None marks a suppressed cell."""

    key: str
    title: Any
    columns: list[Any]
    rows: list[tuple[str, list[int | None]]] = field(default_factory=list)
    suppressed: int = 0

    def column(self, index: int) -> list[int | None]:
        return [values[index] for _label, values in self.rows]

    @property
    def labels(self) -> list[str]:
        return [label for label, _values in self.rows]


def _enrolments(course: Course | None) -> QuerySet[Enrolment]:
    enrolments = Enrolment.objects.all()
    if course is not None:
        enrolments = enrolments.filter(course=course)
    return enrolments


def _rate(completed: int, learners: int) -> int:
    return round(100 * completed / learners) if learners else 0


def over_time(course: Course | None = None, k: int = DEFAULT_K) -> Table:
    """Enrolments, completions and completion rate (%) per month of enrolment."""
    rows = (
        _enrolments(course)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(
            learners=Count("learner", distinct=True),
            enrolments=Count("id"),
            completed=Count("id", filter=Q(status=Enrolment.Status.COMPLETED)),
        )
        .order_by("month")
    )
    table = Table(
        "over-time",
        _("Enrolments and completions by month"),
        [_("Enrolments"), _("Completions"), _("Completion rate (%)")],
    )
    for row in rows:
        label = row["month"].strftime("%Y-%m") if row["month"] else "?"
        if row["learners"] < k:
            table.rows.append((label, [None, None, None]))
            table.suppressed += 1
        else:
            table.rows.append(
                (
                    label,
                    [
                        row["enrolments"],
                        row["completed"],
                        _rate(row["completed"], row["enrolments"]),
                    ],
                )
            )
    return table


def _grouped(course: Course | None, field_name: str) -> list[tuple[Any, int, int, int]]:
    rows = (
        _enrolments(course)
        .values(field_name)
        .annotate(
            learners=Count("learner", distinct=True),
            enrolments=Count("id"),
            completed=Count("id", filter=Q(status=Enrolment.Status.COMPLETED)),
        )
        .order_by(field_name)
    )
    return [(r[field_name], r["learners"], r["enrolments"], r["completed"]) for r in rows]


def _table(
    key: str, title: Any, groups: dict[str, list[int]], k: int, sort_by_size: bool = True
) -> Table:
    table = Table(key, title, [_("Learners"), _("Enrolments"), _("Completion rate (%)")])
    items = sorted(groups.items(), key=lambda item: (-item[1][0], item[0]))
    if not sort_by_size:
        items = sorted(groups.items())
    for label, (learners, enrolments, completed) in items:
        if learners < k:
            table.rows.append((label, [None, None, None]))
            table.suppressed += 1
        else:
            table.rows.append((label, [learners, enrolments, _rate(completed, enrolments)]))
    return table


Grouped = list[tuple[Any, int, int, int]]


def by_country(
    course: Course | None = None, k: int = DEFAULT_K, rows: Grouped | None = None
) -> Table:
    groups: dict[str, list[int]] = {}
    rows = _grouped(course, "learner__country") if rows is None else rows
    for country, learners, enrolments, completed in rows:
        label = str(countries.name(country)) if country else str(_("Not given"))
        groups[label] = [learners, enrolments, completed]
    return _table("by-country", _("By country"), groups, k)


def by_region(
    course: Course | None = None, k: int = DEFAULT_K, rows: Grouped | None = None
) -> Table:
    regions = region_of_country()
    labels = dict(WhoRegion.choices)
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    rows = _grouped(course, "learner__country") if rows is None else rows
    for country, learners, enrolments, completed in rows:
        code = regions.get(str(country or ""))
        label = str(labels[code]) if code else str(_("Not given"))
        group = groups[label]
        group[0] += learners  # a learner has one country, so per-country counts add up
        group[1] += enrolments
        group[2] += completed
    return _table("by-region", _("By WHO region"), dict(groups), k)


def by_occupation(course: Course | None = None, k: int = DEFAULT_K) -> Table:
    labels = dict(Occupation.Group.choices)
    groups: dict[str, list[int]] = {}
    for group, learners, enrolments, completed in _grouped(course, "learner__occupation__group"):
        label = str(labels.get(group, _("Not given"))) if group else str(_("Not given"))
        groups[label] = [learners, enrolments, completed]
    return _table("by-occupation", _("By occupation group"), groups, k)


def by_language(course: Course | None = None, k: int = DEFAULT_K) -> Table:
    names = dict(settings.LANGUAGES)
    groups: dict[str, list[int]] = {}
    for language, learners, enrolments, completed in _grouped(course, "course__language"):
        groups[str(names.get(language, language))] = [learners, enrolments, completed]
    return _table("by-language", _("By course language"), groups, k)


def drop_off(course: Course, k: int = DEFAULT_K) -> Table:
    """For each active lesson of `course`, in order, how many enrolled learners completed it."""
    lessons = list(
        Lesson.objects.filter(module__course=course, archived=False).values_list("id", "title")
    )
    enrolled = _enrolments(course).values("learner_id")
    done = dict(
        LessonProgress.objects.filter(
            lesson_id__in=[pk for pk, _title in lessons],
            completed_at__isnull=False,
            learner_id__in=enrolled,
        )
        .values("lesson_id")
        .annotate(n=Count("learner", distinct=True))
        .values_list("lesson_id", "n")
    )
    learners = _enrolments(course).values("learner").distinct().count()
    table = Table(
        "drop-off", _("Learners who completed each lesson"), [_("Learners"), _("Share (%)")]
    )
    for position, (pk, title) in enumerate(lessons, start=1):
        count = done.get(pk, 0)
        label = f"{position}. {title}"
        if count < k:
            table.rows.append((label, [None, None]))
            table.suppressed += 1
        else:
            table.rows.append((label, [count, _rate(count, learners)]))
    return table


VERB_ATTENDED = "http://adlnet.gov/expapi/verbs/attended"


def event_attendance(k: int = DEFAULT_K) -> Table:
    """People who attended events, per month, from the learning record (events record an
    "attended" statement when a ticket is checked in)."""
    rows = (
        Statement.objects.filter(verb_id=VERB_ATTENDED, voided=False)
        .annotate(month=TruncMonth("timestamp"))
        .values("month")
        .annotate(people=Count("actor_key", distinct=True), attendances=Count("id"))
        .order_by("month")
    )
    table = Table("attendance", _("Event attendance by month"), [_("People"), _("Attendances")])
    for row in rows:
        label = row["month"].strftime("%Y-%m") if row["month"] else "?"
        if row["people"] < k:
            table.rows.append((label, [None, None]))
            table.suppressed += 1
        else:
            table.rows.append((label, [row["people"], row["attendances"]]))
    return table


def community_activity(k: int = DEFAULT_K) -> Table | None:
    """Posts and the people who wrote them, per month; None without the community app."""
    if not apps.is_installed("praxis.community"):
        return None
    post = apps.get_model("community", "Post")
    rows = (
        post.objects.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(people=Count("author", distinct=True), posts=Count("id"))
        .order_by("month")
    )
    table = Table("community", _("Community posts by month"), [_("People"), _("Posts")])
    for row in rows:
        label = row["month"].strftime("%Y-%m") if row["month"] else "?"
        if row["people"] < k:
            table.rows.append((label, [None, None]))
            table.suppressed += 1
        else:
            table.rows.append((label, [row["people"], row["posts"]]))
    return table


def optional_sections() -> list[tuple[Any, bool]]:
    """Figures this dashboard does not draw yet, and whether the installation has their data."""
    return [(_("Knowledge gain (pre- and post-test)"), apps.is_installed("praxis.assessments"))]


def dashboard(course: Course | None, k: int = DEFAULT_K) -> list[Table]:
    """Every table of the dashboard, for one course or for all."""
    countries = _grouped(course, "learner__country")  # one query serves regions and countries
    tables = [
        over_time(course, k),
        by_region(course, k, countries),
        by_country(course, k, countries),
        by_occupation(course, k),
        by_language(course, k),
    ]
    if course is not None:
        tables.append(drop_off(course, k))
    else:
        tables.append(event_attendance(k))
        if (community := community_activity(k)) is not None:
            tables.append(community)
    return tables
