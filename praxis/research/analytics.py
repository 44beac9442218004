"""Analytics: enrolments, completions and drop-off, by time, place, occupation and language;
knowledge gain between each pre-test and its post-test.

Every figure counts learners; a cell with fewer than k learners is suppressed (shown as None)
so that no small group can be singled out, and a table whose rows divide every enrolment never
hides one row alone (the total, shown elsewhere, would give it back). Queries aggregate in the
database: a handful per page whatever the number of learners.

Figures cover one course, or every course `within` a set (a partner organisation's courses;
None: every course). Event attendance and community activity are not tied to a course, so only
viewers who see every course get them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models import CharField, Count, Func, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.assessments.queries import paired_first_scores, pre_post_pairs, summarise_gain
from praxis.catalog.models import Course, Enrolment, Lesson, LessonProgress
from praxis.core import fragments
from praxis.core.errors import NotFound
from praxis.core.languages import language_name
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.credentials.models import Credential
from praxis.feedback.queries import survey_tallies
from praxis.lrs.models import Purpose
from praxis.lrs.queries import trusted_statements
from praxis.reference.models import Occupation, WhoRegion
from praxis.research import permissions
from praxis.research.exports import region_of_country

DEFAULT_K = 5
Within = QuerySet[Course] | None


@dataclass
class Table:
    """One chart's figures: a row per label, a column per measure; None marks a suppressed cell."""

    key: str
    title: Any
    columns: list[Any]
    rows: list[tuple[str, list[float | None]]] = field(default_factory=list)
    suppressed: int = 0

    def column(self, index: int) -> list[float | None]:
        return [values[index] for _label, values in self.rows]

    @property
    def labels(self) -> list[str]:
        return [label for label, _values in self.rows]

    @property
    def labelled_rows(self) -> list[tuple[str, list[tuple[Any, float | None]]]]:
        """Each row's values beside their column's title, for tables read cell by cell on a
        phone."""
        return [
            (label, list(zip(self.columns, values, strict=True))) for label, values in self.rows
        ]


class MonthOf(Func):
    """The month of a date and time in UTC, as "YYYY-MM", worked out by the database itself
    (Django's TruncMonth calls a Python function for every row on SQLite: 0.65 s for 200,000
    posts, against 0.13 s)."""

    template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM')"
    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        # SQLite keeps a date and time as text in UTC: "YYYY-MM-DD HH:MM:SS[.ffffff]".
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, 1, 7)", **extra)


def _enrolments(course: Course | None, within: Within = None) -> QuerySet[Enrolment]:
    enrolments = Enrolment.objects.all()
    if course is not None:
        enrolments = enrolments.filter(course=course)
    elif within is not None:
        enrolments = enrolments.filter(course__in=within.values("pk"))
    return enrolments


def _rate(completed: int, learners: int) -> int:
    return round(100 * completed / learners) if learners else 0


def _no_row_hidden_alone(table: Table, sizes: list[int]) -> Table:
    """Hide a second row where a table hides one alone.

    The rows of these tables divide the same enrolments (by month, country, region,
    occupation group, course language or course), whose totals another table shows: a row
    hidden alone would be the total less the rows shown. So the smallest row shown (`sizes`:
    each row's learners) is hidden with it, as the survey's results hide a lone small count."""
    if table.suppressed != 1:
        return table
    shown = [
        (size, index)
        for index, ((_label, values), size) in enumerate(zip(table.rows, sizes, strict=True))
        if values and values[0] is not None
    ]
    if shown:
        _size, index = min(shown)
        label, values = table.rows[index]
        table.rows[index] = (label, [None] * len(values))
        table.suppressed += 1
    return table


