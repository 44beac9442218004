"""The registry of personal data: every person field declared; erasure leaves no trace of the
person anywhere in the database, except what the deletion page says is kept."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from praxis.accounts.lifecycle import erasure
from praxis.accounts.models import AccountErasure, User
from praxis.accounts.tests.footprint import make_footprint
from praxis.community.models import Post, Thread
from praxis.core.personal_data import holdings, is_person_relation, person_fields
from praxis.lrs.models import Statement

TEXT = (models.CharField, models.TextField, models.JSONField, models.EmailField)


def test_every_person_field_of_every_installed_model_is_declared() -> None:
    declared = {(h.model, name) for h in holdings() for name in h.person_fields}
    undeclared = [
        f"{model._meta.label}.{name}"
        for model in apps.get_models()
        for name in person_fields(model)
        if (model, name) not in declared
    ]
    assert undeclared == []


def test_no_model_is_declared_twice_and_each_declared_field_exists() -> None:
    seen = [h.model for h in holdings()]
    assert len(seen) == len(set(seen))
    for holding in holdings():
        for name in holding.person_fields:
            holding.model._meta.get_field(name)


def _traces(identifiers: dict[str, str], user_id: int) -> list[str]:
    """Every column of every table that still holds one of the identifiers, or the user id in
    a relation to the user model."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        manager = model._base_manager
        for field in model._meta.concrete_fields:
            if is_person_relation(field):
                if manager.filter(**{field.attname: user_id}).exists():
                    found.append(f"{model._meta.label}.{field.name}=id")
                continue
            if not isinstance(field, TEXT):
                continue
            text = manager.annotate(_text=Cast(field.name, models.TextField()))
            for what, value in identifiers.items():
                if text.filter(_text__icontains=value).exists():
                    found.append(f"{model._meta.label}.{field.name}~{what}")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("keep_posts", [False, True])
def test_after_erasure_no_table_holds_the_person(keep_posts: bool) -> None:
    footprint = make_footprint()
    person = footprint.person
    assert _traces(footprint.identifiers, person.pk)  # the search does find them before
    statements = Statement.objects.count()

    request = AccountErasure.objects.create(
        user=person, erase_after=person.created_at, keep_posts=keep_posts
    )
    assert erasure.erase(request.pk) is True

    assert _traces(footprint.identifiers, person.pk) == []
    assert not User.objects.filter(pk=person.pk).exists()
    # The learning record keeps every statement, under one anonymous account.
    assert Statement.objects.count() == statements
    # Others' words stay; their mention of the person names nobody.
    footprint.others_post.refresh_from_db()
    assert footprint.others_post.body == "Thanks @former-member for the checklist"
    footprint.quoting_post.refresh_from_db()
    assert footprint.quoting_post.body.startswith("> **Former member:**")
    answered = Thread.objects.get(pk=footprint.thread_others_answered.pk)
    assert answered.author == erasure.former_member()
    assert Post.objects.filter(body="An answer from Tomás").exists()
    kept = Post.objects.filter(body="You are welcome").exists()
    assert kept is keep_posts
    request.refresh_from_db()
    assert request.status == AccountErasure.Status.DONE
    assert request.user is None
