"""Lesson content: sanitised Markdown, video links with transcripts, files, and edits that
never lose anyone's progress."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services
from praxis.catalog.content import render_markdown
from praxis.catalog.models import Course, Enrolment, Lesson, LessonFile
from praxis.catalog.queries import course_progress
from praxis.catalog.tests.factories import LessonFactory, ModuleFactory, course_with_lessons
from praxis.core.errors import ErrorCode, PayloadTooLarge, ValidationFailed

pytestmark = pytest.mark.django_db


def test_markdown_becomes_html() -> None:
    html = render_markdown("Clean your hands **before** touching a patient.\n\n- soap\n- water")
    assert "<strong>before</strong>" in html
    assert "<ul>" in html and "<li>soap</li>" in html


def test_tables_and_code_survive() -> None:
    html = render_markdown("| Moment | When |\n|---|---|\n| 1 | Before |\n\n```\nwash()\n```")
    assert "<table>" in html and "<td>Before</td>" in html
    assert "<pre><code>wash()" in html


def test_script_style_and_event_handlers_are_removed() -> None:
    html = render_markdown(
        "<script>alert(1)</script><style>p{}</style>"
        '<p onclick="alert(2)" style="color:red">Text</p><iframe src="https://x.example"></iframe>'
    )
    assert "alert" not in html and "<style" not in html and "p{}" not in html
    assert "onclick" not in html and "style=" not in html and "iframe" not in html
    assert "Text" in html


def test_javascript_links_are_removed() -> None:
    html = render_markdown("[click](javascript:alert(1)) <a href='data:text/html,x'>d</a>")
    assert "javascript:" not in html and "data:" not in html


def test_links_get_noopener_nofollow() -> None:
    html = render_markdown("[WHO](https://www.who.int/)")
    assert 'href="https://www.who.int/"' in html
    assert 'rel="noopener nofollow"' in html


def test_images_from_other_hosts_become_links() -> None:
    html = render_markdown("![Hand rub steps](https://cdn.example.org/steps.png)")
    assert "<img" not in html
    assert (
        '<a href="https://cdn.example.org/steps.png" rel="noopener nofollow">Hand rub steps</a>'
        in (html)
    )


def test_raw_html_images_from_other_hosts_lose_their_source() -> None:
    html = render_markdown('<img src="//tracker.example.net/pixel.gif" alt="pixel">')
    assert "tracker.example.net" not in html


def test_images_on_this_site_are_kept(settings: SettingsWrapper) -> None:
    html = render_markdown(f"![Poster](/media/poster.png) ![Logo]({settings.SITE_URL}/logo.png)")
    assert '<img alt="Poster" src="/media/poster.png">' in html
    assert f'src="{settings.SITE_URL}/logo.png"' in html


def test_headings_are_demoted_below_the_page_title() -> None:
    html = render_markdown("# Why\n\n## How")
    assert "<h1" not in html
    assert "<h2>Why</h2>" in html and "<h3>How</h3>" in html


def test_save_lesson_body_stores_the_sanitised_html() -> None:
    lesson = LessonFactory.create()
    services.save_lesson_body(lesson, "**Gloves** are no substitute <script>x()</script>")
    lesson.refresh_from_db()
    assert lesson.body.startswith("**Gloves**")
    assert lesson.body_html == "<p><strong>Gloves</strong> are no substitute </p>"


def test_a_video_link_needs_a_transcript() -> None:
    lesson = LessonFactory.create()
    with pytest.raises(ValidationFailed) as refused:
        services.set_lesson_video(lesson, "https://video.example.org/handrub", "   ")
    assert "transcript" in refused.value.fields
    lesson.refresh_from_db()
    assert lesson.video_url == ""


def test_a_video_link_must_be_a_web_address() -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.set_lesson_video(LessonFactory.create(), "javascript:alert(1)", "Transcript")
    assert "video_url" in refused.value.fields


def test_a_video_with_a_transcript_is_saved_and_can_be_removed() -> None:
    lesson = services.set_lesson_video(
        LessonFactory.create(), "https://video.example.org/handrub", "Wet hands, apply soap."
    )
    assert lesson.video_url == "https://video.example.org/handrub"
    services.set_lesson_video(lesson, "", "")
    lesson.refresh_from_db()
    assert lesson.video_url == "" and lesson.transcript == ""


def test_the_database_refuses_a_video_without_transcript() -> None:
    with pytest.raises(IntegrityError):
        LessonFactory.create(video_url="https://video.example.org/x", transcript="")


def test_a_file_is_attached_with_its_size() -> None:
    upload = SimpleUploadedFile("poster.pdf", b"%PDF-1.4 " + b"x" * 100)
    attachment = services.add_lesson_file(LessonFactory.create(), "Poster", upload)
    assert attachment.size == 109 and attachment.title == "Poster"
    with attachment.file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF")


def test_a_file_without_a_title_is_named_after_the_file() -> None:
    attachment = services.add_lesson_file(
        LessonFactory.create(), " ", ContentFile(b"x", name="steps.pdf")
    )
    assert attachment.title == "steps.pdf"


def test_a_file_over_the_limit_is_refused_with_file_too_large(settings: SettingsWrapper) -> None:
    settings.LESSON_FILE_MAX_BYTES = 1000
    with pytest.raises(PayloadTooLarge) as refused:
        services.add_lesson_file(
            LessonFactory.create(), "Big", SimpleUploadedFile("big.pdf", b"x" * 1001)
        )
    assert refused.value.code == ErrorCode.FILE_TOO_LARGE and refused.value.status == 413
    assert not LessonFile.objects.exists()


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationFailed):
        services.add_lesson_file(
            LessonFactory.create(), "Empty", SimpleUploadedFile("empty.pdf", b"")
        )


# Content edits never lose progress


@pytest.fixture
def learner() -> User:
    return UserFactory.create()


def lessons_of(course: Course) -> list[Lesson]:
    return list(Lesson.objects.filter(module__course=course, archived=False))


def test_archiving_a_lesson_keeps_progress_and_leaves_it_out_of_the_percent(learner: User) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=4)
    services.enrol(learner, course)
    first, second, third, _fourth = lessons_of(course)
    services.complete_lesson(learner, first)
    services.complete_lesson(learner, second)
    services.archive_lesson(second)

    _enrolment, progress = course_progress(learner, learner, course)
    assert (progress.completed, progress.total, progress.percent) == (1, 3, 33)
    assert progress.resume == third
    assert Lesson.objects.filter(pk=second.pk).exists()
    assert second.progress.get(learner=learner).completed_at is not None


def test_editing_a_lesson_keeps_its_progress(learner: User) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=2)
    services.enrol(learner, course)
    lesson = lessons_of(course)[0]
    services.complete_lesson(learner, lesson)
    services.save_lesson_body(lesson, "A rewritten lesson.")
    _enrolment, progress = course_progress(learner, learner, course)
    assert progress.completed == 1


def test_moving_a_lesson_to_another_module_keeps_its_progress(learner: User) -> None:
    course = course_with_lessons(modules=2, lessons_per_module=1)
    services.enrol(learner, course)
    lesson = lessons_of(course)[0]
    services.complete_lesson(learner, lesson)
    lesson.module = ModuleFactory.create(course=course, position=9)
    lesson.save()
    _enrolment, progress = course_progress(learner, learner, course)
    assert progress.completed == 1 and progress.total == 2


def test_a_completed_enrolment_stays_completed_when_a_lesson_is_added(learner: User) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=2)
    enrolment = services.enrol(learner, course)
    for lesson in lessons_of(course):
        services.complete_lesson(learner, lesson)
    added = LessonFactory.create(module=course.modules.first(), position=99)

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    _enrolment, progress = course_progress(learner, learner, course)
    assert progress.resume == added and progress.percent == 66
    services.complete_lesson(learner, added)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED


def test_archiving_the_only_unfinished_lesson_lets_the_next_completion_finish_the_course(
    learner: User,
) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=2)
    enrolment = services.enrol(learner, course)
    first, second = lessons_of(course)
    services.complete_lesson(learner, first)
    services.archive_lesson(second)
    services.complete_lesson(learner, first)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
