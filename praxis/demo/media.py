"""Demo pictures, recordings and lesson discussions: every published course gets a small
generated image (kept in a few widths, described in its language); the hand-hygiene lessons that
link a video get low-resolution and audio-only links and caption tracks in every language the
course is written in, made from the transcripts of its translations; the Arabic course's first
lesson has a discussion; and the outbreak course in review has its topics, licence,
prerequisites, image and a captioned video set in co-creation."""

from __future__ import annotations

import io
from collections import Counter

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from praxis.accounts.models import User
from praxis.authoring.models import Draft
from praxis.authoring.services import media as draft_media
from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Lesson
from praxis.community.services import lessons as lesson_discussions
from praxis.demo.content import THEMES
from praxis.demo.outline import Video

# One colour pair per theme, in the order of THEMES.
COLOURS = (
    ("#0b6e4f", "#a7e8bd"),
    ("#1d3557", "#a8dadc"),
    ("#9d0208", "#ffba08"),
    ("#5a189a", "#e0aaff"),
    ("#bc4749", "#f2e8cf"),
    ("#264653", "#e9c46a"),
    ("#3a0ca3", "#4cc9f0"),
    ("#2b2d42", "#edf2f4"),
    ("#606c38", "#fefae0"),
)
ALT = {
    "en": "Abstract pattern in the colours of the course",
    "fr": "Motif abstrait aux couleurs du cours",
    "es": "Motivo abstracto con los colores del curso",
    "ru": "Абстрактный узор в цветах курса",
    "ar": "نقش تجريدي بألوان الدورة",
    "zh-hans": "课程配色的抽象图案",
}
CAPTIONED_THEME = "hand-hygiene"
SECONDS_PER_CUE = 4
DISCUSSED = (
    "hand-hygiene-ar",
    "amina@praxis.example",
    "هل يكفي المطهر الكحولي إذا كانت اليدان متسختين بشكل واضح؟",
)


def picture(index: int) -> ContentFile[bytes]:
    """A 960 × 480 picture of overlapping circles in the theme's colours, as PNG."""
    dark, light = COLOURS[index % len(COLOURS)]
    image = Image.new("RGB", (960, 480), dark)
    draw = ImageDraw.Draw(image)
    for step in range(6):
        radius = 60 + 40 * step
        centre = (160 + 130 * step + 25 * index, 240 + (-1) ** step * 60)
        box = (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius)
        draw.ellipse(box, outline=light, width=10)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="demo.png")


def webvtt(transcript: str) -> bytes:
    """The transcript as WebVTT captions: a cue per sentence, four seconds each."""
    sentences = [
        part.strip() for part in transcript.replace("。", ". ").split(". ") if part.strip()
    ]
    lines = ["WEBVTT", ""]
    for number, sentence in enumerate(sentences):
        start, end = number * SECONDS_PER_CUE, (number + 1) * SECONDS_PER_CUE
        ending = "" if sentence.endswith((".", "!", "?", "。", "؟")) else "."
        lines += [f"{_stamp(start)} --> {_stamp(end)}", sentence + ending, ""]
    return "\n".join(lines).encode()


def _stamp(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000"


@transaction.atomic
def _course_images() -> int:
    made = 0
    for index, theme in enumerate(THEMES):
        stored: dict[str, object] | None = None
        for language in theme.courses:
            course = Course.objects.filter(slug=theme.slug(language)).first()
            if course is None or course.image:
                continue
            alt = ALT.get(language, ALT["en"])
            if stored is None:
                course = catalog.set_course_image(course, picture(index), alt)
                stored = dict(course.image)
            else:  # the same files, described in this course's language
                Course.objects.filter(pk=course.pk).update(image={**stored, "alt": alt})
            made += 1
    return made


def _videos(theme_key: str) -> dict[int, dict[str, Video]]:
    """The videos of a theme's lessons, by the lesson's place in the course, per language."""
    theme = next(theme for theme in THEMES if theme.key == theme_key)
    found: dict[int, dict[str, Video]] = {}
    for language, text in theme.courses.items():
        lessons = [lesson for module in text.modules for lesson in module.lessons]
        for place, lesson in enumerate(lessons):
            if lesson.video is not None:
                found.setdefault(place, {})[language] = lesson.video
    return found


@transaction.atomic
def _captioned_videos() -> int:
    made = 0
    theme = next(theme for theme in THEMES if theme.key == CAPTIONED_THEME)
    for place, videos in _videos(CAPTIONED_THEME).items():
        captions = {language: webvtt(video.transcript) for language, video in videos.items()}
        for language, video in videos.items():
            lessons = list(
                Lesson.objects.filter(module__course__slug=theme.slug(language), archived=False)
                .select_related("module__course")
                .order_by("module__position", "position", "id")
            )
            if place >= len(lessons) or lessons[place].captions:
                continue
            catalog.set_lesson_media(
                lessons[place],
                links={
                    "video": video.url,
                    "low": f"{video.url}/360p",
                    "audio": f"{video.url}/audio",
                },
                captions=captions,
            )
            made += 1
    return made


@transaction.atomic
def _lesson_discussion() -> int:
    slug, email, body = DISCUSSED
    lesson = (
        Lesson.objects.filter(module__course__slug=slug, archived=False)
        .select_related("module__course")
        .order_by("module__position", "position", "id")
        .first()
    )
    person = User.objects.filter(email=email).first()
    if lesson is None or person is None or lesson_discussions.lesson_thread(lesson):
        return 0
    lesson_discussions.post_about_lesson(person, lesson, body)
    return 1


def dress_draft_in_review(draft: Draft, author: User) -> None:
    """Topics, licence, prerequisites, an image and a captioned video link for the outbreak
    course, set in co-creation before it goes to review."""
    lesson = draft.modules.get().lessons.order_by("position").first()
    if lesson is not None:
        video = "https://video.praxis-demo.example/outbreaks/en/is-it-an-outbreak"
        draft_media.set_recording(lesson, author, "video", url=video)
        draft_media.set_captions(
            lesson,
            author,
            "en",
            ContentFile(
                webvtt(
                    "A district nurse counts measles cases on a wall chart. "
                    "Fourteen cases this month, when two are usual. "
                    "She calls the laboratory to confirm the diagnosis first"
                ),
                name="captions.vtt",
            ),
        )
    draft_media.set_image(draft, author, picture(6), ALT["en"])


def load_media() -> Counter[str]:
    """Create whatever demo pictures, captions and lesson discussions are missing."""
    created: Counter[str] = Counter()
    created["course images"] += _course_images()
    created["captioned videos"] += _captioned_videos()
    created["lesson discussions"] += _lesson_discussion()
    return created
