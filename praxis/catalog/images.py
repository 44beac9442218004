"""Course images: kept in a few widths as WebP and JPEG, shown with `srcset` and `sizes` so that
a phone downloads the smallest that fills its screen, and always with alternative text.

A course's (or draft's) `image` is {"key", "widths", "width", "height", "alt"}; its files are
`course-images/<key>-<width>.<webp|jpg>` in the default storage, written once and never changed
(a new image has a new key), so they are cached for a year.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from praxis.core import images
from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.core.markdown import IMAGE_TAG
from praxis.core.patterns import client_pattern

FOLDER = "course-images"
# Pictures placed in a lesson's text: one width is named in its Markdown, at most 960 wide.
LESSON_FOLDER = "lesson-images"
LESSON_WIDTH = 960
STORED_NAME = client_pattern(r"^[0-9a-f]{32}-[0-9]{1,4}\.(?:webp|jpg)$")
# 160: the thumbnail on course cards; the others for the course page, phone to desktop.
WIDTHS = (160, 320, 640, 960)
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 8000
MAX_ALT = 250
INVALID = _("The picture must be a PNG, JPEG, WebP or GIF image.")


def file_name(key: str, width: int, extension: str) -> str:
    return f"{key}-{width}.{extension}"


def check_alt(alt: Any) -> str:
    """The image's alternative text: required, at most 250 characters."""
    text = " ".join(alt.split()) if isinstance(alt, str) else ""
    if not text or len(text) > MAX_ALT:
        message = _("Describe the image in a few words (at most 250 characters).")
        raise ValidationFailed(ErrorCode.IMAGE_ALT_REQUIRED, message, fields={"alt": [message]})
    return text


def store(uploaded: Any, alt: Any, *, folder: str = FOLDER) -> dict[str, Any]:
    """Check, re-encode and store an uploaded course image in every width; its description.

    Nothing is stored when the picture or its text is refused."""
    text = check_alt(alt)
    _format, width, height = images.identify(
        uploaded,
        field="image",
        max_bytes=MAX_BYTES,
        too_large=_("A picture can be at most 5 MB."),
        invalid=INVALID,
    )
    if max(width, height) > MAX_PIXELS:
        raise ValidationFailed(
            ErrorCode.INVALID_IMAGE,
            _("A picture can be at most 8000 pixels wide and high."),
            fields={"image": [_("This image is too big.")]},
        )
    picture = images.decode(uploaded, field="image", invalid=INVALID)
    key = uuid.uuid4().hex
    widths = images.widths_for(picture, WIDTHS)
    for kept in widths:
        for extension, content in images.encode_width(picture, kept).items():
            default_storage.save(
                f"{folder}/{file_name(key, kept, extension)}", ContentFile(content)
            )
    return {
        "key": key,
        "widths": widths,
        "width": widths[-1],
        "height": max(1, round(picture.height * widths[-1] / picture.width)),
        "alt": text,
    }


@dataclass(frozen=True)
class Picture:
    """What a template needs for <picture>: both srcsets, a fallback, the size and the text."""

    webp_srcset: str
    jpeg_srcset: str
    src: str
    width: int
    height: int
    alt: str


def picture(image: dict[str, Any], url_of: Any) -> Picture | None:
    """The <picture> of a stored image, its files' addresses made by `url_of(filename)`."""
    if not image.get("key") or not image.get("widths"):
        return None
    key, widths = str(image["key"]), [int(width) for width in image["widths"]]

    def srcset(extension: str) -> str:
        return ", ".join(f"{url_of(file_name(key, w, extension))} {w}w" for w in widths)

    return Picture(
        webp_srcset=srcset("webp"),
        jpeg_srcset=srcset("jpg"),
        src=url_of(file_name(key, widths[0], "jpg")),
        width=int(image.get("width") or widths[-1]),
        height=int(image.get("height") or widths[-1]),
        alt=str(image.get("alt", "")),
    )


def serve(image: dict[str, Any], filename: str) -> FileResponse:
    """A stored file of `image`, only under one of its own names and as the type it says."""
    key = str(image.get("key") or "")
    allowed = {
        file_name(key, int(w), extension)
        for w in image.get("widths") or []
        for extension in ("webp", "jpg")
    }
    content_type = images.content_type(filename)
    if not key or filename not in allowed or content_type is None:
        raise Http404
    try:
        stored = default_storage.open(f"{FOLDER}/{filename}", "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(stored, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def course_picture(slug: str, image: dict[str, Any]) -> Picture | None:
    """The <picture> of a course's image, served from the course's own address."""
    return picture(image, lambda name: reverse("catalog:course_image", args=[slug, name]))


def lesson_image_markdown(stored: dict[str, Any]) -> str:
    """The Markdown that shows a stored lesson picture (its widest copy, WebP), with its text."""
    alt = str(stored["alt"]).replace("[", "(").replace("]", ")")
    name = file_name(str(stored["key"]), int(stored["widths"][-1]), "webp")
    return f"![{alt}]({reverse('catalog:lesson_image', args=[name])})"


_SOURCE = client_pattern(r'\ssrc="([^"]*)"')


@lru_cache(maxsize=2048)
def _lesson_picture_size(filename: str) -> tuple[int, int] | None:
    """The width and height of a stored lesson picture (its files never change), or None when
    there is no such picture."""
    if not STORED_NAME.match(filename):
        return None
    try:
        with (
            default_storage.open(f"{LESSON_FOLDER}/{filename}", "rb") as stored,
            Image.open(stored) as picture,
        ):
            width, height = picture.size
    except (FileNotFoundError, UnidentifiedImageError, OSError):
        return None
    return width, height


def lesson_image_prefix() -> str:
    """The address every lesson picture's file name follows ("/courses/lesson-images/")."""
    return reverse("catalog:lesson_image", args=["x"]).removesuffix("x")


def with_picture_sizes(html: str) -> str:
    """Sanitised HTML with each lesson picture's width and height written on it, so that the
    page keeps the picture's place while its file arrives instead of moving the text below it
    (a slow connection takes seconds). Other images are left as they are."""
    prefix = lesson_image_prefix()

    def sized(match: Any) -> str:
        tag = str(match.group(0))
        source = _SOURCE.search(tag)
        if source is None or " width=" in tag or " height=" in tag:
            return tag
        address = str(source.group(1))
        size = (
            _lesson_picture_size(address.removeprefix(prefix))
            if address.startswith(prefix)
            else None
        )
        if size is None:
            return tag
        return f'{tag[:-1]} width="{size[0]}" height="{size[1]}">'

    return str(IMAGE_TAG.sub(sized, html)) if "<img" in html else html


def serve_lesson_image(filename: str) -> FileResponse:
    """A picture placed in a lesson, under its own (unguessable) name."""
    content_type = images.content_type(filename)
    if content_type is None or not STORED_NAME.match(filename):
        raise Http404
    try:
        stored = default_storage.open(f"{LESSON_FOLDER}/{filename}", "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(stored, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
