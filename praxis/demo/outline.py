"""The shape of the demo content, and the parser for a course outline written as Markdown.

A theme is one course in several languages. Each language's modules and lessons are written as one
Markdown outline, so the content files read like the courses they hold:

    # Module title
    ## Lesson title
    Lesson text in Markdown (headings inside a lesson start at ###).
    ::: video https://video.example/lesson-1
    The transcript of the video, up to the closing line.
    :::
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

LESSON_HEADING = "### "
VIDEO_OPEN = re.compile(r"^:::\s*video\s+(https://\S+)\s*$")
VIDEO_CLOSE = ":::"


class OutlineError(ValueError):
    """The outline does not follow the module/lesson/video layout."""


@dataclass(frozen=True)
class Video:
    url: str
    transcript: str


@dataclass(frozen=True)
class LessonText:
    title: str
    body: str
    video: Video | None = None


@dataclass(frozen=True)
class ModuleText:
    title: str
    lessons: tuple[LessonText, ...]


@dataclass(frozen=True)
class CourseText:
    title: str
    summary: str
    objectives: tuple[str, ...]
    outline: str

    @property
    def modules(self) -> tuple[ModuleText, ...]:
        return parse_outline(self.outline)


@dataclass(frozen=True)
class Theme:
    """One course theme, available in the languages of `courses` (language code → text)."""

    key: str
    level: str
    hours: Decimal
    topics: tuple[str, ...]
    organisations: tuple[str, ...]
    courses: dict[str, CourseText] = field(default_factory=dict)
    draft: bool = False

    @property
    def cpd_credits(self) -> Decimal:
        """One CPD credit per hour of learning, in steps of a half."""
        return Decimal(round(self.hours * 2)) / 2

    def slug(self, language: str) -> str:
        return f"{self.key}-{language}"


def _lesson(title: str, lines: list[str]) -> LessonText:
    body: list[str] = []
    video: Video | None = None
    transcript: list[str] | None = None
    url = ""
    for line in lines:
        if transcript is not None:
            if line.strip() == VIDEO_CLOSE:
                video = Video(url=url, transcript="\n".join(transcript).strip())
                transcript = None
            else:
                transcript.append(line)
        elif match := VIDEO_OPEN.match(line.strip()):
            url, transcript = match.group(1), []
        elif line.startswith(LESSON_HEADING):
            # A lesson's own sections are its top-level headings once stored on their own
            # (the lesson page demotes them below its title).
            body.append("# " + line.removeprefix(LESSON_HEADING))
        else:
            body.append(line)
    if transcript is not None:
        raise OutlineError(f"lesson {title!r}: video transcript is not closed")
    if video is not None and not video.transcript:
        raise OutlineError(f"lesson {title!r}: a video needs its transcript")
    text = "\n".join(body).strip()
    if not text:
        raise OutlineError(f"lesson {title!r} has no text")
    return LessonText(title=title, body=text, video=video)


def parse_outline(outline: str) -> tuple[ModuleText, ...]:
    """Modules (`# `) of lessons (`## `); raise OutlineError on text outside a lesson."""
    modules: list[tuple[str, list[LessonText]]] = []
    lesson_title: str | None = None
    lesson_lines: list[str] = []

    def close_lesson() -> None:
        if lesson_title is not None:
            modules[-1][1].append(_lesson(lesson_title, lesson_lines))

    for line in outline.strip().splitlines():
        if line.startswith("# "):
            close_lesson()
            lesson_title, lesson_lines = None, []
            modules.append((line[2:].strip(), []))
        elif line.startswith("## "):
            if not modules:
                raise OutlineError(f"lesson {line[3:]!r} comes before any module")
            close_lesson()
            lesson_title, lesson_lines = line[3:].strip(), []
        elif lesson_title is None:
            if line.strip():
                raise OutlineError(f"text outside a lesson: {line[:60]!r}")
        else:
            lesson_lines.append(line)
    close_lesson()
    if not modules:
        raise OutlineError("the outline has no module")
    for title, lessons in modules:
        if not lessons:
            raise OutlineError(f"module {title!r} has no lessons")
    return tuple(ModuleText(title, tuple(lessons)) for title, lessons in modules)
