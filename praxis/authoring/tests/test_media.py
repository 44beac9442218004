"""Video, captions and the course image in co-creation, carried to the published course: what
the author may attach, what is refused (and changes nothing), and what learners then see."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.tests.factories import UserFactory
from praxis.authoring import services
from praxis.authoring.models import DraftLesson
from praxis.authoring.services import media
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.factories import member
from praxis.catalog import recordings, search
from praxis.catalog.content import render_markdown
from praxis.catalog.models import Course, Lesson, Topic
from praxis.catalog.services import enrol
from praxis.core.errors import ErrorCode, PermissionDenied, PraxisError
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
ENGLISH = (
    "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nWash your hands with <b>soap</b>.\n\n"
    "00:00:05.000 --> 00:00:08.000 align:start\nRub for twenty seconds &amp; rinse.\n"
)
ARABIC = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nاغسل يديك بالصابون.\n"


def _vtt(text: str, name: str = "captions.vtt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/vtt")


def _video(content: bytes = MP4_HEAD, name: str = "lesson.mp4") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="video/mp4")


def _picture(width: int = 1200, height: int = 600, fmt: str = "PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, fmt)
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


# Recordings


def test_author_uploads_a_video_recognised_by_its_bytes(team: Team) -> None:
    lesson = media.set_recording(team.lessons[0], team.author, "video", upload=_video())
    item = lesson.recordings["video"]
    assert item["type"] == "video/mp4" and item["file"].endswith(".mp4")


def test_a_web_page_named_like_a_video_is_refused_and_changes_nothing(team: Team) -> None:
    page = _video(b"<!doctype html><script>alert(1)</script>", name="film.mp4")
    with pytest.raises(PraxisError) as refused:
        media.set_recording(team.lessons[0], team.author, "video", upload=page)
    assert refused.value.code == ErrorCode.NOT_A_RECORDING
    assert DraftLesson.objects.get(pk=team.lessons[0].pk).recordings == {}


def test_an_empty_or_oversized_recording_is_refused(team: Team, settings: SettingsWrapper) -> None:
    with pytest.raises(PraxisError) as empty:
        media.set_recording(team.lessons[0], team.author, "video", upload=_video(b""))
    assert empty.value.code == ErrorCode.NOT_A_RECORDING
    settings.LESSON_RECORDING_MAX_BYTES = 10
    with pytest.raises(PraxisError) as huge:
        media.set_recording(team.lessons[0], team.author, "video", upload=_video())
    assert huge.value.code == ErrorCode.FILE_TOO_LARGE


def test_the_audio_copy_must_be_sound(team: Team) -> None:
    sound = media.set_recording(
        team.lessons[0], team.author, "audio", upload=_video(b"ID3\x04" + b"\x00" * 40, "a.mp3")
    )
    assert sound.recordings["audio"]["type"] == "audio/mpeg"
    with pytest.raises(PraxisError):
        media.set_recording(
            team.lessons[0], team.author, "low", upload=_video(b"ID3\x04" + b"\x00" * 40)
        )


@pytest.mark.parametrize("url", ["", "javascript:alert(1)", "ftp://x.org/v.mp4", 42, "x" * 600])
def test_a_recording_link_must_be_a_web_address(team: Team, url: object) -> None:
    with pytest.raises(PraxisError) as refused:
        media.set_recording(team.lessons[0], team.author, "low", url=url)
    assert "url" in refused.value.fields


def test_an_unknown_kind_of_recording_is_refused(team: Team) -> None:
    with pytest.raises(PraxisError) as refused:
        media.set_recording(team.lessons[0], team.author, "hd", url="https://v.example.org/1")
    assert "kind" in refused.value.fields


def test_member_of_another_organisation_cannot_attach_recordings(team: Team) -> None:
    outsider = member(OrganisationFactory.create(), Role.AUTHOR)
    with pytest.raises(PermissionDenied):
        media.set_recording(team.lessons[0], outsider, "video", url="https://v.example.org/1")
    with pytest.raises(PermissionDenied):
        media.set_captions(team.lessons[0], outsider, "en", _vtt(ENGLISH))


# Captions


def test_captions_become_the_lessons_transcript_in_their_language(team: Team) -> None:
    lesson = media.set_captions(team.lessons[0], team.author, "en", _vtt(ENGLISH))
    lesson = media.set_captions(lesson, team.author, "ar", _vtt(ARABIC))
    assert [track["language"] for track in lesson.captions] == ["ar", "en"]
    english = next(track for track in lesson.captions if track["language"] == "en")
    assert english["text"] == "Wash your hands with soap. Rub for twenty seconds & rinse."
    replaced = media.set_captions(lesson, team.author, "en", _vtt(ENGLISH.replace("soap", "ash")))
    assert len(replaced.captions) == 2
    assert "ash" in next(t for t in replaced.captions if t["language"] == "en")["text"]


def test_captions_may_be_in_any_language_and_are_named_in_it(team: Team) -> None:
    pashto = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nخپل لاسونه په صابون ومينځئ.\n"
    lesson = media.set_captions(team.lessons[0], team.author, "ps", _vtt(pashto))
    lesson = media.set_captions(
        lesson, team.author, "zh-hans", _vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n洗手\n")
    )
    lesson = media.set_captions(
        lesson, team.author, "zh-Hans", _vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n用肥皂洗手\n")
    )

    assert [track["language"] for track in lesson.captions] == ["ps", "zh-Hans"]
    assert recordings.caption_choices(lesson.captions) == [
        {"language": "ps", "name": "پښتو"},
        {"language": "zh-Hans", "name": "中文（简体）"},
    ]
    lesson = media.remove_captions(lesson, team.author, "ZH-hans")
    assert [track["language"] for track in lesson.captions] == ["ps"]


def test_captions_in_a_language_the_registry_does_not_know_are_refused(team: Team) -> None:
    for language, code in (
        ("xx", ErrorCode.UNKNOWN_LANGUAGE),
        ("", ErrorCode.INVALID_LANGUAGE_TAG),
    ):
        with pytest.raises(PraxisError) as refused:
            media.set_captions(team.lessons[0], team.author, language, _vtt(ENGLISH))
        assert (refused.value.code, list(refused.value.fields)) == (code, ["language"])
    assert DraftLesson.objects.get(pk=team.lessons[0].pk).captions == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1\n00:00:01,000 --> 00:00:04,000\nHello\n", ErrorCode.CAPTIONS_NOT_WEBVTT),
        ("", ErrorCode.CAPTIONS_NOT_WEBVTT),
        ("WEBVTT\n\n00:00:01 --> 00:00:04.000\nHello\n", ErrorCode.CAPTIONS_BAD_TIME),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nHello\n", ErrorCode.CAPTIONS_BAD_TIME),
        ("WEBVTT\n\nhello there\nfoo\n", ErrorCode.CAPTIONS_BAD_TIME),
        (
            "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nB\n\n00:00:01.000 --> 00:00:02.000\nA\n",
            ErrorCode.CAPTIONS_BAD_TIME,
        ),
        ("WEBVTT\n", ErrorCode.CAPTIONS_EMPTY),
        ("WEBVTT\n\nNOTE only a note\n", ErrorCode.CAPTIONS_EMPTY),
    ],
)
def test_malformed_captions_are_refused_with_their_own_code(
    team: Team, text: str, code: ErrorCode
) -> None:
    with pytest.raises(PraxisError) as refused:
        media.set_captions(team.lessons[0], team.author, "en", _vtt(text))
    assert refused.value.code == code
    assert DraftLesson.objects.get(pk=team.lessons[0].pk).captions == []


def test_the_line_at_fault_is_named(team: Team) -> None:
    with pytest.raises(PraxisError) as refused:
        media.set_captions(
            team.lessons[0],
            team.author,
            "en",
            _vtt(
                "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nFine\n\n00:00:03.5 --> 00:00:04.000\nx\n"
            ),
        )
    assert "Line 6" in str(refused.value.message)


def test_captions_that_are_not_text_or_too_large_are_refused(team: Team) -> None:
    binary = SimpleUploadedFile("c.vtt", b"WEBVTT\n\n\xff\xfe\x00\x00")
    with pytest.raises(PraxisError) as not_text:
        media.set_captions(team.lessons[0], team.author, "en", binary)
    assert not_text.value.code == ErrorCode.CAPTIONS_NOT_WEBVTT
    huge = "WEBVTT\n\n" + "00:00:01.000 --> 00:00:02.000\n" + "word " * 120_000
    with pytest.raises(PraxisError) as too_large:
        media.set_captions(team.lessons[0], team.author, "en", _vtt(huge))
    assert too_large.value.code == ErrorCode.FILE_TOO_LARGE


def test_captions_need_a_known_language_and_a_file(team: Team) -> None:
    with pytest.raises(PraxisError) as language:
        media.set_captions(team.lessons[0], team.author, "xx", _vtt(ENGLISH))
    assert "language" in language.value.fields
    with pytest.raises(PraxisError) as no_file:
        media.set_captions(team.lessons[0], team.author, "en", None)
    assert "captions" in no_file.value.fields


def test_a_lesson_with_a_recording_and_no_captions_cannot_go_to_review(team: Team) -> None:
    media.set_recording(team.lessons[0], team.author, "video", url="https://v.example.org/1")
    with pytest.raises(PraxisError) as refused:
        services.submit_for_review(team.draft, team.author)
    assert refused.value.code == ErrorCode.CAPTIONS_REQUIRED
    assert "Recognising distress" in str(refused.value.message)


# Published


def _publish_with_video(team: Team) -> Course:
    lesson = media.set_recording(team.lessons[0], team.author, "video", upload=_video())
    lesson = media.set_recording(lesson, team.author, "low", url="https://v.example.org/low")
    media.set_captions(lesson, team.author, "en", _vtt(ENGLISH))
    media.set_captions(lesson, team.author, "ar", _vtt(ARABIC))
    approve(team)
    published = services.publish(team.draft, team.staff)
    assert published.course is not None
    return published.course


def test_the_published_lesson_plays_the_video_with_its_tracks_and_transcript(
    client: Client, team: Team
) -> None:
    course = _publish_with_video(team)
    lesson = Lesson.objects.get(uuid=team.lessons[0].key)
    learner = UserFactory.create()
    enrol(learner, course)
    client.force_login(learner)
    page = client.get(reverse("catalog:lesson", args=[course.slug, lesson.uuid])).text
    recording = reverse("catalog:lesson_recording", args=[course.slug, lesson.uuid, "video"])
    english = reverse("catalog:lesson_captions", args=[course.slug, lesson.uuid, "en"])
    assert f'src="{recording}"' in page
    assert f'<track kind="captions" src="{english}" srclang="en"' in page
    assert "Wash your hands with soap." in page
    assert 'href="https://v.example.org/low"' in page  # a link out, never played here
    played = client.get(recording)
    assert played["Content-Type"] == "video/mp4"
    assert b"".join(played).startswith(MP4_HEAD[:12])
    track = client.get(english)
    assert track["Content-Type"].startswith("text/vtt")
    assert track.text.startswith("WEBVTT")


def test_recordings_and_captions_are_for_the_courses_learners(client: Client, team: Team) -> None:
    course = _publish_with_video(team)
    lesson = Lesson.objects.get(uuid=team.lessons[0].key)
    track = reverse("catalog:lesson_captions", args=[course.slug, lesson.uuid, "en"])
    assert client.get(track).status_code == 401
    client.force_login(UserFactory.create())
    assert client.get(track).status_code == 403
    assert client.get(
        reverse("catalog:lesson_captions", args=[course.slug, lesson.uuid, "ru"])
    ).status_code in {403, 404}


def test_what_is_said_in_a_video_finds_its_course(team: Team) -> None:
    course = _publish_with_video(team)
    found = search.search(Course.objects.all(), "twenty seconds")
    assert list(found) == [course]


# Course settings and image


def test_topics_licence_and_prerequisites_set_in_co_creation_reach_the_course(
    client: Client, team: Team
) -> None:
    topic = Topic.objects.create(slug="mental-health", names={"en": "Mental health"})
    client.force_login(team.author)
    response = client.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {
            "action": "details",
            "revision": team.draft.revision,
            "title": team.draft.title,
            "summary": "First aid for the mind.",
            "objectives": "Recognise distress",
            "estimated_hours": "2",
            "cpd_credits": "1",
            "level": "introductory",
            "topics": [str(topic.pk)],
            "licence": "CC BY 4.0",
            "prerequisites": "Basic first aid\n\nListening skills",
        },
    )
    assert response.status_code == 302
    approve(team)
    course = services.publish(team.draft, team.staff).course
    assert course is not None
    assert list(course.topics.all()) == [topic]
    assert course.licence == "CC BY 4.0"
    assert course.prerequisites == ["Basic first aid", "Listening skills"]
    catalogue = client.get(reverse("catalog:catalogue") + "?topic=mental-health").text
    assert course.title in catalogue
    page = client.get(reverse("catalog:course", args=[course.slug])).text
    assert "What to know before" in page and "Listening skills" in page


def test_unknown_topics_or_an_empty_licence_change_nothing(team: Team) -> None:
    with pytest.raises(PraxisError) as refused:
        services.update_details(
            team.draft,
            team.author,
            revision=team.draft.revision,
            details=services.CourseDetails(
                title="Changed",
                summary="",
                objectives=[],
                estimated_hours="1",
                cpd_credits="0",
                level="introductory",
                topic_ids=["999999", "nonsense"],
                licence="  ",
            ),
        )
    assert set(refused.value.fields) == {"topics", "licence"}
    team.draft.refresh_from_db()
    assert team.draft.title == "Mental health first aid"


def test_the_course_image_is_kept_in_widths_as_webp_and_jpeg(client: Client, team: Team) -> None:
    draft = media.set_image(team.draft, team.author, _picture(), "Nurse talking with a patient")
    assert draft.image["widths"] == [160, 320, 640, 960] and draft.image["height"] == 480
    approve(team)
    course = services.publish(team.draft, team.staff).course
    assert course is not None
    page = client.get(reverse("catalog:course", args=[course.slug])).text
    key = course.image["key"]
    small = reverse("catalog:course_image", args=[course.slug, f"{key}-320.webp"])
    assert f"{small} 320w" in page
    assert 'alt="Nurse talking with a patient"' in page
    image = client.get(small)
    assert image["Content-Type"] == "image/webp"
    assert b"".join(image)[8:12] == b"WEBP"
    other = reverse("catalog:course_image", args=[course.slug, "elsewhere-320.webp"])
    assert client.get(other).status_code == 404
    catalogue = client.get(reverse("catalog:catalogue")).text
    assert f"{small} 320w" in catalogue


def test_a_small_image_is_kept_at_its_own_width(team: Team) -> None:
    draft = media.set_image(team.draft, team.author, _picture(120, 60), "A chart")
    assert draft.image["widths"] == [120]
    # Between two kept widths, its own is kept too: the widest copy is the picture itself.
    draft = media.set_image(team.draft, team.author, _picture(500, 250), "A chart")
    assert draft.image["widths"] == [160, 320, 500]
    assert (draft.image["width"], draft.image["height"]) == (500, 250)


@pytest.mark.parametrize("alt", ["", "   ", None, 7, "x" * 300])
def test_a_course_image_needs_a_description(team: Team, alt: object) -> None:
    with pytest.raises(PraxisError) as refused:
        media.set_image(team.draft, team.author, _picture(), alt)
    assert refused.value.code == ErrorCode.IMAGE_ALT_REQUIRED
    team.draft.refresh_from_db()
    assert team.draft.image == {}


def test_a_course_image_must_be_a_picture(team: Team) -> None:
    page = SimpleUploadedFile("photo.png", b"<html><script>alert(1)</script></html>")
    with pytest.raises(PraxisError) as refused:
        media.set_image(team.draft, team.author, page, "Photo")
    assert refused.value.code == ErrorCode.INVALID_IMAGE


def test_another_organisations_author_cannot_set_the_image(team: Team) -> None:
    outsider = member(OrganisationFactory.create(), Role.AUTHOR)
    with pytest.raises(PermissionDenied):
        media.set_image(team.draft, outsider, _picture(), "Photo")


# Pictures in a lesson's text


def test_a_picture_for_the_text_is_resized_and_shown_by_its_markdown(
    client: Client, team: Team
) -> None:
    markdown = media.add_lesson_image(
        team.lessons[0], team.author, _picture(2000, 1000), "Handrub dispenser [wall]"
    )
    assert markdown.startswith("![Handrub dispenser (wall)](/courses/lesson-images/")
    assert markdown.endswith("-960.webp)")
    url = markdown.split("(", 2)[2].rstrip(")")
    served = client.get(url)
    assert served["Content-Type"] == "image/webp"
    with Image.open(io.BytesIO(b"".join(served))) as picture:
        assert picture.size == (960, 480)
    assert client.get(url.replace(".webp", ".png")).status_code == 404
    assert client.get("/courses/lesson-images/..%2Fsecret-960.webp").status_code == 404
    html = render_markdown(markdown)
    # Its size is on it, so the page keeps its place while the file arrives.
    assert f'<img alt="Handrub dispenser (wall)" src="{url}" width="960" height="480">' in html


def test_only_a_stored_lesson_picture_is_given_a_size(team: Team) -> None:
    markdown = media.add_lesson_image(team.lessons[0], team.author, _picture(300, 400), "Gloves")
    url = markdown.split("(", 1)[1].rstrip(")")
    missing = "/courses/lesson-images/" + "0" * 32 + "-960.webp"
    html = render_markdown(
        f"{markdown}\n\n![Lost]({missing})\n\n![Logo](/static/praxis/logo.svg)\n\n"
        f'<img src="{url}" alt="As written" width="150" height="200">'
    )
    assert f'<img alt="Gloves" src="{url}" width="300" height="400">' in html
    assert f'<img alt="Lost" src="{missing}">' in html
    assert '<img alt="Logo" src="/static/praxis/logo.svg">' in html
    assert f'<img src="{url}" alt="As written" width="150" height="200">' in html


@pytest.mark.parametrize("alt", ["", None, "x" * 300])
def test_a_picture_for_the_text_needs_a_description(team: Team, alt: object) -> None:
    with pytest.raises(PraxisError) as refused:
        media.add_lesson_image(team.lessons[0], team.author, _picture(), alt)
    assert refused.value.code == ErrorCode.IMAGE_ALT_REQUIRED


def test_a_picture_for_the_text_must_be_a_picture_from_the_team(team: Team) -> None:
    page = SimpleUploadedFile("photo.png", b"GIF89a<script>alert(1)</script>")
    with pytest.raises(PraxisError) as refused:
        media.add_lesson_image(team.lessons[0], team.author, page, "Photo")
    assert refused.value.code == ErrorCode.INVALID_IMAGE
    outsider = member(OrganisationFactory.create(), Role.AUTHOR)
    with pytest.raises(PermissionDenied):
        media.add_lesson_image(team.lessons[0], outsider, _picture(), "Photo")
