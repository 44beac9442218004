"""Loading the demo ecosystem: partners, topics, courses in six languages, people and progress.

Everything is keyed by slug or e-mail address and skipped when it exists, so loading twice
changes nothing. Courses, accounts, enrolments and progress go through the catalog and accounts
services, so the search index and the xAPI statements are what real use would have produced.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from praxis.accounts import links
from praxis.accounts.models import User
from praxis.accounts.services import sign_up, update_profile, verify_email
from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Lesson, Module, Topic, TranslationGroup
from praxis.demo.assessments import load_assessments
from praxis.demo.community import load_community
from praxis.demo.content import THEMES
from praxis.demo.content.organisations import ACADEMY, PARTNERS, OrganisationText
from praxis.demo.content.people import PASSWORD, PEOPLE, Person, Step
from praxis.demo.content.topics import TOPICS
from praxis.demo.credentials import load_credentials
from praxis.demo.events import load_events
from praxis.demo.feedback import load_feedback
from praxis.demo.media import load_media
from praxis.demo.outline import CourseText, Theme
from praxis.demo.packages import load_packages
from praxis.demo.partners import load_partners
from praxis.demo.research import load_research
from praxis.demo.security import ensure_demo_second_factor, load_legal_documents
from praxis.organisations.models import Organisation

MINUTES_PER_HOUR = 60
DEMO_ACCOUNT_AGE = timedelta(days=120)


def load_demo() -> Counter[str]:
    """Create whatever part of the demo ecosystem is missing; return what was created."""
    created: Counter[str] = Counter()
    # Before anyone signs up, so that the demo's people accept the terms in force.
    created["legal documents"] += load_legal_documents()
    for organisation in (ACADEMY, *PARTNERS):
        created["organisations"] += _ensure_organisation(organisation)
    for slug, names in TOPICS.items():
        _topic, made = Topic.objects.get_or_create(slug=slug, defaults={"names": names})
        created["topics"] += made
    for theme in THEMES:
        for language, text in theme.courses.items():
            created["courses"] += _ensure_course(theme, language, text)
    for person in PEOPLE:
        created["people"] += _ensure_person(person)
    created["staff authenticators"] += ensure_demo_second_factor()
    created.update(load_assessments())
    created.update(load_research())
    created.update(load_credentials())
    created.update(load_events())
    created.update(load_community())
    created.update(load_partners())
    created.update(load_feedback())
    created.update(load_media())
    created.update(load_packages())
    return created


def _ensure_organisation(text: OrganisationText) -> bool:
    _organisation, made = Organisation.objects.get_or_create(
        slug=text.slug,
        defaults={
            "name": text.name,
            "short_name": text.short_name,
            "type": text.type,
            "country": text.country,
            "website": text.website,
            "description": text.description,
        },
    )
    return made


@transaction.atomic
def _ensure_course(theme: Theme, language: str, text: CourseText) -> bool:
    slug = theme.slug(language)
    if Course.objects.filter(slug=slug).exists():
        return False
    group, _made = TranslationGroup.objects.get_or_create(key=theme.key)
    course = Course.objects.create(
        slug=slug,
        title=text.title,
        summary=text.summary,
        objectives=list(text.objectives),
        language=language,
        level=theme.level,
        estimated_hours=theme.hours,
        cpd_credits=theme.cpd_credits,
        translation_group=group,
    )
    course.topics.set(Topic.objects.filter(slug__in=theme.topics))
    course.organisations.set(Organisation.objects.filter(slug__in=theme.organisations))
    modules = text.modules
    lesson_count = sum(len(module.lessons) for module in modules)
    minutes = int(theme.hours * MINUTES_PER_HOUR / Decimal(lesson_count))
    for module_position, module_text in enumerate(modules):
        module = Module.objects.create(
            course=course, position=module_position, title=module_text.title
        )
        for position, lesson_text in enumerate(module_text.lessons):
            lesson = Lesson.objects.create(
                module=module, position=position, title=lesson_text.title, estimated_minutes=minutes
            )
            catalog.save_lesson_body(lesson, lesson_text.body)
            if video := lesson_text.video:
                catalog.set_lesson_video(lesson, video.url, video.transcript)
    if theme.draft:
        catalog.reindex_course(course)
    else:
        catalog.publish_course(course)
    return True


@transaction.atomic
def _ensure_person(person: Person) -> bool:
    if User.objects.filter(email__iexact=person.email).exists():
        return False
    user = sign_up(
        email=person.email,
        password=PASSWORD,
        full_name=person.full_name,
        occupation=person.occupation,
        country=person.country,
        languages=person.languages,
        preferred_language=person.preferred_language,
        organisation_name=person.organisation_name,
        accept_terms=True,
    )
    assert user is not None  # the address was checked to be new above
    # Verified before the sign-up commits, so no verification e-mail goes to a demo address.
    user = verify_email(links.make_verification_token(user))
    if person.birth_year:
        update_profile(user, birth_year=person.birth_year)
    if person.is_staff or person.is_superuser:
        user.is_staff, user.is_superuser = person.is_staff, person.is_superuser
        user.save(update_fields=["is_staff", "is_superuser", "updated_at"])
    # The demo's people have used Praxis for a while: welcomed back, not as newcomers.
    User.objects.filter(pk=user.pk).update(created_at=timezone.now() - DEMO_ACCOUNT_AGE)
    for step in person.journey:
        _take(user, step)
    return True


def _take(user: User, step: Step) -> None:
    course = Course.objects.get(slug=step.course)
    if step.action == "enrol":
        catalog.enrol(user, course)
    elif step.action == "withdraw":
        catalog.withdraw(user, course)
    elif step.action == "complete":
        lessons = _lessons(course)
        for lesson in lessons[: step.lessons or len(lessons)]:
            catalog.open_lesson(user, lesson)
            catalog.complete_lesson(user, lesson)
    elif step.action == "open":
        catalog.open_lesson(user, _lessons(course)[step.lessons - 1])
    else:
        raise ValueError(f"unknown step {step.action!r}")


def _lessons(course: Course) -> list[Lesson]:
    return list(
        Lesson.objects.filter(module__course=course, archived=False)
        .select_related("module__course")
        .order_by("module__position", "position", "id")
    )
