"""The hook mechanism: declared once as typed objects, answered in order, checked at start-up."""

from __future__ import annotations

import pytest
from django.core import checks
from django.core.checks import CheckMessage
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis import celery, wsgi
from praxis.core import hooks
from praxis.core.hooks import Notification, Query


@pytest.fixture
def only_these(monkeypatch: pytest.MonkeyPatch) -> None:
    """Declarations made in a test stay out of the project's list (and of its start-up check)."""
    monkeypatch.setattr(hooks, "_declared", [])


def _unanswered() -> list[CheckMessage]:
    return [message for message in checks.run_checks() if message.id == "praxis.hooks.E001"]


def test_a_query_answers_with_every_handler_in_the_order_they_were_connected(
    only_these: None,
) -> None:
    @Query
    def greeting(*, name: str) -> str:
        """A greeting for `name`."""
        raise NotImplementedError

    def hello(*, name: str) -> str:
        return f"Hello {name}"

    greeting.answer(hello)
    greeting.answer(lambda *, name: f"Bonjour {name}")
    greeting.answer(hello)
    assert greeting.ask(name="Amina") == ["Hello Amina", "Bonjour Amina"]
    greeting.disconnect(hello)
    assert greeting.ask(name="Amina") == ["Bonjour Amina"]
    assert greeting.__doc__ == "A greeting for `name`."


@pytest.mark.django_db
def test_a_notification_tells_its_handlers_now_or_once_the_transaction_commits(
    only_these: None, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    @Notification
    def counted(*, number: int) -> None:
        """`number` was counted."""

    told: list[int] = []
    counted.answer(lambda *, number: told.append(number))
    counted.send(number=1)
    assert told == [1]
    with django_capture_on_commit_callbacks(execute=True):
        counted.send_on_commit(number=2)
        assert told == [1]
    assert told == [1, 2]


@pytest.mark.django_db(transaction=True)
def test_a_notification_after_commit_tells_nobody_when_the_transaction_rolls_back(
    only_these: None,
) -> None:
    @Notification
    def counted(*, number: int) -> None:
        """`number` was counted."""

    told: list[int] = []
    counted.answer(lambda *, number: told.append(number))

    def count_then_fail() -> None:
        with transaction.atomic():
            counted.send_on_commit(number=3)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        count_then_fail()
    with transaction.atomic():
        counted.send_on_commit(number=4)
    assert told == [4]


def test_a_declared_hook_nobody_answers_fails_the_start_up_check(only_these: None) -> None:
    @Query
    def greeting(*, name: str) -> str:
        """A greeting for `name`."""
        raise NotImplementedError

    @Notification
    def counted(*, number: int) -> None:
        """`number` was counted."""

    def hello(*, name: str) -> str:
        return f"Hello {name}"

    assert [(message.level, message.obj) for message in _unanswered()] == [
        (checks.ERROR, greeting),
        (checks.ERROR, counted),
    ]
    greeting.answer(hello)
    counted.answer(lambda *, number: None)
    assert _unanswered() == []


def test_the_site_and_the_worker_refuse_to_start_while_a_hook_is_unanswered(
    only_these: None,
) -> None:
    @Notification
    def counted(*, number: int) -> None:
        """`number` was counted."""

    with pytest.raises(ImproperlyConfigured, match=r"notification \S+\.counted\b"):
        wsgi.start()
    with pytest.raises(ImproperlyConfigured, match=r"notification \S+\.counted\b"):
        celery.check_hooks(sender=None)
    counted.answer(lambda *, number: None)
    assert callable(wsgi.start())
    celery.check_hooks(sender=None)


def test_a_hook_declared_optional_may_go_unanswered(only_these: None) -> None:
    def maybe(*, name: str) -> str:
        """Asked, but nobody need answer."""
        raise NotImplementedError

    optional = Query(maybe, required=False)
    assert _unanswered() == []
    assert optional.ask(name="Amina") == []


def test_every_hook_the_project_declares_is_answered() -> None:
    names = {hook.name for hook in hooks.declared()}
    assert {
        "praxis.catalog.hooks.lesson_for",
        "praxis.catalog.hooks.course_links",
        "praxis.catalog.hooks.shared_course_links",
        "praxis.catalog.hooks.completion_blockers",
        "praxis.catalog.hooks.enrolled",
        "praxis.assessments.hooks.quizzes_for",
        "praxis.organisations.hooks.page_sections",
        "praxis.organisations.hooks.changed",
        "praxis.lti.hooks.context_learners",
        "praxis.lrs.hooks.statements_refused",
        "praxis.lrs.hooks.statements_stored",
        "praxis.lrs.hooks.document_refused",
        "praxis.lrs.hooks.document_read",
    } <= names
    assert _unanswered() == []
