"""Pages kept for everybody are sent compressed from pieces each worker compressed once: what a
browser decodes is the page, with the visitor's own CSRF token, which a form then sends back
accepted; every other response is compressed as before."""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

import brotli
import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import course_with_lessons
from praxis.core import compression
from praxis.core.compression import CompressionMiddleware, Kept, gzipped

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

URL = "/courses/hand-hygiene/"
BROWSER = {"Accept-Encoding": "gzip, deflate, br, zstd"}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def nothing_compressed_yet() -> Iterator[None]:
    compression._compressed.clear()
    yield
    compression._compressed.clear()


@pytest.fixture
def course() -> Course:
    course = course_with_lessons(slug="hand-hygiene", title="Hand hygiene")
    services.publish_course(course)
    return course


def without_token(page: str) -> str:
    return TOKEN.sub("", page)


def test_a_visitor_decodes_the_course_page_with_their_own_token_and_the_form_is_accepted(
    course: Course,
) -> None:
    plain = Client().get(URL).content.decode()
    tokens = []
    for _visitor in range(2):  # the second visitor's page is made of the pieces kept
        visitor = Client(enforce_csrf_checks=True)
        response = visitor.get(URL, headers=BROWSER)
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"] and "Cookie" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content)
        page = gzip.decompress(response.content).decode()
        # zlib reads the stream as a browser does, and finds nothing after its end.
        reader = zlib.decompressobj(16 + zlib.MAX_WBITS)
        assert reader.decompress(response.content).decode() == page
        assert reader.eof and not reader.unused_data
        assert "Lesson 1.1" in page and without_token(page) == without_token(plain)
        token = TOKEN.search(page)
        assert token is not None
        tokens.append(token.group(1))
        # The token is the visitor's own: the enrol form is taken (the visitor is asked to log
        # in), not refused as forged.
        enrol = visitor.post(f"{URL}enrolment/", {"csrfmiddlewaretoken": token.group(1)})
        assert enrol.status_code == 302 and "/accounts/login/" in enrol["Location"]
    assert tokens[0] != tokens[1]


def test_the_token_is_sent_apart_from_the_text_members_write(course: Course) -> None:
    # Compressed with the page's text, the token's length would depend on what surrounds it
    # (BREACH); stored apart, it is sent as it is.
    response = Client().get(URL, headers=BROWSER)
    token = TOKEN.search(gzip.decompress(response.content).decode())
    assert token is not None and token.group(1).encode() in response.content


def test_the_page_is_as_small_as_compressed_whole(course: Course) -> None:
    # The pieces after the token still refer back to the text before it (the header, the
    # navigation): what a visitor on a slow connection receives grows only by the token's field
    # sent as it is, not by the page's text compressed twice apart.
    response = Client().get(URL, headers=BROWSER)
    page = gzip.decompress(response.content)
    field = re.search(rb'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]+">', page)
    assert field is not None
    whole = gzip.compress(page, compresslevel=6, mtime=0)
    random_name = 100  # at most, in the header (BREACH)
    assert len(response.content) <= len(whole) + len(field.group(0)) + random_name


def test_without_gzip_the_page_is_sent_as_it_is(course: Course) -> None:
    response = Client().get(URL, headers={"Accept-Encoding": "br"})
    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"]
    assert "Lesson 1.1" in response.content.decode()


def decoded(response: Response) -> bytes:
    if response["Content-Encoding"] == "br":
        return bytes(brotli.decompress(response.content))
    assert response["Content-Encoding"] == "gzip"
    return gzip.decompress(response.content)


def test_the_catalogue_and_the_api_list_decode_to_what_they_show_uncompressed(
    course: Course,
) -> None:
    for url in ("/courses/", "/api/v1/courses", "/search/?q=hand", "/"):
        plain = Client().get(url).content
        # Asked once, with gzip; asked again, with Brotli, smaller.
        first, second, third = (Client().get(url, headers=BROWSER) for _ in range(3))
        assert first["Content-Encoding"] == "gzip"
        assert second["Content-Encoding"] == third["Content-Encoding"] == "br"
        assert len(second.content) < len(first.content)
        for response in (first, second, third):
            assert response.status_code == 200 and decoded(response) == plain
            assert int(response["Content-Length"]) == len(response.content)
        # A browser that does not ask for Brotli gets gzip.
        assert Client().get(url, headers={"Accept-Encoding": "gzip"})["Content-Encoding"] == "gzip"
    answer = json.loads(decoded(Client().get("/api/v1/courses", headers=BROWSER)))
    assert [item["slug"] for item in answer["items"]] == ["hand-hygiene"]


def test_a_page_with_a_visitors_token_is_never_sent_with_brotli(course: Course) -> None:
    # Compressed whole, the token would share its compression with text members write (BREACH).
    for _visitor in range(3):
        assert Client().get(URL, headers=BROWSER)["Content-Encoding"] == "gzip"


def test_a_signed_in_page_is_compressed_as_before(course: Course) -> None:
    learner = Client()
    learner.force_login(UserFactory.create())
    response = learner.get(URL, headers=BROWSER)
    assert response["Content-Encoding"] == "gzip"
    assert "Lesson 1.1" in gzip.decompress(response.content).decode()


def test_a_page_changed_after_the_view_is_compressed_as_it_is_sent() -> None:
    text = "<p>" + "kept for everybody " * 50 + "</p>"
    response = HttpResponse(text)
    compression.kept(response, text)
    response.content = b"<p>changed on its way out</p>" * 20
    middleware = CompressionMiddleware(lambda request: response)
    sent = middleware(RequestFactory().get("/", headers=BROWSER))
    assert isinstance(sent, HttpResponse)
    assert gzip.decompress(sent.content) == b"<p>changed on its way out</p>" * 20
    assert gzipped(Kept(text), b"anything else") is None


def test_a_visitor_part_longer_than_one_stored_block_decodes() -> None:
    fill = "x" * 70_000 + "é"
    page = Kept("<p>before</p>SLOT<p>between</p>SLOT<p>after</p>", "SLOT", fill)
    content = page.text.replace("SLOT", fill).encode()
    body = gzipped(page, content, max_random_bytes=100)
    assert body is not None and gzip.decompress(body) == content


def test_each_worker_keeps_a_bounded_amount() -> None:
    kept = compression._Compressed(limit=64 * 1024)
    pages = [Kept(f"<p>page {number}</p>" + "text " * 3000) for number in range(10)]
    for page in pages:
        kept.pieces(page)
    assert kept._size <= 64 * 1024
    # The most recent are the ones kept; one asked again is made again the same.
    assert (pages[-1].text, "", 0) in kept._entries and (pages[0].text, "", 0) not in kept._entries
    again = kept.pieces(pages[0])
    assert zlib.decompress(b"".join(again.deflated), -zlib.MAX_WBITS) == pages[0].text.encode()
