"""Running-text filters: a sentence that ends with "p.m." gets one full stop; a percentage is
written as each language writes one."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Register by May 1, 2030, 5 p.m..", "Register by May 1, 2030, 5 p.m."),
        ("Saved at 9 a.m.. Merge them.", "Saved at 9 a.m. Merge them."),
        ("Wait...", "Wait..."),
        ("No date here.", "No date here."),
    ],
)
def test_one_full_stop(text: str, shown: str) -> None:
    template = Template("{% load praxis_text %}{{ text|one_full_stop }}")
    assert template.render(Context({"text": text})) == shown


def test_a_translated_sentence_ending_with_a_time_keeps_one_full_stop() -> None:
    template = Template(
        "{% load i18n praxis_text %}"
        '{% blocktranslate asvar line with when=moment|date:"DATETIME_FORMAT" %}'
        "Register by {{ when }}.{% endblocktranslate %}{{ line|one_full_stop }}"
    )
    moment = datetime(2030, 5, 1, 17, 0, tzinfo=UTC)
    with translation.override("en"):
        assert template.render(Context({"moment": moment})) == "Register by May 1, 2030, 5 p.m."


def test_what_is_escaped_stays_escaped() -> None:
    template = Template("{% load praxis_text %}{{ text|one_full_stop }}")
    assert template.render(Context({"text": "<b>5 p.m..</b>"})) == "&lt;b&gt;5 p.m.&lt;/b&gt;"


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "70%"), ("fr", "70\u202f%"), ("es", "70\u00a0%"), ("tr", "%70"), ("zh-hans", "70%")],
)
def test_a_percentage_is_written_as_the_language_writes_it(language: str, shown: str) -> None:
    template = Template("{% load praxis_text %}{{ value|percent }}")
    with translation.override(language):
        assert template.render(Context({"value": 70})) == shown
