"""A large, consistent data set for benchmarks: courses, learners, enrolments and progress.

Rows are written with bulk_create, bypassing the services for speed (so no xAPI statements are
written), but the data keep every invariant the services keep: one current enrolment per learner
and course, progress only on lessons of courses the learner enrolled in, completed enrolments
with every lesson done. The search index is rebuilt with the catalog's own `reindex_course`.
Course text is the demo content, cycled, so the catalogue looks and searches like a real one.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from itertools import islice
from typing import TypeVar

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from praxis.accounts.models import User
from praxis.catalog.content import render_markdown
from praxis.catalog.models import (
    Course,
    Enrolment,
    Lesson,
    LessonProgress,
    Module,
    Topic,
    TranslationGroup,
)
from praxis.catalog.search import reindex_course
from praxis.demo.content import THEMES
from praxis.demo.content.organisations import PARTNERS
from praxis.demo.content.people import PASSWORD
from praxis.demo.content.topics import TOPICS
from praxis.demo.outline import LessonText, Theme
from praxis.organisations.models import Organisation
from praxis.reference.models import Occupation, RegionMembership

T = TypeVar("T")

COURSE_PREFIX = "bench-"
LEARNER_DOMAIN = "bench.praxis.example"
BATCH = 5000
# How many courses a learner enrols in (index) and how often (weight).
ENROLMENTS_PER_LEARNER = (25, 30, 20, 12, 8, 5)
ENROLMENT_STATUSES = (
    (Enrolment.Status.ACTIVE, 65),
    (Enrolment.Status.COMPLETED, 25),
    (Enrolment.Status.WITHDRAWN, 10),
)
SPOKEN = {"zh-hans": "zh"}  # interface language → spoken-language code, where they differ
# Word lists read best as text.
FIRST_NAMES = (  # noqa: SIM905  # a word list reads best as one string
    "Amina Aisha Fatima Omar Youssef Layla Wanjiru Kofi Abena Chinedu Thabo Nomsa Li Wei Mei"
    " Jun Hui Ying Minh Linh Tuan Priya Arjun Ravi Anjali Sita Maria Carlos Lucia Diego Ana"
    " Sofia Mateo Olga Ivan Anna Dmitri Elena Marie Jean Claire Luc Awa Moussa Grace Samuel"
    " Ngozi Ayesha Nadia Tomas Sione Mere Kiri Hamid Zainab"
).split()
FAMILY_NAMES = (  # noqa: SIM905  # a word list reads best as one string
    "Haddad Mansour Khalil Wanjiru Otieno Mensah Okafor Dlamini Wang Zhang Chen Liu Nguyen"
    " Tran Pham Sharma Patel Rao Gurung Rahman Mendoza Quispe Garcia Lopez Torres Ivanova"
    " Smirnov Petrova Diallo Traore Dubois Martin Ndiaye Kamau Santos Silva Tupou Ali Hussein"
).split()


@dataclass(frozen=True)
class LessonTemplate:
    title: str
    body: str
    body_html: str
    video_url: str
    transcript: str


def create_bench_data(
    *,
    courses: int,
    learners: int,
    seed: int = 2026,
    report: Callable[[str], None] = lambda line: None,
) -> Counter[str]:
    """Add `courses` courses and `learners` learners with enrolments and progress; return the
    counts created. Data already present (bench slugs or addresses) are left alone."""
    rng = random.Random(seed)  # noqa: S311 — reproducible sample data, not secrets
    created: Counter[str] = Counter()
    _ensure_topics_and_partners()
    started = time.monotonic()
    if not Course.objects.filter(slug__startswith=COURSE_PREFIX).exists():
        created.update(_create_courses(courses, rng))
        report(f"courses and lessons: {time.monotonic() - started:.1f} s")
    if not User.objects.filter(email__endswith="@" + LEARNER_DOMAIN).exists():
        started = time.monotonic()
        created.update(_create_learners(learners, rng))
        report(f"learners: {time.monotonic() - started:.1f} s")
        started = time.monotonic()
        created.update(_create_enrolments(rng))
        report(f"enrolments and progress: {time.monotonic() - started:.1f} s")
    return created


def analyze(*tables: str) -> None:
    """Bring PostgreSQL's planner statistics up to date with rows just bulk-inserted in this
    transaction: without them it plans for empty tables (sequential scans, per row of the
    indexing that follows)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(tables)}")


