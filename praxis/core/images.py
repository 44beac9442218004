"""Uploaded pictures: recognised by Pillow (never by name), decoded and encoded afresh, so that
nothing but the picture (no appended HTML, no metadata) is ever kept or served.

Partner logos keep one copy; course and lesson images are kept in a few widths, as WebP and
as JPEG, for `srcset`. Stored images are served under their own names with the type their
extension says (`content_type`), never sniffed by the browser.
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from praxis.core.errors import ErrorCode, PayloadTooLarge, ValidationFailed

FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}


def identify(
    uploaded: Any,
    *,
    field: str,
    max_bytes: int,
    too_large: str | Promise,
    invalid: str | Promise,
) -> tuple[str, int, int]:
    """The format, width and height of an uploaded PNG, JPEG, WebP or GIF image of at most
    `max_bytes`; raises FILE_TOO_LARGE or INVALID_IMAGE (with the given messages) otherwise."""
    size = int(getattr(uploaded, "size", 0) or 0)
    if size > max_bytes:
        raise PayloadTooLarge(
            ErrorCode.FILE_TOO_LARGE, too_large, fields={field: [_("This file is too large.")]}
        )
    refused = ValidationFailed(
        ErrorCode.INVALID_IMAGE, invalid, fields={field: [_("This is not an image we can show.")]}
    )
    if size <= 0:
        raise refused
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image.verify()
            image_format, (width, height) = image.format, image.size
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as error:
        raise refused from error
    finally:
        uploaded.seek(0)
    if image_format not in FORMATS:
        raise refused
    return str(image_format), width, height


def decode(uploaded: Any, *, field: str, invalid: str | Promise) -> Image.Image:
    """The picture alone, upright (EXIF orientation applied), in RGB or RGBA."""
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as opened:
            opened.load()
            picture = ImageOps.exif_transpose(opened)
            has_alpha = picture.mode in {"RGBA", "LA", "PA"} or "transparency" in picture.info
            return picture.convert("RGBA" if has_alpha else "RGB")
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationFailed(
            ErrorCode.INVALID_IMAGE,
            invalid,
            fields={field: [_("This is not an image we can show.")]},
        ) from error
    finally:
        uploaded.seek(0)


def widths_for(picture: Image.Image, widths: tuple[int, ...]) -> list[int]:
    """The widths to keep: those no wider than the picture, and its own width when it is
    narrower than the widest (a 300-pixel picture is kept at 160 and 300, not shrunk to 160)."""
    kept = [width for width in widths if width <= picture.width]
    if picture.width < widths[-1] and picture.width not in kept:
        kept.append(picture.width)
    return kept


def encode_width(picture: Image.Image, width: int) -> dict[str, bytes]:
    """The picture scaled to `width` pixels, as WebP and as JPEG (on white, which has no alpha)."""
    height = max(1, round(picture.height * width / picture.width))
    scaled = picture.resize((width, height), Image.Resampling.LANCZOS)
    flat = scaled
    if scaled.mode == "RGBA":
        flat = Image.new("RGB", scaled.size, "white")
        flat.paste(scaled, mask=scaled.getchannel("A"))
    webp, jpeg = io.BytesIO(), io.BytesIO()
    scaled.save(webp, "WEBP", quality=72, method=4)
    flat.save(jpeg, "JPEG", quality=75, optimize=True, progressive=True)
    return {"webp": webp.getvalue(), "jpg": jpeg.getvalue()}


def content_type(name: str) -> str | None:
    """The type a stored image is served as, from its own extension; None for anything else."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return CONTENT_TYPES.get(extension)
