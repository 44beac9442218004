"""Markdown from people: images from other hosts never reach a reader's browser."""

from __future__ import annotations

import html as html_escapes
import re
from urllib.parse import unquote, urljoin

import pytest

from praxis.core.markdown import is_same_site, render_markdown

# Each of these is read by browsers as an address on another host.
OFF_SITE = [
    "/\\evil.example/pixel.png",
    "\\\\evil.example/pixel.png",
    "\\/evil.example/pixel.png",
    "/%5Cevil.example/pixel.png",
    "/%5cevil.example/pixel.png",
    "/%255Cevil.example/pixel.png",
    "/\t/evil.example/pixel.png",
    "/\n/evil.example/pixel.png",
    " //evil.example/pixel.png",
    "\x01//evil.example/pixel.png",
    "http:evil.example/pixel.png",
    "HTTPS://evil.example/pixel.png",
    "http://127.0.0.1:8000@evil.example/pixel.png",
]


@pytest.mark.parametrize("src", OFF_SITE)
def test_addresses_browsers_read_as_another_host_are_not_same_site(src: str) -> None:
    assert not is_same_site(src)


def _hosts_images_load_from(html: str) -> set[str]:
    """Where a browser on a page of this site would fetch each image, decoded as far as it goes."""
    hosts = set()
    for src in re.findall(r'<img[^>]*\ssrc="([^"]*)"', html):
        address = html_escapes.unescape(src).strip().replace("\t", "").replace("\n", "")
        for _ in range(3):
            address = unquote(address)
        resolved = urljoin("http://127.0.0.1:8000/community/", address.replace("\\", "/"))
        hosts.add(resolved.split("/")[2])
    return hosts


@pytest.mark.parametrize("src", OFF_SITE)
def test_an_image_markdown_points_elsewhere_is_not_loaded_from_there(src: str) -> None:
    html = render_markdown(f"![chart]({src})")

    assert _hosts_images_load_from(html) <= {"127.0.0.1:8000"}


@pytest.mark.parametrize("src", OFF_SITE)
def test_a_raw_image_tag_pointing_elsewhere_is_not_loaded_from_there(src: str) -> None:
    html = render_markdown(f'<img src="{src}" alt="chart">')

    assert _hosts_images_load_from(html) <= {"127.0.0.1:8000"}


@pytest.mark.parametrize(
    "src", ["/media/chart.png", "chart.png", "http://127.0.0.1:8000/media/chart.png"]
)
def test_images_on_this_site_stay(src: str) -> None:
    assert f'<img alt="chart" src="{src}"' in render_markdown(f"![chart]({src})")


def test_what_one_text_defines_never_reaches_the_next() -> None:
    """Each text is rendered on its own: a link reference, an abbreviation or raw HTML in one
    text changes nothing in the text rendered after it."""
    first = render_markdown(
        "See [the guide][who].\n\n[who]: https://www.who.int/\n\n*[IPC]: Infection prevention"
        " and control\n\nIPC matters.\n\n<div>kept apart</div>"
    )
    assert 'href="https://www.who.int/"' in first
    assert '<abbr title="Infection prevention and control">IPC</abbr>' in first

    second = render_markdown("See [the guide][who].\n\nIPC matters.")
    assert "href" not in second
    assert "<abbr" not in second
    assert "kept apart" not in second
    assert second == "<p>See [the guide][who].</p>\n<p>IPC matters.</p>"