def _ensure_topics_and_partners() -> None:
    for slug, names in TOPICS.items():
        Topic.objects.get_or_create(slug=slug, defaults={"names": names})
    for partner in PARTNERS:
        Organisation.objects.get_or_create(
            slug=partner.slug,
            defaults={
                "name": partner.name,
                "short_name": partner.short_name,
                "type": partner.type,
                "country": partner.country,
                "website": partner.website,
            },
        )


def _batches(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _lesson_templates(theme: Theme, language: str) -> list[list[LessonTemplate]]:
    """The theme's lessons in `language`, rendered once, grouped by module."""

    def template(lesson: LessonText) -> LessonTemplate:
        video = lesson.video
        return LessonTemplate(
            title=lesson.title,
            body=lesson.body,
            body_html=render_markdown(lesson.body),
            video_url=video.url if video else "",
            transcript=video.transcript if video else "",
        )

    return [
        [template(lesson) for lesson in module.lessons]
        for module in theme.courses[language].modules
    ]


@transaction.atomic
def _create_courses(count: int, rng: random.Random) -> Counter[str]:
    themes = [theme for theme in THEMES if not theme.draft]
    templates = {
        (theme.key, language): _lesson_templates(theme, language)
        for theme in themes
        for language in theme.courses
    }
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    partners = {organisation.slug: organisation for organisation in Organisation.objects.all()}
    now = timezone.now()

    # Each block is one translation group: a theme in each of its languages.
    planned: list[tuple[Theme, str, TranslationGroup]] = []
    block = 0
    while len(planned) < count:
        theme = themes[block % len(themes)]
        group = TranslationGroup(key=f"{COURSE_PREFIX}{block:05d}")
        planned += [(theme, language, group) for language in theme.courses][: count - len(planned)]
        block += 1
    groups = {id(group): group for _theme, _language, group in planned}
    TranslationGroup.objects.bulk_create(groups.values(), batch_size=BATCH)

    course_rows: list[Course] = []
    for theme, language, group in planned:
        text = theme.courses[language]
        hours = Decimal(rng.randint(2, 16)) / 2
        status = rng.choices(
            [Course.Status.PUBLISHED, Course.Status.DRAFT, Course.Status.ARCHIVED], [96, 3, 1]
        )[0]
        course_rows.append(
            Course(
                slug=f"{group.key}-{language}",
                title=f"{text.title} ({group.key.removeprefix(COURSE_PREFIX).lstrip('0') or '0'})",
                summary=text.summary,
                objectives=list(text.objectives),
                language=language,
                level=theme.level,
                estimated_hours=hours,
                cpd_credits=hours,
                status=status,
                published_at=(
                    now - timedelta(days=rng.randint(0, 730))
                    if status != Course.Status.DRAFT
                    else None
                ),
                translation_group=group,
            )
        )
    Course.objects.bulk_create(course_rows, batch_size=BATCH)

    topic_links, partner_links, modules = [], [], []
    for course, (theme, _language, _group) in zip(course_rows, planned, strict=True):
        topic_links += [
            Course.topics.through(course_id=course.pk, topic_id=topics[slug].pk)
            for slug in theme.topics
        ]
        chosen = set(theme.organisations[:2]) | {rng.choice(PARTNERS).slug}
        partner_links += [
            Course.organisations.through(course_id=course.pk, organisation_id=partners[slug].pk)
            for slug in sorted(chosen)
        ]
        modules += [
            Module(course_id=course.pk, position=position, title="")
            for position in range(rng.randint(2, 4))
        ]
    Course.topics.through.objects.bulk_create(topic_links, batch_size=BATCH)
    Course.organisations.through.objects.bulk_create(partner_links, batch_size=BATCH)

    plan_of = {course.pk: plan for course, plan in zip(course_rows, planned, strict=True)}
    lessons: list[Lesson] = []
    for module in modules:
        theme, language, _group = plan_of[module.course_id]
        module_templates = templates[(theme.key, language)]
        source_index = module.position % len(module_templates)
        source = module_templates[source_index]
        module.title = theme.courses[language].modules[source_index].title
        for position in range(rng.randint(2, 4)):
            template = source[position % len(source)]
            lessons.append(
                Lesson(
                    module=module,
                    position=position,
                    title=template.title,
                    body=template.body,
                    body_html=template.body_html,
                    video_url=template.video_url,
                    transcript=template.transcript,
                    estimated_minutes=rng.choice((10, 15, 20, 30)),
                )
            )
    Module.objects.bulk_create(modules, batch_size=BATCH)
    # Each lesson takes its module's new primary key when saved (Django reads it from the module).
    Lesson.objects.bulk_create(lessons, batch_size=BATCH)

    analyze("catalog_course", "catalog_module", "catalog_lesson")
    for course in Course.objects.filter(slug__startswith=COURSE_PREFIX).prefetch_related("topics"):
        reindex_course(course)
    return Counter(courses=len(course_rows), modules=len(modules), lessons=len(lessons))


@transaction.atomic
def _create_learners(count: int, rng: random.Random) -> Counter[str]:
    password = make_password(PASSWORD)  # one hash for all: hashing 100,000 would take hours
    occupations = list(Occupation.objects.values_list("isco08", flat=True))
    countries = sorted(set(RegionMembership.objects.values_list("country", flat=True)))
    languages = ["ar", "zh-hans", "en", "fr", "ru", "es"]
    now = timezone.now()

    def learner(number: int) -> User:
        preferred = rng.choices(languages, [10, 15, 35, 15, 10, 15])[0]
        first, family = rng.choice(FIRST_NAMES), rng.choice(FAMILY_NAMES)
        spoken = [SPOKEN.get(preferred, preferred)]
        if preferred != "en" and rng.random() < 0.4:
            spoken.append("en")
        return User(
            email=f"learner{number:06d}@{LEARNER_DOMAIN}",
            full_name=f"{first} {family}",
            password=password,
            occupation_id=rng.choice(occupations) if rng.random() < 0.9 else None,
            country=rng.choice(countries),
            birth_year=now.year - rng.randint(20, 64) if rng.random() < 0.8 else None,
            languages=spoken,
            preferred_language=preferred,
            email_verified_at=now,
        )

    for batch in _batches(learner(number) for number in range(1, count + 1)):
        User.objects.bulk_create(batch, batch_size=BATCH)
    return Counter(learners=count)


@transaction.atomic
def _create_enrolments(rng: random.Random) -> Counter[str]:
    published = list(
        Course.objects.filter(
            slug__startswith=COURSE_PREFIX, status=Course.Status.PUBLISHED
        ).values_list("id", flat=True)
    )
    if not published:
        return Counter()
    rng.shuffle(published)
    # A few courses are very popular, most are not: weights fall with popularity rank.
    popularity = [1 / (rank + 5) for rank in range(len(published))]
    lessons_of: dict[int, list[int]] = {course_id: [] for course_id in published}
    for lesson_id, course_id in (
        Lesson.objects.filter(module__course_id__in=published, archived=False)
        .order_by("module__course_id", "module__position", "position")
        .values_list("id", "module__course_id")
    ):
        lessons_of[course_id].append(lesson_id)
    statuses = [status for status, _weight in ENROLMENT_STATUSES]
    status_weights = [weight for _status, weight in ENROLMENT_STATUSES]
    learner_ids = User.objects.filter(email__endswith="@" + LEARNER_DOMAIN).values_list(
        "id", flat=True
    )
    now = timezone.now()
    created: Counter[str] = Counter()

    for batch in _batches(learner_ids.iterator(chunk_size=BATCH)):
        enrolments: list[Enrolment] = []
        progress: list[LessonProgress] = []
        for learner_id in batch:
            wanted = rng.choices(range(len(ENROLMENTS_PER_LEARNER)), ENROLMENTS_PER_LEARNER)[0]
            courses = set(rng.choices(published, popularity, k=wanted)) if wanted else set()
            for course_id in courses:
                lessons = lessons_of[course_id]
                status = rng.choices(statuses, status_weights)[0]
                done = (
                    len(lessons)
                    if status == Enrolment.Status.COMPLETED
                    else rng.randint(0, len(lessons) - 1)
                )
                enrolments.append(
                    Enrolment(
                        learner_id=learner_id,
                        course_id=course_id,
                        status=status,
                        completed_at=now if status == Enrolment.Status.COMPLETED else None,
                        withdrawn_at=now if status == Enrolment.Status.WITHDRAWN else None,
                        last_lesson_id=lessons[done - 1] if done else None,
                        last_activity_at=now if done else None,
                    )
                )
                progress += [
                    LessonProgress(learner_id=learner_id, lesson_id=lesson_id, completed_at=now)
                    for lesson_id in lessons[:done]
                ]
        Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
        LessonProgress.objects.bulk_create(progress, batch_size=BATCH)
        created.update(enrolments=len(enrolments), lesson_progress=len(progress))
    return created
