"""Web addresses written bare in a post (https://…, www.…) become links, like every other link
in a post: http and https only, rel="noopener nofollow", set left to right; punctuation around
them, code and links already written stay as they were."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from praxis.community.services import posting
from praxis.community.tests.conftest import Space

pytestmark = pytest.mark.django_db

WHO = "https://www.who.int/publications/i/item/9789241597906"


def _link(href: str, text: str | None = None) -> str:
    return f'<span dir="ltr"><a href="{href}" rel="noopener nofollow">{text or href}</a></span>'


def _shown(space: Space, body: str) -> str:
    return posting.reply(space.member, space.thread, body).body_html


def test_a_bare_address_in_a_reply_is_a_link_on_the_thread_page(
    client: Client, space: Space
) -> None:
    posting.reply(space.member, space.thread, f"The guideline is at {WHO}.")
    client.force_login(space.moderator)
    page = client.get(reverse("community:thread", args=[space.thread.uuid])).content.decode()
    assert f"The guideline is at {_link(WHO)}.</p>" in page


def test_a_www_address_links_to_its_https_site(space: Space) -> None:
    html = _shown(space, "See www.who.int/health-topics for more")
    assert f"See {_link('https://www.who.int/health-topics', 'www.who.int/health-topics')} for" in (
        html
    )


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        (f"Read {WHO}.", f"Read {_link(WHO)}."),
        (f"Read {WHO}, then", f"Read {_link(WHO)}, then"),
        (f"(see {WHO})", f"(see {_link(WHO)})"),
        (f"'{WHO}'", f"'{_link(WHO)}'"),
        (f"هل قرأت {WHO}؟", f"هل قرأت {_link(WHO)}؟"),
        (f"انظر {WHO}، ثم", f"انظر {_link(WHO)}، ثم"),
        (f"请看{WHO}。谢谢", f"请看{_link(WHO)}。谢谢"),
        (
            "(https://en.wikipedia.org/wiki/Health_(disambiguation))",
            f"({_link('https://en.wikipedia.org/wiki/Health_(disambiguation)')})",
        ),
    ],
)
def test_punctuation_after_an_address_stays_in_the_sentence(
    space: Space, body: str, shown: str
) -> None:
    assert f"<p>{shown}</p>" in _shown(space, body)


def test_an_address_in_right_to_left_text_is_set_left_to_right(space: Space) -> None:
    html = _shown(space, f"الدليل هنا {WHO} للجميع")
    assert f'الدليل هنا <span dir="ltr"><a href="{WHO}"' in html


def test_code_and_links_already_written_are_left_as_they_are(space: Space) -> None:
    html = _shown(
        space,
        "`https://code.example.org` and [the guide](https://www.who.int/guide) and"
        " [https://shown.example.org](https://real.example.org) and <https://auto.example.org>"
        "\n\n```\nhttps://fenced.example.org\n```\n\n    https://indented.example.org\n",
    )
    assert "<code>https://code.example.org</code>" in html
    assert "<code>https://fenced.example.org\n</code>" in html
    assert "<code>https://indented.example.org\n</code>" in html
    assert '<a href="https://www.who.int/guide" rel="noopener nofollow">the guide</a>' in html
    assert (
        '<a href="https://real.example.org" rel="noopener nofollow">https://shown.example.org</a>'
        in html
    )
    assert (
        '<a href="https://auto.example.org" rel="noopener nofollow">https://auto.example.org</a>'
        in html
    )
    assert html.count("<a ") == 3 and 'dir="ltr"' not in html


@pytest.mark.parametrize(
    "body",
    [
        "javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "ftp://files.example.org/guide.pdf",
        "xhttps://glued.example.org",
        "write to me@www.example.org",
        "https:// nothing, www. nothing, https://-dash.example.org, https://[::1",
    ],
)
def test_only_web_addresses_with_a_host_become_links(space: Space, body: str) -> None:
    assert "<a " not in _shown(space, body)


def test_an_address_cannot_add_attributes_or_markup(space: Space) -> None:
    html = _shown(
        space,
        'https://x.example.org/"onmouseover="alert(1) https://y.example.org/<script>alert(2)</script>',
    )
    assert html == (
        f'<p>{_link("https://x.example.org/")}"onmouseover="alert(1) '
        f"{_link('https://y.example.org/')}</p>"
    )


def test_a_mention_and_an_address_side_by_side_both_link(space: Space) -> None:
    html = _shown(space, f"@amina {WHO}")
    assert '<a href="/community/people/amina/" rel="noopener nofollow">@amina</a>' in html
    assert _link(WHO) in html


def test_an_address_holding_another_links_whole(space: Space) -> None:
    address = "www.example.org/go?to=https://www.who.int"
    assert _link(f"https://{address}", address) in _shown(space, f"Via {address} today")


@pytest.mark.parametrize(
    "address",
    [
        "https://github.com/python/cpython/blob/main/Lib/__init__.py",
        "https://example.org/a_b_c",
        "https://example.org/__a__",
        "https://example.org/*x*y",
        "www.example.org/**b**",
    ],
)
def test_an_address_with_emphasis_marks_links_whole_as_written(space: Space, address: str) -> None:
    href = address if address.startswith("https") else f"https://{address}"
    assert f"<p>See {_link(href, address)} now</p>" in _shown(space, f"See {address} now")


def test_emphasis_around_and_beside_an_address_still_works(space: Space) -> None:
    html = _shown(
        space,
        "**important** see https://x.org/__a__ now, *read https://x.org/a*"
        " and _open www.who.int/a_b_ today_. (https://x.org/__c__.)",
    )
    assert (
        f"<strong>important</strong> see {_link('https://x.org/__a__')} now,"
        f" <em>read {_link('https://x.org/a')}</em>"
        f" and <em>open {_link('https://www.who.int/a_b', 'www.who.int/a_b')}</em> today_."
        f" ({_link('https://x.org/__c__')}.)"
    ) in html


def test_links_and_code_holding_emphasis_marks_stay_as_written(space: Space) -> None:
    html = _shown(
        space,
        "[the guide](https://x.org/__a__) and <https://x.org/__b__> and `https://x.org/__c__`"
        "\n\n    https://x.org/__d__\n",
    )
    assert '<a href="https://x.org/__a__" rel="noopener nofollow">the guide</a>' in html
    assert '<a href="https://x.org/__b__" rel="noopener nofollow">https://x.org/__b__</a>' in html
    assert "<code>https://x.org/__c__</code>" in html
    assert "<pre><code>https://x.org/__d__\n</code></pre>" in html
    assert html.count("<a ") == 2 and "<strong>" not in html
