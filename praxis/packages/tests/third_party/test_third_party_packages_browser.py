"""Packages made by authoring tools, from public repositories (see
praxis/packages/conformance/third_party.py), imported by an author through the draft's page,
published, and completed by a learner in Chromium as a learner would: reading through and
answering the questions. Their status and score must reach the learner's record: the SCO's or
AU's state on the server, the lesson completed, the xAPI statements in the LRS.

Collected only by `make packages-conformance`, which fetches the packages first (they are
others' work and not part of Praxis)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import FrameLocator, Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import eventually, other_origin, sign_in
from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.authoring import services
from praxis.authoring.checklist import ensure_default_checklist
from praxis.authoring.models import Draft
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.factories import member
from praxis.catalog.models import Lesson, LessonProgress
from praxis.catalog.services import enrol
from praxis.lrs.models import Statement
from praxis.lrs.vocabulary import VERB_COMPLETED, VERB_PASSED, VERB_SCORED
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory
from praxis.packages.conformance.third_party import SOURCES, Source, folder
from praxis.packages.models import Attempt, Package

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("package_origin"),
]


@dataclass(frozen=True)
class Expected:
    """What the learner's record holds once the package is done."""

    kind: str
    completion: str
    success: str  # "" where the package has no test
    score_scaled: float | None = None
    score_raw: float | None = None


def _team() -> Team:
    ensure_default_checklist()
    organisation = OrganisationFactory.create(name="Kumasi College of Nursing")
    author = member(organisation, Role.AUTHOR, user__full_name="Akosua Boateng")
    reviewer = member(OrganisationFactory.create(), Role.REVIEWER, user__full_name="Ravi Menon")
    draft: Draft = services.start_draft(
        author, organisation, title="Content from partners", language="en"
    )
    return Team(organisation, author, author, reviewer, StaffFactory.create(), draft, [])


def _import_and_publish(page: Page, live_server: LiveServer, source: Source) -> Lesson:
    """The author uploads the zip on the draft's page; the draft is reviewed and published."""
    path = folder() / source.zip_name
    assert path.exists(), f"{path} is missing: run `make packages-conformance`"
    team = _team()
    sign_in(page, live_server, team.author)
    module = team.draft.modules.get()
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    page.set_input_files(f"#id_package_{module.key}", str(path))
    page.get_by_role("button", name="Import the package").click()
    expect(page.get_by_text("Package imported")).to_be_visible(timeout=60_000)
    approve(team)
    services.publish(team.draft, team.staff)
    page.context.clear_cookies()
    return Lesson.objects.get(package__isnull=False)


def _learner(page: Page, live_server: LiveServer, lesson: Lesson) -> User:
    learner = UserFactory.create(full_name="Esi Mensah")
    enrol(learner, lesson.module.course)
    sign_in(page, live_server, learner)
    page.goto(f"/courses/{lesson.module.course.slug}/lessons/{lesson.uuid}/")
    src = page.locator("iframe.package-frame").get_attribute("src") or ""
    assert src.startswith(other_origin(live_server.url) + "/packages/play/")
    return learner


def _player(page: Page) -> FrameLocator:
    return page.frame_locator("iframe.package-frame")


def _sco(page: Page) -> FrameLocator:
    return _player(page).frame_locator("#content")


def play_golf(page: Page) -> Expected:
    """Fifteen pages behind the SCO's own Next button, the last a test of fifteen questions;
    the learner gets one wrong (14 of 15: 93 %, the manifest's passing measure being 0.8) and
    leaves with the SCO's Exit button."""
    sco = _sco(page)
    for _ in range(14):
        sco.locator("#butNext").click()
    test = sco.frame_locator("#contentFrame")
    expect(test.get_by_role("button", name="Submit Answers")).to_be_visible()
    prefix = "#question_com\\.scorm\\.golfsamples\\.interactions\\."
    checked = [
        "playing_1_1",
        "playing_2_1",  # "birdie": wrong, an eagle is two under par
        "playing_4_True",
        "etiquette_1_2",
        "etiquette_2_True",
        "etiquette_3_0",
        "handicap_1_2",
        "fun_1_False",
        "fun_2_False",
        "fun_3_False",
    ]
    for answer in checked:
        test.locator(prefix + answer).check()
    typed = {
        "playing_3": "18",
        "playing_5": "3",
        "handicap_2": "1",
        "handicap_3": "0",
        "handicap_4": "2",
    }
    for question, value in typed.items():
        test.locator(f"{prefix}{question}_Text").fill(value)
    test.get_by_role("button", name="Submit Answers").click()
    expect(test.get_by_text("Score: 93")).to_be_visible()
    sco.locator("#butExit").click()
    expect(_player(page).get_by_text("You have left this part of the package")).to_be_visible()
    return Expected("scorm2004", "completed", "passed", 0.93, 93)


