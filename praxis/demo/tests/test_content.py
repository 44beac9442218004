"""The demo content itself: every course outline is well formed and the numbers add up."""

from decimal import Decimal

import pytest

from praxis.demo.content import THEMES
from praxis.demo.content.organisations import PARTNERS
from praxis.demo.content.people import PEOPLE
from praxis.demo.content.topics import TOPICS
from praxis.demo.outline import CourseText, OutlineError, Theme, parse_outline

UN_LANGUAGES = {"ar", "zh-hans", "en", "fr", "ru", "es"}
COURSES = [(theme, language, text) for theme in THEMES for language, text in theme.courses.items()]
PUBLISHED = [(theme, language, text) for theme, language, text in COURSES if not theme.draft]


@pytest.mark.parametrize(
    ("theme", "language", "text"), PUBLISHED, ids=[f"{t.key}-{lang}" for t, lang, _ in PUBLISHED]
)
def test_every_published_course_has_two_to_four_modules_of_two_to_four_lessons(
    theme: Theme, language: str, text: CourseText
) -> None:
    modules = text.modules
    assert 2 <= len(modules) <= 4
    for module in modules:
        assert module.title
        assert 2 <= len(module.lessons) <= 4
        assert all(lesson.title and lesson.body for lesson in module.lessons)
    assert 3 <= len(text.objectives) <= 5
    assert text.title and text.summary


def test_every_theme_has_the_same_outline_in_each_of_its_languages() -> None:
    for theme in THEMES:
        shapes = {
            language: [len(module.lessons) for module in text.modules]
            for language, text in theme.courses.items()
        }
        assert len(set(map(tuple, shapes.values()))) == 1, (theme.key, shapes)


def test_published_themes_cover_all_six_languages_with_one_theme_in_all_six() -> None:
    published = [theme for theme in THEMES if not theme.draft]
    assert {lang for theme in published for lang in theme.courses} == UN_LANGUAGES
    assert any(set(theme.courses) == UN_LANGUAGES for theme in published)
    assert sum(len(theme.courses) for theme in published) >= 40


def test_cpd_credits_are_one_per_hour_in_half_steps() -> None:
    for theme in THEMES:
        assert theme.cpd_credits == theme.hours
        assert (theme.cpd_credits * 2) % 1 == 0
    assert THEMES[0].cpd_credits == Decimal("2")


def test_videos_always_come_with_a_transcript() -> None:
    videos = [
        lesson.video
        for _theme, _language, text in COURSES
        for module in text.modules
        for lesson in module.lessons
        if lesson.video
    ]
    assert len(videos) >= 6
    assert all(video.url.startswith("https://") and video.transcript for video in videos)


def test_themes_topics_and_partners_refer_to_defined_ones() -> None:
    partner_slugs = {partner.slug for partner in PARTNERS}
    for theme in THEMES:
        assert set(theme.topics) <= set(TOPICS)
        assert set(theme.organisations) <= partner_slugs
        assert 1 <= len(theme.organisations) <= 3
    assert all(set(names) == UN_LANGUAGES for names in TOPICS.values())


def test_learner_journeys_name_demo_courses() -> None:
    slugs = {theme.slug(language) for theme in THEMES for language in theme.courses}
    for person in PEOPLE:
        assert {step.course for step in person.journey} <= slugs


def test_lesson_sections_become_the_lessons_own_top_headings() -> None:
    (module,) = parse_outline("# Module\n## Lesson\nText.\n### Part\nMore.")
    assert module.lessons[0].body == "Text.\n# Part\nMore."


@pytest.mark.parametrize(
    ("outline", "problem"),
    [
        ("", "has no module"),
        ("Text before any module", "text outside a lesson"),
        ("## Lesson first\nText", "comes before any module"),
        ("# Module without lessons", "has no lessons"),
        ("# Module\n## Empty lesson\n", "has no text"),
        ("# M\n## L\nText\n::: video https://v.example/1\nTranscript", "not closed"),
        ("# M\n## L\nText\n::: video https://v.example/1\n:::", "needs its transcript"),
    ],
)
def test_malformed_outline_is_refused_with_the_reason(outline: str, problem: str) -> None:
    with pytest.raises(OutlineError, match=problem):
        parse_outline(outline)
