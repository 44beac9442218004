"""prepare_demo and demo_logins on a database without the demo."""

import pytest
from django.core.management import call_command
from pytest_django import DjangoAssertNumQueries

pytestmark = pytest.mark.django_db


def test_demo_logins_before_loading_says_what_to_run(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("demo_logins")
    assert "load_demo" in capsys.readouterr().out


def test_prepare_demo_loads_the_demo_once_and_prints_the_logins(
    capsys: pytest.CaptureFixture[str], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    call_command("prepare_demo")
    first = capsys.readouterr().out
    assert "Demo ecosystem loaded" in first
    assert "amina@praxis.example" in first
    with django_assert_max_num_queries(4):  # migrations table, demo version, the logins
        call_command("prepare_demo")
    again = capsys.readouterr().out
    assert "nothing to add" in again
    assert "amina@praxis.example" in again