def _start_unit(page: Page) -> Page:
    """Start the cmi5 unit from the list in the lesson's frame: the package asks for a window of
    its own (launchMethod OwnWindow), which Praxis opens."""
    with page.context.expect_page() as opened:
        _player(page).get_by_role("button", name="Start").click()
    window = opened.value
    window.wait_for_load_state()
    return window


def play_storyline(page: Page) -> Expected:
    """One slide, the course complete once it is viewed (Storyline's "slides viewed: 1")."""
    window = _start_unit(page)
    expect(window.locator(".slide-container, #slide, .slide").first).to_be_visible(timeout=30_000)
    return Expected("cmi5", "completed", "passed")


def play_captivate(page: Page) -> Expected:
    """Two slides, the course complete once both are viewed (Captivate's "slides viewed: 100 %"),
    reported as SCORM 1.2's `completed` with no score: the learner starts the movie with its
    play button (the browser does not let it start by itself), moves on with "Weiter" and
    ends the course with "Kurs beenden"."""
    sco = _sco(page)
    sco.get_by_role("button", name="play").click()
    sco.get_by_role("button", name="Weiter").click()
    sco.get_by_role("button", name="Kurs beenden").click()
    return Expected("scorm12", "completed", "")


def play_ispring(page: Page) -> Expected:
    """Seventeen slides behind a menu of pictures; the presentation counts itself complete once
    its first slide is shown and reports the share of slides viewed as its score. The learner
    starts it with its launch screen's play button and sees the first slide: completed, 1 of 17
    slides viewed (5.88 of 100), no success status."""
    sco = _sco(page)
    sco.locator(".launch-screen-button").click()
    expect(sco.locator(".launch-screen")).to_be_hidden()
    return Expected("scorm12", "completed", "", 0.0588, 5.88)


def play_adapt(page: Page) -> Expected:
    """A menu of two parts: "Getting started", one text, and "Wheel of life", locked until the
    first is done, whose page asks two questions on a slider from 1 to 10. The course is
    complete once every part is (Adapt's spoor: `lesson_status` `completed`); the questions
    have no right answer and the course no assessment, so no success status and no score.
    The learner reads the text, goes back to the menu, opens "Wheel of life" and submits both
    sliders as they stand."""
    sco = _sco(page)
    sco.get_by_role("button", name="Read more").click()
    expect(sco.get_by_text("This is a text component")).to_be_visible()
    # Adapt counts a text as read once it has been in view for a moment.
    expect(sco.locator(".text.is-complete")).to_have_count(1)
    sco.get_by_role("link", name="Back").click()
    sco.get_by_role("button", name="View Wheel of life").click()  # the part's own menu
    sco.get_by_role("button", name="View Wheel of life").click()  # its page
    for question in ("How confident are you?", "Finance and resources"):
        sco.locator(".component", has_text=question).get_by_role("button", name="Submit").click()
        expect(sco.locator(".component.is-complete", has_text=question)).to_have_count(1)
    return Expected("scorm12", "completed", "")


def _lectora_page(page: Page) -> str:
    """The name of the Lectora page shown, once the page before it has gone: each page is
    loaded in a frame of its own, named after it, and the two overlap while one replaces the
    other."""
    for _ in range(150):
        shown = [frame.name for frame in page.frames if frame.name.startswith("ifr_page")]
        if len(shown) == 1:
            return shown[0]
        page.wait_for_timeout(200)
    raise AssertionError(f"no single page shown: {shown}")


def _lectora_button(page: Page, name: str, before: str) -> str:
    """Click the page's button of that name (an arrow drawn over the button, which is what
    takes the click) and wait for the next page."""
    _sco(page).locator(f"div[title={name}]").click()
    for _ in range(150):
        if before not in [frame.name for frame in page.frames]:
            return _lectora_page(page)
        page.wait_for_timeout(200)
    raise AssertionError(f"{name} did not leave {before}")