def over_time(course: Course | None = None, k: int = DEFAULT_K, within: Within = None) -> Table:
    """Enrolments, completions and completion rate (%) per month of enrolment (UTC)."""
    rows = (
        _enrolments(course, within)
        .annotate(month=MonthOf("created_at"))
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
    sizes = []
    for row in rows:
        label = row["month"] or "?"
        sizes.append(row["learners"])
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
    return _no_row_hidden_alone(table, sizes)


def _counted(
    course: Course | None, within: Within, *fields: str
) -> QuerySet[Enrolment, dict[str, Any]]:
    """The enrolments grouped by `fields`: learners, enrolments and completions of each group."""
    counted: QuerySet[Enrolment, dict[str, Any]] = (
        _enrolments(course, within)
        .values(*fields)
        .annotate(
            learners=Count("learner", distinct=True),
            enrolments=Count("id"),
            completed=Count("id", filter=Q(status=Enrolment.Status.COMPLETED)),
        )
    )
    return counted


def _grouped(
    course: Course | None, field_name: str, within: Within = None
) -> list[tuple[Any, int, int, int]]:
    rows = _counted(course, within, field_name).order_by(field_name)
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
    return _no_row_hidden_alone(table, [learners for _label, (learners, *_rest) in items])


Grouped = list[tuple[Any, int, int, int]]


def by_country(
    course: Course | None = None,
    k: int = DEFAULT_K,
    rows: Grouped | None = None,
    within: Within = None,
) -> Table:
    groups: dict[str, list[int]] = {}
    rows = _grouped(course, "learner__country", within) if rows is None else rows
    for country, learners, enrolments, completed in rows:
        label = str(countries.name(country)) if country else str(_("Not given"))
        groups[label] = [learners, enrolments, completed]
    return _table("by-country", _("By country"), groups, k)


def by_region(
    course: Course | None = None,
    k: int = DEFAULT_K,
    rows: Grouped | None = None,
    within: Within = None,
) -> Table:
    regions = region_of_country()
    labels = dict(WhoRegion.choices)
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    rows = _grouped(course, "learner__country", within) if rows is None else rows
    for country, learners, enrolments, completed in rows:
        code = regions.get(str(country or ""))
        label = str(labels[code]) if code else str(_("Not given"))
        group = groups[label]
        group[0] += learners  # a learner has one country, so per-country counts add up
        group[1] += enrolments
        group[2] += completed
    return _table("by-region", _("By WHO region"), dict(groups), k)


def by_occupation(
    course: Course | None = None,
    k: int = DEFAULT_K,
    within: Within = None,
    rows: Grouped | None = None,
) -> Table:
    labels = dict(Occupation.Group.choices)
    groups: dict[str, list[int]] = {}
    rows = _grouped(course, "learner__occupation__group", within) if rows is None else rows
    for group, learners, enrolments, completed in rows:
        label = str(labels.get(group, _("Not given"))) if group else str(_("Not given"))
        groups[label] = [learners, enrolments, completed]
    return _table("by-occupation", _("By occupation group"), groups, k)


def by_language(course: Course | None = None, k: int = DEFAULT_K, within: Within = None) -> Table:
    groups: dict[str, list[int]] = {}
    for language, learners, enrolments, completed in _grouped(course, "course__language", within):
        # Named in the reader's language whatever the tag's case ("zh-Hans" is Chinese too).
        groups[language_name(language)] = [learners, enrolments, completed]
    return _table("by-language", _("By course language"), groups, k)


def reach(k: int = DEFAULT_K, within: Within = None) -> Table:
    """For each course (the viewer's, `within`): learners reached, completions and credentials
    issued (revoked ones left out); a course with fewer than `k` learners is suppressed."""
    grouped = _grouped(None, "course_id", within)
    courses = Course.objects.filter(pk__in=[row[0] for row in grouped]).in_bulk()
    sources = {f"course:{course.uuid}": pk for pk, course in courses.items()}
    issued = {
        sources[source]: n
        for source, n in Credential.objects.filter(
            achievement__source__in=list(sources), revoked_at__isnull=True
        )
        .values("achievement__source")
        .annotate(n=Count("id"))
        .values_list("achievement__source", "n")
    }
    table = Table(
        "reach",
        _("Reach of each course"),
        [_("Learners reached"), _("Completions"), _("Credentials issued")],
    )
    ranked = sorted(grouped, key=lambda r: -r[1])
    for course_id, learners, _enrolled, completed in ranked:
        label = courses[course_id].title if course_id in courses else str(course_id)
        if learners < k:
            table.rows.append((label, [None, None, None]))
            table.suppressed += 1
        else:
            table.rows.append((label, [learners, completed, issued.get(course_id, 0)]))
    return _no_row_hidden_alone(table, [learners for _id, learners, *_rest in ranked])


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


def _monthly(table: Table, rows: Any, count: str, k: int) -> Table:
    """Fill `table` with a row per month of `rows` (month, people, `count`), suppressing the
    months with fewer than k people."""
    for row in rows:
        label = row["month"] or "?"
        if row["people"] < k:
            table.rows.append((label, [None, None]))
            table.suppressed += 1
        else:
            table.rows.append((label, [row["people"], row[count]]))
    return table


def event_attendance(k: int = DEFAULT_K) -> Table:
    """People who attended events, per month, from the learning record (events record an
    "attended" statement when a ticket is checked in)."""
    rows = (
        trusted_statements(Purpose.ANALYTICS)
        .filter(verb_id=VERB_ATTENDED)
        .annotate(month=MonthOf("timestamp"))
        .values("month")
        .annotate(people=Count("actor_key", distinct=True), attendances=Count("id"))
        .order_by("month")
    )
    table = Table("attendance", _("Event attendance by month"), [_("People"), _("Attendances")])
    return _monthly(table, rows, "attendances", k)


def community_activity(k: int = DEFAULT_K) -> Table | None:
    """Posts and the people who wrote them, per month; None without the community app."""
    if not apps.is_installed("praxis.community"):
        return None
    post = apps.get_model("community", "Post")
    rows = (
        post.objects.annotate(month=MonthOf("created_at"))
        .values("month")
        .annotate(people=Count("author", distinct=True), posts=Count("id"))
        .order_by("month")
    )
    table = Table("community", _("Community posts by month"), [_("People"), _("Posts")])
    return _monthly(table, rows, "posts", k)


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


def knowledge_gain(
    course: Course | None = None, k: int = DEFAULT_K, within: Within = None
) -> Table:
    """For each pre-test/post-test pair, the learners who took both (first attempt at each),
    their mean scores (%), the mean gain in percentage points and the normalised gain (the
    share of the possible improvement achieved, %). Two queries."""
    if course is not None:
        course_ids: list[int] | None = [course.pk]
    elif within is not None:
        course_ids = list(within.values_list("pk", flat=True))
    else:
        course_ids = None
    post_tests = pre_post_pairs(course_ids)
    paired = paired_first_scores(post_tests)
    table = Table(
        "knowledge-gain",
        _("Knowledge gain from pre-test to post-test"),
        [
            _("Learners with both"),
            _("Mean pre-test score (%)"),
            _("Mean post-test score (%)"),
            _("Mean gain (points)"),
            _("Normalised gain (%)"),
        ],
    )
    for post_test in post_tests:
        gain = summarise_gain(paired.get(post_test.pk, {}))
        label = (
            post_test.title
            if course is not None
            else f"{post_test.course.title}: {post_test.title}"
        )
        if gain.learners < k:
            table.rows.append((label, [None] * 5))
            table.suppressed += 1
            continue
        table.rows.append(
            (
                label,
                [
                    gain.learners,
                    _percent(gain.pre_mean),
                    _percent(gain.post_mean),
                    _percent(gain.gain),
                    _percent(gain.normalised_gain),
                ],
            )
        )
    return table


def survey_agreement(
    course: Course | None = None, k: int = DEFAULT_K, within: Within = None
) -> Table:
    """The end-of-course survey: per statement, the learners who answered, the mean on the
    five-point scale and the share who agreed. A statement fewer than k answered is suppressed.
    One query."""
    if course is not None:
        course_ids: list[int] | None = [course.pk]
    elif within is not None:
        course_ids = list(within.values_list("pk", flat=True))
    else:
        course_ids = None
    table = Table(
        "survey",
        _("End-of-course survey"),
        [_("Answers"), _("Mean (1 to 5)"), _("Agreeing (%)")],
    )
    for tally in survey_tallies(course_ids):
        if tally.answers < k:
            table.rows.append((tally.text, [None, None, None]))
            table.suppressed += 1
        else:
            table.rows.append(
                (
                    tally.text,
                    [
                        tally.answers,
                        round(tally.total / tally.answers, 1),
                        _rate(tally.agreeing, tally.answers),
                    ],
                )
            )
    return table


def _by_learner(course: Course | None, within: Within) -> tuple[Grouped, Grouped]:
    """The enrolments grouped by country and by occupation group, from one query grouping them
    by both: a learner has one country and one occupation, so is counted in one cell only, and
    the cells of a country (or of a group) add up to its learners."""
    countries: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
    occupations: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
    rows = _counted(course, within, "learner__country", "learner__occupation__group").order_by()
    for row in rows:
        for totals, key in (
            (countries, row["learner__country"]),
            (occupations, row["learner__occupation__group"]),
        ):
            total = totals[key]
            total[0] += row["learners"]
            total[1] += row["enrolments"]
            total[2] += row["completed"]
    return (
        [(key, *figures) for key, figures in countries.items()],
        [(key, *figures) for key, figures in occupations.items()],
    )


def dashboard(course: Course | None, k: int = DEFAULT_K, within: Within = None) -> list[Table]:
    """Every table of the dashboard, for one course or for all (`within` a set of courses)."""
    countries, occupations = _by_learner(course, within)  # one query: regions, countries, groups
    tables = [
        over_time(course, k, within),
        by_region(course, k, countries),
        by_country(course, k, countries),
        by_occupation(course, k, within, occupations),
        by_language(course, k, within),
        knowledge_gain(course, k, within),
        survey_agreement(course, k, within),
    ]
    if course is not None:
        tables.append(drop_off(course, k))
    else:
        tables.append(reach(k, within))
    if course is None and within is None:
        tables.append(event_attendance(k))
        if (community := community_activity(k)) is not None:
            tables.append(community)
    return tables


# The dashboard's tables as last counted, per course, set of courses and language.
ANALYTICS_SCOPE = "research:analytics"


@dataclass(frozen=True)
class Counted:
    """The dashboard's tables, when they were counted, and what they were kept by (for what is
    made of them to be kept alike)."""

    at: datetime
    tables: list[Table]
    parts: tuple[str, ...] = ()


def kept_dashboard(course: Course | None, within: Within = None) -> Counted:
    """`dashboard(course, within=within)` as counted at most ANALYTICS_SECONDS ago (for the
    same course, set of courses and language): every viewer of the same courses gets the same
    tables, which count every enrolment afresh only that often."""
    courses = (
        "all"
        if within is None
        else ",".join(map(str, within.order_by("id").values_list("id", flat=True)))
    )
    parts = (str(course.pk if course else ""), courses, get_language() or "en")
    return fragments.cached_value(
        ANALYTICS_SCOPE,
        parts,
        lambda: Counted(
            timezone.now(), [_in_words(table) for table in dashboard(course, within=within)], parts
        ),
        settings.ANALYTICS_SECONDS,
    )


def _in_words(table: Table) -> Table:
    """`table` with its title, columns and labels as plain text in the active language: kept
    tables are read back from the cache on every view, and lazy translations are slow to."""
    return Table(
        key=table.key,
        title=str(table.title),
        columns=[str(column) for column in table.columns],
        rows=[(str(label), values) for label, values in table.rows],
        suppressed=table.suppressed,
    )


@dataclass(frozen=True)
class Viewpoint:
    """What one viewer may see: the course chosen (None: all theirs) and the courses they see
    (None: every course)."""

    course: Course | None
    within: Within

    @property
    def is_partner(self) -> bool:
        return self.within is not None


def viewpoint(user: Person, slug: str = "") -> Viewpoint:
    """Check that `user` may open the dashboard and find the course named by `slug`.

    Raises NotAuthenticated or PermissionDenied for someone who sees no analytics, and NotFound
    for a course that does not exist or that is not among the viewer's courses (the two are
    answered alike, so a partner learns nothing of other organisations' courses)."""
    require(permissions.view_analytics, user)
    within = permissions.analytics_courses(user)
    slug = slug.strip()[:120]
    if not slug:
        return Viewpoint(None, within)
    courses = Course.objects.all() if within is None else within
    course = courses.filter(slug=slug).first()
    if course is None:
        raise NotFound()
    return Viewpoint(course, within)
