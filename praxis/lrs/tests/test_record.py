"""The recording service every domain service writes through."""

import uuid

import pytest
from django.db import transaction
from django.test import override_settings

from praxis.lrs.models import Statement
from praxis.lrs.queries import statements_of
from praxis.lrs.services import account_agent, activity, actor_key, language_tag, record
from praxis.lrs.vocabulary import ACTIVITY_COURSE, VERB_COMPLETED, VERB_REGISTERED

pytestmark = pytest.mark.django_db


@override_settings(SITE_URL="https://academy.example")
def test_recorded_statement_is_complete_xapi_with_platform_authority() -> None:
    actor = account_agent("7d7c5a4e", "Amina Haddad")
    course = activity(
        "https://academy.example/xapi/activities/course/1", ACTIVITY_COURSE, {"en": "Hand hygiene"}
    )
    registration = str(uuid.uuid4())

    statement = record(actor, VERB_REGISTERED, course, context={"registration": registration})

    data = Statement.objects.get(pk=statement.pk).data
    assert data["id"] == str(statement.pk)
    assert data["actor"]["account"] == {"homePage": "https://academy.example", "name": "7d7c5a4e"}
    assert data["verb"] == {"id": VERB_REGISTERED, "display": {"en-US": "registered"}}
    assert data["object"]["id"] == "https://academy.example/xapi/activities/course/1"
    assert data["authority"]["account"]["homePage"] == "https://academy.example"
    assert data["version"] == "1.0.3"
    assert data["stored"] and data["timestamp"]
    assert str(statement.registration) == registration
    assert statement.activity_id == course["id"]


def test_statements_of_returns_only_that_learners_record_newest_first() -> None:
    amina, li = account_agent("amina"), account_agent("li")
    course = activity("https://x.example/c", ACTIVITY_COURSE)
    first = record(amina, VERB_REGISTERED, course)
    record(li, VERB_REGISTERED, course)
    second = record(amina, VERB_COMPLETED, course)

    assert list(statements_of(amina)) == [second, first]


def test_statement_written_inside_a_failed_transaction_is_not_kept() -> None:
    course = activity("https://x.example/c", ACTIVITY_COURSE)

    def failing_change() -> None:
        with transaction.atomic():
            record(account_agent("amina"), VERB_REGISTERED, course)
            raise RuntimeError("the domain change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    assert Statement.objects.count() == 0


@pytest.mark.parametrize(
    ("agent", "key"),
    [
        ({"mbox": "mailto:a@example.org"}, "mbox|mailto:a@example.org"),
        ({"account": {"homePage": "https://h", "name": "n"}}, "account|https://h|n"),
        ({"openid": "https://id.example/a"}, "openid|https://id.example/a"),
    ],
)
def test_actor_key_uses_the_inverse_functional_identifier(
    agent: dict[str, object], key: str
) -> None:
    assert actor_key(agent) == key


def test_agent_without_identifier_is_refused() -> None:
    with pytest.raises(ValueError, match="inverse functional identifier"):
        actor_key({"name": "nobody"})


@pytest.mark.parametrize(
    ("code", "tag"),
    [
        ("zh-hans", "zh-Hans"),
        ("en-us", "en-US"),
        ("ES", "es"),
        ("sr-latn-rs", "sr-Latn-RS"),
        ("es-419", "es-419"),
        ("ar", "ar"),
        ("en-a-bc-x-de", "en-a-bc-x-de"),
    ],
)
def test_language_codes_become_tags_in_canonical_case(code: str, tag: str) -> None:
    assert language_tag(code) == tag


@pytest.mark.parametrize(
    ("verb", "word"),
    [
        ("http://id.tincanapi.com/verb/earned", "earned"),
        ("http://adlnet.gov/expapi/verbs/attended", "attended"),
        ("http://adlnet.gov/expapi/verbs/passed", "passed"),
    ],
)
def test_every_verb_the_platform_records_is_displayed_in_words(verb: str, word: str) -> None:
    row = record(account_agent("7d7c5a4e"), verb, activity("https://x.org/a", ACTIVITY_COURSE))

    assert row.data["verb"]["display"] == {"en-US": word}


def test_a_verb_without_a_known_word_has_no_display_rather_than_its_iri() -> None:
    verb = "https://academy.example/verbs/reflected"

    row = record(account_agent("7d7c5a4e"), verb, activity("https://x.org/a", ACTIVITY_COURSE))

    assert row.data["verb"] == {"id": verb}
