"""WebVTT caption tracks: read strictly, kept whole, and their words kept as a transcript.

A small strict reader of the WebVTT file format (https://www.w3.org/TR/webvtt1/): the
libraries on PyPI read leniently (a cue with a malformed time is dropped without a word), and an
author needs to know which line is wrong. What is checked: UTF-8 text, the "WEBVTT" signature,
each cue's times (hh:mm:ss.ttt or mm:ss.ttt), an end after the start, cues in time order,
and at least one cue with words. Notes, styles and regions are allowed and skipped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode, PayloadTooLarge, ValidationFailed
from praxis.core.patterns import client_pattern

MAX_CAPTION_BYTES = 512 * 1024
MAX_TRACKS = 12
TIMESTAMP = client_pattern(r"^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
SIGNATURE = client_pattern(r"^WEBVTT(?:[ \t].*)?$")
ARROW = "-->"


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


def _refuse(code: ErrorCode, message: str | Promise) -> ValidationFailed:
    return ValidationFailed(code, message, fields={"captions": [message]})


def _seconds(stamp: str, line_number: int) -> float:
    found = TIMESTAMP.match(stamp)
    if found is None:
        raise _refuse(
            ErrorCode.CAPTIONS_BAD_TIME,
            _("Line %(line)d: a cue time is written hh:mm:ss.ttt or mm:ss.ttt.")
            % {"line": line_number},
        )
    hours, minutes, seconds, millis = found.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _timing(line: str, line_number: int) -> tuple[float, float]:
    start_text, _arrow, rest = line.partition(ARROW)
    end_text = rest.strip().split(maxsplit=1)[0] if rest.strip() else ""
    start, end = _seconds(start_text.strip(), line_number), _seconds(end_text, line_number)
    if end <= start:
        raise _refuse(
            ErrorCode.CAPTIONS_BAD_TIME,
            _("Line %(line)d: a cue must end after it starts.") % {"line": line_number},
        )
    return start, end


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """The blocks after the header, each with the number of its first line (from 1)."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for index, line in enumerate(lines):
        if line.strip() == "":
            if current:
                blocks.append((first, current))
                current = []
            continue
        if not current:
            first = index + 1
        current.append(line)
    if current:
        blocks.append((first, current))
    return blocks


def parse(data: bytes) -> list[Cue]:
    """The cues of a WebVTT file; raises ValidationFailed (FILE_TOO_LARGE, CAPTIONS_NOT_WEBVTT,
    CAPTIONS_BAD_TIME, CAPTIONS_EMPTY) naming the line at fault."""
    if len(data) > MAX_CAPTION_BYTES:
        raise PayloadTooLarge(
            ErrorCode.FILE_TOO_LARGE,
            _("A caption file can be at most 512 KB."),
            fields={"captions": [_("This file is too large.")]},
        )
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise _refuse(
            ErrorCode.CAPTIONS_NOT_WEBVTT, _("A caption file must be WebVTT text in UTF-8.")
        ) from error
    if "\x00" in text:
        raise _refuse(
            ErrorCode.CAPTIONS_NOT_WEBVTT, _("A caption file must be WebVTT text in UTF-8.")
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not SIGNATURE.match(lines[0]):
        raise _refuse(
            ErrorCode.CAPTIONS_NOT_WEBVTT,
            _('A WebVTT file starts with the line "WEBVTT". Is this a SubRip (.srt) file?'),
        )
    blocks = _blocks(lines)
    # The header's own lines (after WEBVTT, up to the first blank line) are not cues.
    if blocks and blocks[0][0] == 1:
        blocks = blocks[1:]
    cues: list[Cue] = []
    for first, block in blocks:
        head = block[0].split(maxsplit=1)[0] if block[0].strip() else ""
        if head in {"NOTE", "STYLE", "REGION"} and ARROW not in block[0]:
            continue
        timing_at = 0 if ARROW in block[0] else 1
        if timing_at >= len(block) or ARROW not in block[timing_at]:
            raise _refuse(
                ErrorCode.CAPTIONS_BAD_TIME,
                _('Line %(line)d: a cue needs a line of times such as "00:01.000 --> 00:04.000".')
                % {"line": first},
            )
        start, end = _timing(block[timing_at], first + timing_at)
        if cues and start < cues[-1].start:
            raise _refuse(
                ErrorCode.CAPTIONS_BAD_TIME,
                _("Line %(line)d: cues must be in the order of their start times.")
                % {"line": first + timing_at},
            )
        words = " ".join(
            html.unescape(strip_tags(line)).strip() for line in block[timing_at + 1 :]
        ).strip()
        cues.append(Cue(start, end, words))
    if not any(cue.text for cue in cues):
        raise _refuse(ErrorCode.CAPTIONS_EMPTY, _("This caption file has no captions in it."))
    return cues


def transcript(cues: list[Cue]) -> str:
    """The words of the captions as running text, a paragraph where the speech pauses."""
    paragraphs: list[list[str]] = [[]]
    previous_end: float | None = None
    for cue in cues:
        if not cue.text:
            continue
        if previous_end is not None and cue.start - previous_end >= 2:
            paragraphs.append([])
        paragraphs[-1].append(cue.text)
        previous_end = cue.end
    return "\n\n".join(" ".join(words) for words in paragraphs if words)
