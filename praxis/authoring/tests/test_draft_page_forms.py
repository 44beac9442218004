"""The draft page's forms that send a file or place something in a module, as the author sees
them: a refusal told once, beside the field of the form that was sent, keeping what was typed and
saving nothing; what was done told in the form's section, where the browser lands."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from praxis.authoring import services
from praxis.authoring.models import Draft
from praxis.authoring.services import media
from praxis.authoring.tests.conftest import Team
from praxis.authoring.tests.editor_page import (
    MESSAGES_ABOVE,
    SECTION_MESSAGES,
    marked_invalid,
    send_form,
)
from praxis.catalog import images

pytestmark = pytest.mark.django_db


def _picture() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 600), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("cover.png", buffer.getvalue(), content_type="image/png")


def _draft_page(client: Client, team: Team) -> str:
    client.force_login(team.author)
    return reverse("authoring:draft", args=[team.draft.uuid])


def _saved(team: Team) -> Draft:
    return Draft.objects.get(pk=team.draft.pk)


def test_a_file_that_is_not_a_picture_is_told_once_beside_the_image_field(
    client: Client, team: Team
) -> None:
    url = _draft_page(client, team)
    not_a_picture = SimpleUploadedFile("notimage.png", b"plain text", content_type="image/png")
    shown = send_form(client, url, "image", {"image": not_a_picture, "alt": "A ward at dawn"})
    assert shown.status == 400
    # The browser lands on the form's error summary, in the image's section.
    assert shown.landing == "error-summary" and shown.lands_in("image")
    section = shown.section("image")
    assert 'id="i-image_error">This is not an image we can show.' in section
    assert marked_invalid(section, "i-image") and not marked_invalid(section, "i-alt")
    # Once: beside the field and in the form's summary, which links to it; not above the page.
    assert shown.text.count("This is not an image we can show.") == 2
    assert "The picture must be a PNG" not in shown.text
    assert MESSAGES_ABOVE not in shown.text
    assert 'value="A ward at dawn"' in section
    assert _saved(team).image == {}


def test_a_picture_without_its_description_is_told_with_every_problem_at_once(
    client: Client, team: Team
) -> None:
    url = _draft_page(client, team)
    not_a_picture = SimpleUploadedFile("notimage.png", b"plain text", content_type="image/png")
    shown = send_form(client, url, "image", {"image": not_a_picture, "alt": ""})
    assert shown.status == 400
    section = shown.section("image")
    assert marked_invalid(section, "i-image") and marked_invalid(section, "i-alt")
    assert 'id="i-alt_error">Describe the image in a few words' in section
    assert 'id="i-image_error">This is not an image we can show.' in section
    assert _saved(team).image == {}


def test_a_picture_too_large_is_refused_with_its_limit_beside_the_field(
    client: Client, team: Team
) -> None:
    url = _draft_page(client, team)
    huge = SimpleUploadedFile("huge.png", b"\0" * (images.MAX_BYTES + 1), content_type="image/png")
    shown = send_form(client, url, "image", {"image": huge, "alt": "A poster"})
    assert shown.status == 413
    section = shown.section("image")
    assert 'id="i-image_error">A picture can be at most 5 MB.' in section
    assert marked_invalid(section, "i-image")
    assert MESSAGES_ABOVE not in shown.text
    assert _saved(team).image == {}


def test_a_saved_image_is_told_in_its_section_where_the_browser_lands(
    client: Client, team: Team
) -> None:
    url = _draft_page(client, team)
    shown = send_form(client, url, "image", {"image": _picture(), "alt": "A nurse"})
    assert shown.status == 200 and shown.landing == "image-heading"
    section = shown.section("image")
    assert SECTION_MESSAGES in section and "Image saved." in section
    assert shown.text.count("Image saved.") == 1 and MESSAGES_ABOVE not in shown.text
    assert _saved(team).image["alt"] == "A nurse"

    removed = send_form(client, url, "remove_image", {})
    assert removed.landing == "image-heading"
    assert "Image removed." in removed.section("image")
    assert _saved(team).image == {}


def test_the_description_alone_is_changed_on_a_course_with_an_image(
    client: Client, team: Team
) -> None:
    media.set_image(team.draft, team.author, _picture(), "A nurse")
    url = _draft_page(client, team)
    shown = send_form(client, url, "image", {"alt": "A nurse and a mother"})
    assert "Image description saved." in shown.section("image")
    # The description is the author's words, kept apart from the sentence it is shown in.
    assert "Described as: <bdi>A nurse and a mother</bdi>" in shown.section("image")
    assert _saved(team).image["alt"] == "A nurse and a mother"


def test_an_image_sent_once_the_draft_is_in_review_says_why_above_the_page(
    client: Client, team: Team
) -> None:
    url = _draft_page(client, team)
    page = client.get(url).text  # opened while the draft could still change
    services.submit_for_review(team.draft, team.author)
    sent = client.post(url, {"action": "image", "image": _picture(), "alt": "A nurse"})
    assert sent.status_code == 302
    shown = client.get(sent["Location"]).text
    assert "The draft is in review or approved; it can change only after changes are" in shown
    assert MESSAGES_ABOVE in shown
    assert 'value="image"' in page and 'value="image"' not in shown
    assert _saved(team).image == {}


def test_a_package_that_is_not_a_zip_is_told_beside_its_modules_field(
    client: Client, team: Team
) -> None:
    url = _draft_page(client, team)
    module = team.draft.modules.get()
    shown = send_form(
        client,
        url,
        "import_package",
        {"module": str(module.key), "package": SimpleUploadedFile("course.zip", b"nothing")},
    )
    assert 400 <= shown.status < 500
    assert shown.landing == "error-summary" and shown.lands_in("content")
    field = f"id_package_{module.key}"
    assert f'id="{field}_error">' in shown.section("content")
    assert marked_invalid(shown.text, field)
    assert MESSAGES_ABOVE not in shown.text
    assert module.lessons.count() == len(team.lessons)


def test_each_module_is_in_the_courses_language_and_direction(client: Client, team: Team) -> None:
    client.force_login(team.author)
    with_arabic = client.get(
        reverse("authoring:draft", args=[team.draft.uuid]), HTTP_ACCEPT_LANGUAGE="ar"
    )
    page = with_arabic.text
    assert '<html lang="ar" dir="rtl">' in page
    module = team.draft.modules.get()
    block = page.split('id="content-heading"', 1)[1].split(f">{module.title}</h3>", 1)[0]
    # The English module's heading and its lessons run left to right together, in an Arabic page.
    assert block.endswith('<div lang="en" dir="ltr"><h3')
    lessons = page.split(f">{module.title}</h3>", 1)[1].split("</div>", 1)[0]
    assert all(lesson.title in lessons for lesson in team.lessons)
