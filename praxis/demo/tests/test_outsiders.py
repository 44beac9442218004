"""Loading the demo acts on the demo's own people only, never on anyone else in the database."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import ForeignKey, ManyToManyField, OneToOneField

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog import services as catalog
from praxis.catalog.tests.factories import course_with_lessons

pytestmark = pytest.mark.django_db


def rows_about(person: User) -> dict[str, int]:
    """How many rows of each table refer to the person, through any relation to a user."""
    counts: dict[str, int] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                isinstance(field, ForeignKey | OneToOneField | ManyToManyField)
                and field.related_model is User
                and not field.auto_created
            ):
                label = f"{model._meta.label}.{field.name}"
                counts[label] = model._default_manager.filter(**{field.name: person}).count()
    return counts


def test_loading_the_demo_leaves_a_learner_and_a_staff_member_outside_it_alone() -> None:
    # People who were there first: a staff member, and a learner who completed a course.
    staff = StaffFactory.create()
    learner = UserFactory.create()
    course = course_with_lessons(modules=1, lessons_per_module=1)
    catalog.publish_course(course)
    catalog.enrol(learner, course)
    for lesson in course.modules.get().lessons.all():
        catalog.open_lesson(learner, lesson)
        catalog.complete_lesson(learner, lesson)
    before = {person.email: rows_about(person) for person in (staff, learner)}

    call_command("load_demo")

    after = {person.email: rows_about(person) for person in (staff, learner)}
    changed = {
        (email, table): (before[email][table], count)
        for email, tables in after.items()
        for table, count in tables.items()
        if count != before[email][table]
    }
    assert changed == {}