def play_lectora(page: Page) -> Expected:
    """Forty-four pages of slides, each with a narration and an arrow to the next, then a test
    of five multiple-choice questions (one a page) whose passing grade is the manifest's
    mastery score, 75 %, then a closing page and a last page whose narration ends the course.
    The learner taps the launch screen, moves on through the slides with the arrow, answers
    four questions right and one wrong (80 %), submits, sees "SCORE: 80%" and "PASSED", and
    goes on to the end. Lectora reports the score with `lesson_status` still `incomplete` and
    leaves the judgement to the LMS: the runtime, launching for credit, judges 80 against 75
    when the course finishes: completed, passed, 0.8 / 80."""
    sco = _sco(page)
    sco.get_by_role("button", name="Tap / click here to continue.").click()
    current = _lectora_page(page)
    slides: list[str] = []
    while current != "ifr_page7001":  # the test's first page
        slides.append(current)
        assert len(slides) < 60, "the test never came"
        current = _lectora_button(page, "arrow2_next", current)
    assert len(set(slides)) == 44
    answers = [
        "1924",  # the ADAA was founded in 1924
        "Dr. Alfred C. Fones",
        "Workplace safety and infection control",
        "Gloves, masks, and eyewear",
        "Sterilization",  # wrong: disinfection is what kills what remains on surfaces
    ]
    for number, answer in enumerate(answers, start=1):
        sco.get_by_label(answer, exact=True).check()
        last = number == len(answers)
        current = _lectora_button(page, "black1_ok" if last else "black1_next", current)
    expect(sco.get_by_text("SCORE: 80%")).to_be_visible()
    expect(sco.get_by_text("PASSED", exact=True)).to_be_visible()
    _lectora_button(page, "black1_ok", current)
    expect(sco.get_by_text("Thank you for taking the time")).to_be_visible()
    # The closing page's arrow leads to the last page, whose narration ends the course
    # (Lectora's exit: the score is committed and the SCO finishes).
    _lectora_button(page, "arrow2_next", "ifr_page7019")
    return Expected("scorm12", "completed", "passed", 0.8, 80)


PLAYERS: dict[str, Callable[[Page], Expected]] = {
    "golf-scorm2004": play_golf,
    "storyline-cmi5": play_storyline,
    "captivate-scorm12": play_captivate,
    "ispring-scorm12": play_ispring,
    "adapt-scorm12": play_adapt,
    "lectora-scorm12": play_lectora,
}


@pytest.mark.parametrize("source", SOURCES, ids=[source.name for source in SOURCES])
def test_a_third_party_package_is_imported_and_completed_by_a_learner(
    page: Page, live_server: LiveServer, source: Source
) -> None:
    lesson = _import_and_publish(page, live_server, source)
    package = lesson.package
    assert isinstance(package, Package)
    learner = _learner(page, live_server, lesson)

    expected = PLAYERS[source.name](page)

    assert package.kind == expected.kind
    eventually(
        lambda: LessonProgress.objects.filter(
            learner=learner, lesson=lesson, completed_at__isnull=False
        ).exists(),
        seconds=20,
    )
    attempts = list(Attempt.objects.filter(learner=learner, package=package))
    assert attempts
    done = [a for a in attempts if a.completion_status == expected.completion]
    assert [(a.success_status, a.score_scaled, a.score_raw) for a in done] == [
        (expected.success, expected.score_scaled, expected.score_raw)
    ]
    said = Statement.objects.filter(actor_key__contains=str(learner.uuid))
    verbs = set(said.values_list("verb_id", flat=True))
    assert VERB_COMPLETED in verbs
    # The learner closes the unit's window; what it sent as it closed is given time to be
    # answered before the database is emptied for the next test.
    for other in page.context.pages:
        if other is not page:
            other.close(run_before_unload=True)
    page.wait_for_timeout(2000)
    if expected.score_scaled is not None:
        # The score comes with the judgement, or, where there is none, with the statement that
        # completed the package or a later one that only scored it.
        scoring = [VERB_PASSED] if expected.success == "passed" else [VERB_COMPLETED, VERB_SCORED]
        scores = [
            statement.data["result"]["score"]["scaled"]
            for statement in said.filter(verb_id__in=scoring).order_by("stored")
            if "score" in statement.data.get("result", {})
        ]
        assert scores[-1:] == [expected.score_scaled]
