"""A mention written in code (inline, fenced with ``` or ~~~, or indented) is shown as written
and notifies no one; everywhere else, lists and nested lists included, it links."""

from __future__ import annotations

import pytest
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.community.mentions import unmatched_mentions
from praxis.community.services import posting
from praxis.community.tests.conftest import Space
from praxis.notifications.models import Notice

pytestmark = pytest.mark.django_db

LINKED = '<span dir="ltr"><a href="/community/people/amina/" rel="noopener nofollow">@amina</a>'


def _shown(space: Space, body: str) -> str:
    return posting.reply(space.moderator, space.thread, body).body_html


@pytest.mark.parametrize(
    "body",
    [
        "Type this:\n\n    @amina please check\n",
        "Type this:\n\n\t@amina please check\n",
        "Type this:\n\n~~~\n@amina please check\n~~~\n",
        "Type this:\n\n```\n@amina please check\n```\n",
        "- Type this:\n\n        @amina please check\n",
    ],
    ids=["indented", "tab", "tildes", "backticks", "indented-in-a-list"],
)
def test_a_mention_in_a_code_block_is_shown_as_written(space: Space, body: str) -> None:
    html = _shown(space, body)
    assert "<code>@amina please check\n</code>" in html
    assert "/community/people/amina/" not in html


def test_a_mention_in_an_indented_code_block_notifies_no_one(
    space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(space.moderator, space.thread, "Type this:\n\n    @amina please check\n")
    assert not Notice.objects.filter(person=space.member, kind="mention").exists()


def test_a_mention_in_an_indented_code_block_gives_no_warning(space: Space) -> None:
    assert unmatched_mentions("Type this:\n\n    @nobody-here\n", space.community) == []


def test_mentions_in_lists_and_nested_lists_link(space: Space) -> None:
    html = _shown(
        space,
        "- ask @amina\n    - then @amina\n      and again @amina\n\n    also @amina\n",
    )
    assert html.count(LINKED) == 4 and "<code>" not in html


def test_a_mention_on_an_indented_line_that_continues_a_paragraph_links(space: Space) -> None:
    html = _shown(space, "Thanks to\n    @amina for the protocol")
    assert f"Thanks to\n    {LINKED}</span> for the protocol" in html
