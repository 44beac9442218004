"""A SCORM 1.2 and a SCORM 2004 package, written here, imported by an author in the browser,
published, and played by a learner: statuses and scores reach the server and the learner's
record, a reload resumes at the bookmark, and the package's pages come from another origin."""

import io

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import eventually, other_origin, sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.authoring import services
from praxis.authoring.tests.conftest import Team, approve
from praxis.catalog.models import Lesson, LessonProgress
from praxis.catalog.services import enrol
from praxis.lrs.models import Statement
from praxis.lrs.vocabulary import VERB_COMPLETED, VERB_PASSED
from praxis.packages.models import Attempt
from praxis.packages.tests import crafting
from praxis.packages.tests.player import sco_frame

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("package_origin"),
]


def _import(page: Page, team: Team, content: bytes, name: str) -> None:
    module = team.draft.modules.get()
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    page.set_input_files(
        f"#id_package_{module.key}",
        {"name": name, "mimeType": "application/zip", "buffer": content},
    )
    page.get_by_role("button", name="Import the package").click()
    expect(page.get_by_text("Package imported")).to_be_visible()


def test_author_imports_scorm_packages_and_a_learner_completes_them(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    sign_in(page, live_server, team.author)
    _import(page, team, crafting.scorm_12(), "hand-hygiene.zip")
    expect(page.get_by_role("cell", name="The five moments")).to_be_visible()
    expect(page.get_by_role("cell", name="80 %")).to_be_visible()
    _import(page, team, crafting.scorm_2004(), "triage.zip")
    expect(page.get_by_text("SCORM 2004 (2004 4th Edition)")).to_be_visible()
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    course = team.draft.course
    assert course is not None
    hygiene = Lesson.objects.get(package__kind="scorm12")
    triage = Lesson.objects.get(package__kind="scorm2004")
    assert triage.package is not None

    learner = UserFactory.create(full_name="Fatima Diallo")
    enrol(learner, course)
    page.context.clear_cookies()
    sign_in(page, live_server, learner)

    # SCORM 1.2: the bookmark is saved, a reload resumes there, passing completes the lesson.
    page.goto(f"/courses/{course.slug}/lessons/{hygiene.uuid}/")
    frame_url = page.locator("iframe.package-frame").get_attribute("src") or ""
    assert frame_url.startswith(other_origin(live_server.url) + "/packages/play/")
    assert not frame_url.startswith(live_server.url)
    expect(sco_frame(page).get_by_text("first visit")).to_be_visible()
    eventually(lambda: Attempt.objects.filter(learner=learner, location="page-3").exists())
    # Leaving the page while the SCO is open sends one last commit.
    page.goto("about:blank")
    eventually(lambda: Attempt.objects.filter(learner=learner, sequence=2).exists())
    page.goto(f"/courses/{course.slug}/lessons/{hygiene.uuid}/")
    expect(sco_frame(page).get_by_text("resumed at page-3")).to_be_visible()
    sco_frame(page).get_by_role("button", name="Finish").click()
    expect(sco_frame(page).get_by_text("finished")).to_be_visible()
    eventually(
        lambda: LessonProgress.objects.filter(
            learner=learner, lesson=hygiene, completed_at__isnull=False
        ).exists()
    )
    attempt = Attempt.objects.get(learner=learner, package=hygiene.package)
    assert (attempt.success_status, attempt.completion_status) == ("passed", "completed")
    assert (attempt.score_raw, attempt.score_scaled) == (90, 0.9)
    assert attempt.suspend_data == "answers=ab"
    passed = Statement.objects.get(verb_id=VERB_PASSED, actor_key__contains=str(learner.uuid))
    assert passed.data["result"]["score"] == {"scaled": 0.9, "raw": 90}

    # SCORM 2004: two SCOs, "continue" leads from the first to the second, "exit" leaves.
    page.goto(f"/courses/{course.slug}/lessons/{triage.uuid}/")
    expect(sco_frame(page).get_by_role("heading", name="one")).to_be_visible()
    eventually(lambda: Attempt.objects.filter(learner=learner, location="one-slide-2").exists())
    page.goto("about:blank")
    eventually(lambda: Attempt.objects.filter(sco="part-1", sequence=2).exists())
    page.goto(f"/courses/{course.slug}/lessons/{triage.uuid}/")
    expect(sco_frame(page).get_by_text("resumed at one-slide-2")).to_be_visible()
    sco_frame(page).get_by_role("button", name="Finish").click()
    expect(sco_frame(page).get_by_role("heading", name="two")).to_be_visible()
    sco_frame(page).get_by_role("button", name="Finish").click()
    player = page.frame_locator("iframe.package-frame")
    expect(player.get_by_text("You have left this part of the package")).to_be_visible()
    eventually(
        lambda: LessonProgress.objects.filter(
            learner=learner, lesson=triage, completed_at__isnull=False
        ).exists()
    )
    scos = Attempt.objects.filter(learner=learner, package=triage.package).order_by("sco")
    assert [(a.sco, a.success_status, a.score_scaled) for a in scos] == [
        ("part-1", "passed", 0.85),
        ("part-2", "passed", 0.85),
    ]
    assert (
        Statement.objects.filter(
            verb_id=VERB_COMPLETED, activity_id__contains=str(triage.package.uuid)
        ).count()
        == 2
    )


def test_package_pages_read_in_arabic_on_a_phone(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    module = team.draft.modules.get()
    upload = crafting.scorm_12()
    lesson = services.add_package_lesson(
        module, team.author, io.BytesIO(upload), size=len(upload), name="hand-hygiene.zip"
    )
    sign_in(page, live_server, team.author, language="ar")
    page.goto(f"/authoring/drafts/{team.draft.uuid}/lessons/{lesson.key}/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_text("The five moments")).to_be_visible()
    expect(page.locator("#pk-package")).to_be_attached()
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    assert team.draft.course is not None
    learner = UserFactory.create()
    enrol(learner, team.draft.course)
    page.context.clear_cookies()
    sign_in(page, live_server, learner, language="ar")
    page.goto(f"/courses/{team.draft.course.slug}/lessons/{lesson.key}/")
    expect(sco_frame(page).get_by_text("first visit")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_a_score_reported_without_a_judgement_is_judged_against_the_mastery_score(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    """A SCORM 1.2 SCO that reports a score and leaves lesson_status at "incomplete", as some
    authoring tools' tests do, is launched for credit; when it finishes, the score is judged
    against the manifest's mastery score (80): 70 fails, a later 85 passes and completes the
    lesson."""
    sign_in(page, live_server, team.author)
    _import(page, team, crafting.scorm_12_scored(), "hand-hygiene-test.zip")
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    course = team.draft.course
    assert course is not None
    lesson = Lesson.objects.get(package__kind="scorm12")
    learner = UserFactory.create(full_name="Fatima Diallo")
    enrol(learner, course)
    page.context.clear_cookies()
    sign_in(page, live_server, learner)

    for score, status in (("70", "failed"), ("85", "passed")):
        page.goto(f"/courses/{course.slug}/lessons/{lesson.uuid}/")
        expect(sco_frame(page).get_by_text("credit: credit")).to_be_visible()
        sco_frame(page).get_by_label("Score").fill(score)
        sco_frame(page).get_by_role("button", name="Finish").click()
        expect(sco_frame(page).get_by_text("finished")).to_be_visible()
        judged = Attempt.objects.filter(learner=learner, success_status=status)
        eventually(judged.exists)
    attempt = Attempt.objects.get(learner=learner, package=lesson.package)
    assert (attempt.success_status, attempt.completion_status) == ("passed", "completed")
    assert (attempt.score_raw, attempt.score_scaled) == (85, 0.85)
    eventually(
        lambda: LessonProgress.objects.filter(
            learner=learner, lesson=lesson, completed_at__isnull=False
        ).exists()
    )
    passed = Statement.objects.get(verb_id=VERB_PASSED, actor_key__contains=str(learner.uuid))
    assert passed.data["result"]["score"] == {"scaled": 0.85, "raw": 85}
