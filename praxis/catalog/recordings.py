"""A lesson's recordings: the video, a low-resolution copy and the sound alone, each a link or a
file kept by Praxis, with caption tracks in several languages.

Uploaded files are recognised by their first bytes, never by their name or the type the browser
claims, and served back only as the type found. Praxis does not transcode: the authors supply
the low-resolution and audio-only copies (see the README).

Stored on a lesson (and on a draft lesson) as JSON:
`recordings` = {kind: {"url": ...} or {"file": name, "type": mime, "size": bytes}}
`captions` = [{"language", "vtt", "text"}], "text" being the transcript made of the captions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode, PayloadTooLarge, ValidationFailed
from praxis.core.languages import autonym, canonical_tag, languages_match

VIDEO, LOW, AUDIO = "video", "low", "audio"
KINDS: dict[str, Promise] = {
    VIDEO: _("Video"),
    LOW: _("Low resolution"),
    AUDIO: _("Audio only"),
}
VIDEO_TYPES = {"video/mp4", "video/webm", "video/ogg"}
AUDIO_TYPES = {"audio/mp4", "audio/mpeg", "audio/ogg", "audio/webm"}
EXTENSIONS = {
    "video/mp4": "mp4",
    "video/webm": "webm",
    "video/ogg": "ogv",
    "audio/mp4": "m4a",
    "audio/mpeg": "mp3",
    "audio/ogg": "oga",
    "audio/webm": "weba",
}
SNIFF_BYTES = 16


def sniff(head: bytes, kind: str) -> str | None:
    """The media type that a file starting with `head` is, as a recording of `kind`; None if it
    is not a video (or, for the audio-only copy, a sound) file that browsers play."""
    audio = kind == AUDIO
    found: str | None = None
    if head[:4] == b"\x1a\x45\xdf\xa3":
        found = "audio/webm" if audio else "video/webm"
    elif head[4:8] == b"ftyp":
        found = "audio/mp4" if audio or head[8:12] == b"M4A " else "video/mp4"
    elif head[:4] == b"OggS":
        found = "audio/ogg" if audio else "video/ogg"
    elif head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        found = "audio/mpeg"
    allowed = AUDIO_TYPES if audio else VIDEO_TYPES
    return found if found in allowed else None


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValidationFailed(
            ErrorCode.INVALID_INPUT,
            _("Choose the video, its low-resolution copy or the audio only."),
            fields={"kind": [_("Choose video, low or audio.")]},
        )


def check_link(url: Any) -> str:
    """A recording's web address: http(s), at most 500 characters."""
    link = url.strip() if isinstance(url, str) else ""
    parts = urlsplit(link)
    if not link or len(link) > 500 or parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValidationFailed(
            ErrorCode.INVALID_INPUT,
            _("Give the recording's full web address, starting with https://."),
            fields={"url": [_("Give the full web address, starting with https://.")]},
        )
    return link


def check_upload(uploaded: Any, kind: str) -> str:
    """The media type of an uploaded recording; refuses an empty, oversized or unknown file."""
    size = int(getattr(uploaded, "size", 0) or 0)
    limit = settings.LESSON_RECORDING_MAX_BYTES
    if size > limit:
        raise PayloadTooLarge(
            ErrorCode.FILE_TOO_LARGE,
            _("A recording can be at most %(limit)s.") % {"limit": filesizeformat(limit)},
            fields={"file": [_("This file is too large.")]},
        )
    head = b""
    if size > 0:
        uploaded.seek(0)
        head = uploaded.read(SNIFF_BYTES)
        uploaded.seek(0)
    found = sniff(head, kind)
    if found is None:
        message = (
            _("The audio-only copy must be an MP3, M4A, Ogg or WebM sound file.")
            if kind == AUDIO
            else _("A video must be an MP4, WebM or Ogg file.")
        )
        raise ValidationFailed(ErrorCode.NOT_A_RECORDING, message, fields={"file": [message]})
    return found


def player_sources(recordings: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The recordings served by Praxis itself, which the page's player may play."""
    return {kind: item for kind, item in recordings.items() if item.get("file")}


def caption_choices(captions: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Each caption track's language (its canonical tag) and the language's name in itself, for
    the player and the transcript."""
    return [
        {"language": canonical_tag(str(track["language"])), "name": autonym(str(track["language"]))}
        for track in captions
    ]


@dataclass(frozen=True)
class Choice:
    kind: str
    label: str
    url: str
    elsewhere: bool  # a link to another site, opened there rather than played here
    chosen: bool


@dataclass(frozen=True)
class Player:
    """What the lesson page shows: the recording played here (if Praxis keeps one), the other
    choices, the caption tracks and the transcripts in every language."""

    element: str  # "video", "audio", or "" when nothing is kept here to play
    src: str
    media_type: str
    size: int  # bytes of the file played here, 0 when not known
    choices: list[Choice]
    tracks: list[dict[str, str]]
    transcripts: list[dict[str, str]]


def player(
    recordings: dict[str, Any],
    captions: list[dict[str, Any]],
    wanted: str,
    *,
    file_url: Callable[[str], str],
    captions_url: Callable[[str], str],
    choice_url: Callable[[str], str],
    preferred: str = "",
) -> Player | None:
    """The player for a lesson's recordings, playing `wanted` when Praxis keeps that one (else
    the first it keeps of video, low resolution, audio); None without any recording. Captions
    and transcripts in the `preferred` language come first, and that track is on by default."""
    if not recordings:
        return None
    kept = [kind for kind in KINDS if recordings.get(kind, {}).get("file")]
    playing = wanted if wanted in kept else (kept[0] if kept else "")
    choices = []
    for kind, label in KINDS.items():
        item = recordings.get(kind)
        if not item:
            continue
        elsewhere = not item.get("file")
        url = str(item.get("url", "")) if elsewhere else choice_url(kind)
        choices.append(Choice(kind, str(label), url, elsewhere, kind == playing))
    ordered = sorted(
        captions,
        key=lambda track: not (preferred and languages_match(preferred, str(track["language"]))),
    )
    names = {track["language"]: track["name"] for track in caption_choices(ordered)}
    return Player(
        element=("audio" if playing == AUDIO else "video") if playing else "",
        src=file_url(playing) if playing else "",
        media_type=str(recordings[playing]["type"]) if playing else "",
        size=int(recordings[playing].get("size") or 0) if playing else 0,
        choices=choices,
        tracks=[
            {"language": code, "name": name, "url": captions_url(code)}
            for code, name in names.items()
        ],
        transcripts=[
            {"language": code, "name": names[code], "text": track["text"]}
            for track in ordered
            for code in [canonical_tag(str(track["language"]))]
        ],
    )
