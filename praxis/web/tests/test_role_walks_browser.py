"""Each role's day in the demo ecosystem, walked in a real browser from the home page using only
what the pages offer (links, the header's menu, forms), never typing an address after the home
page: a learner, an author, a reviewer, academy staff, an event organiser, a community moderator
and a research officer.

Every role is walked on a 360 px phone and on a desktop, each in English and in Arabic: 28
walks. At each step the walk checks what the person sees (their work list, the item, the result
of their action), that the page is in the walk's language, that it does not scroll sideways on
the phone, and that axe-core finds no WCAG 2.1 A/AA violation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import accessibility_violations
from conftest import sideways
from praxis.accounts.models import User
from praxis.demo.content.people import PASSWORD
from praxis.demo.partners import IN_REVIEW_TITLE
from praxis.demo.research import PROJECT_TITLE
from praxis.demo.security import current_demo_code
from praxis.events import queries as event_queries
from praxis.events.models import Event, Registration
from praxis.events.tickets import ticket_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 360, "height": 740}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}

LEARNER = "grace@praxis.example"
AUTHOR = "sofia@praxis.example"
REVIEWER = "amina@praxis.example"
STAFF = "staff@praxis.example"  # also the demo's organiser, moderator and research officer


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


@dataclass
class Walk:
    """One person's walk: the browser page, the walk's language and screen, and what the checks
    found on the way (gathered, so that one run lists every page's problems)."""

    page: Page
    language: str
    viewport: ViewportSize
    problems: list[str] = field(default_factory=list)
    steps: int = 0

    @property
    def on_phone(self) -> bool:
        return self.viewport["width"] < 400

    def t(self, message: str) -> str:
        return in_language(self.language, message)

    def check(self, step: str, *, any_language: bool = False) -> None:
        """The page as loaded: its language, no sideways scroll on a phone, no axe violation.
        Logging in switches to the person's own language: those pages may be in any."""
        self.steps += 1
        page = self.page
        page.wait_for_load_state()
        where = f"{step} ({page.url.split('/', 3)[-1] or '/'})"
        lang = page.locator("html").get_attribute("lang")
        assert any_language or lang == self.language, (
            f"{where}: the page is in {lang}, not {self.language}"
        )
        if self.on_phone:
            overflow = sideways(page)
            if overflow > 0:
                self.problems.append(f"{where}: scrolls sideways by {overflow} px")
        self.problems.extend(f"{where}: {line}" for line in accessibility_violations(page))

    def follow(self, link: Locator, step: str) -> None:
        assert link.is_visible(), f"{step}: the link to follow is not visible"
        with self.page.expect_navigation():
            link.click()
        self.check(step)

    def submit(self, button: Locator, step: str, *, any_language: bool = False) -> None:
        with self.page.expect_navigation():
            button.click()
        self.check(step, any_language=any_language)

    def menu(self) -> Locator:
        menu = self.page.locator("details.menu")
        if menu.get_attribute("open") is None:
            menu.locator("summary").click()
        return menu.locator(".menu-panel")

    def menu_link(self, label: str, step: str) -> None:
        """Open the header's menu and follow the link whose words begin with `label`."""
        link = self.menu().locator("a", has_text=re.compile("^" + re.escape(self.t(label))))
        self.follow(link.first, step)

    def header_link(self, label: str, step: str) -> None:
        """A link of the header's own row (on a phone some live in the menu instead)."""
        header = self.page.locator(".site-header")
        link = header.locator(f"a:has-text('{self.t(label)}')").first
        if not link.is_visible():
            link = self.menu().locator(f"a:has-text('{self.t(label)}')").first
        self.follow(link, step)

    def choose_language(self) -> None:
        if self.page.locator("html").get_attribute("lang") == self.language:
            return
        self.menu()
        with self.page.expect_navigation():
            self.page.select_option("#language-select", self.language)
        self.check("language chosen")

    def see(self, text: str, within: str = "main") -> Locator:
        found = self.page.locator(within).get_by_text(text, exact=False).first
        assert found.is_visible(), f"{self.page.url}: “{text}” is not visible in {within}"
        return found

    def heading(self) -> str:
        return self.page.locator("main h1").first.inner_text().strip()

    def message(self, text: str) -> None:
        """The confirmation a form leaves at the top of the next page."""
        status = self.page.locator("main [role=status]")
        assert text in status.inner_text(), f"{self.page.url}: no “{text}” in the messages"

    def log_in(self, email: str) -> None:
        """From the home page: the menu's "Log in", the password, the second factor for staff,
        the terms at a first sign-in; then the walk's language."""
        self.menu_link("Log in", "login page")
        self.page.fill("input[name=username], input[name=email]", email)
        self.page.fill("input[name=password]", PASSWORD)
        self.submit(
            self.page.locator("main form button[type=submit]").first, "logged in", any_language=True
        )
        if self.page.locator("input[name=code]").count():
            self.page.fill("input[name=code]", current_demo_code())
            self.submit(
                self.page.locator("main form button[type=submit]").first,
                "second factor",
                any_language=True,
            )
        if self.page.locator(
            "form[action$='/accounts/legal-acceptance/'] input[type=checkbox]"
        ).count():
            for box in self.page.locator("main form input[type=checkbox]").all():
                box.check()
            self.submit(
                self.page.locator("main form button[type=submit]").first, "terms", any_language=True
            )
        self.choose_language()
        assert self.page.locator(".site-header a[href$='/notifications/']").count() == 1


@pytest.fixture
def walker(
    chromium: Browser, live_server: LiveServer, demo_ecosystem: None
) -> Iterator[Callable[[str, ViewportSize], Walk]]:
    contexts = []

    def start(language: str, viewport: ViewportSize) -> Walk:
        context = chromium.new_context(base_url=live_server.url, viewport=viewport, locale="en-GB")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/")  # the only address typed
        walk = Walk(page, language, viewport)
        walk.choose_language()
        walk.check("home")
        return walk

    yield start
    for context in contexts:
        context.close()


# The days


def learner_day(walk: Walk) -> None:
    walk.log_in(LEARNER)
    assert walk.heading() == walk.t("My learning"), "a learner starts at their learning"
    walk.follow(walk.page.locator(".site-header a.brand"), "home, signed in")
    assert walk.heading().startswith(walk.t("Welcome back, %(name)s").split("%")[0].strip())
    walk.see(walk.t("Continue learning"))
    course = walk.page.locator("section[aria-labelledby=continue-title] h3 a").first
    title = course.inner_text().strip()
    resume = walk.page.locator("section[aria-labelledby=continue-title] a.button").first
    walk.follow(resume, "resume a course")
    lesson = walk.heading()
    assert lesson, "the lesson has a title"
    walk.submit(walk.page.locator("main form[action$='/completion/'] button"), "lesson done")
    assert walk.heading() != lesson, "completing a lesson goes on to the next"
    walk.header_link("My learning", "my learning")
    in_progress = walk.page.locator("section[aria-labelledby=in-progress-title]")
    expect(in_progress.get_by_text(title).first).to_be_visible()
    walk.header_link("Notifications", "notification centre")
    assert walk.heading() == walk.t("Notifications")
    walk.menu_link("CPD record", "CPD record")
    walk.menu_link("My events", "my events")
    walk.menu_link("My competencies", "my competencies")
    walk.menu_link("My credentials", "my credentials")
    walk.follow(walk.page.locator("main a", has_text=walk.t("Share link")).first, "a credential")
    walk.see(walk.t("Valid"), "main .verdict")


def author_day(walk: Walk) -> None:
    walk.log_in(AUTHOR)
    walk.menu_link("My drafts", "co-creation")
    drafts = walk.page.locator("section[aria-labelledby=drafts-heading]")
    draft = drafts.locator("a", has_text="Hand hygiene").first
    walk.follow(draft, "the draft")
    walk.see(walk.t("Quality review"))
    walk.submit(
        walk.page.get_by_role("button", name=walk.t("Submit for review")), "submitted for review"
    )
    walk.message(walk.t("Submitted for review."))
    walk.see(walk.t("In review"))
    walk.header_link("Notifications", "notification centre")
    walk.menu_link("My organisations", "my organisations")
    walk.follow(walk.page.locator("main a", has_text=walk.t("Manage")).first, "manage members")


def reviewer_day(walk: Walk) -> None:
    walk.log_in(REVIEWER)
    # The demo assigned the review to her: the header counts the notice.
    assert walk.page.locator(".notifications-link .count").is_visible()
    walk.menu_link("Review queue", "review queue")
    queue = walk.page.locator("section[aria-labelledby=reviews-heading]")
    walk.follow(queue.locator("a", has_text=IN_REVIEW_TITLE), "the draft to review")
    walk.page.fill("main textarea[name=comment]", "Add the line list as a table, please.")
    walk.submit(
        walk.page.get_by_role("button", name=walk.t("Ask for changes")), "changes requested"
    )
    walk.message(walk.t("Your review is recorded."))
    walk.header_link("Notifications", "notification centre")
    walk.see(IN_REVIEW_TITLE)
    walk.menu_link("My account", "my account")
    walk.follow(walk.page.locator("main a", has_text=walk.t("Sessions and tokens")), "sessions")
    walk.follow(walk.page.locator("main a", has_text=walk.t("My account")).first, "my account")
    walk.follow(walk.page.locator("main a", has_text=walk.t("Security activity")), "activity")


def staff_day(walk: Walk) -> None:
    walk.log_in(STAFF)
    walk.menu_link("Review assignments", "review queue")
    assert walk.heading() == walk.t("Review queue")
    row = walk.page.locator("main tbody tr", has_text=IN_REVIEW_TITLE)
    walk.see(walk.t("Waiting for the reviewer"), "main tbody")
    walk.follow(row.locator("a", has_text=IN_REVIEW_TITLE), "the draft waiting")
    reviewers = walk.page.locator("select[name=reviewer] option").all_inner_texts()
    other = next(name for name in reviewers if name.strip() != "Amina Haddad")
    walk.page.select_option("select[name=reviewer]", label=other)
    walk.submit(walk.page.get_by_role("button", name=walk.t("Assign")), "reviewer assigned")
    walk.message(walk.t("Reviewer assigned."))
    walk.see(other.strip(), "section[aria-labelledby=review-heading]")
    walk.menu_link("Design system", "design system")


def organiser_day(walk: Walk) -> None:
    # The first event the organiser runs opens its doors within the hour.
    staff = User.objects.get(email=STAFF)
    event = event_queries.events_to_run(staff)[0]
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() + timedelta(minutes=30),
        ends_at=timezone.now() + timedelta(hours=3),
    )
    registration = Registration.objects.filter(
        event=event, status=Registration.Status.CONFIRMED
    ).first()
    assert registration is not None, "the demo registers people for each event"
    assert event in event_queries.events_to_run(staff), "its check-in is offered in the menu"
    walk.log_in(STAFF)
    # Other events may open their doors sooner: the link of this one, by its title.
    link = walk.menu().locator("a", has_text=re.compile("^" + re.escape(walk.t("Check-in"))))
    walk.follow(link.filter(has_text=event.title).first, "check-in")
    assert walk.heading() == walk.t("Check-in")
    walk.see(event.title)
    walk.page.fill("main input[name=code]", ticket_code(registration))
    walk.submit(walk.page.get_by_role("button", name=walk.t("Check in")), "checked in")
    walk.see(registration.person.full_name, "main [role=status]")
    walk.follow(walk.page.locator("main a", has_text=event.title).first, "the event")
    walk.follow(
        walk.page.locator("main a", has_text=walk.t("Programme and timetable")), "timetable"
    )


def moderator_day(walk: Walk) -> None:
    walk.log_in(STAFF)
    walk.menu_link("Moderation queue", "moderation queue")
    held = walk.page.locator("section[aria-labelledby=held-title] article").first
    assert held.is_visible(), "the newcomer's first post waits for a moderator"
    author = held.get_attribute("aria-label") or ""
    walk.submit(held.get_by_role("button", name=walk.t("Approve")), "post approved")
    walk.message(walk.t("Done. The action is logged and shown to the member."))
    log = walk.page.locator("section[aria-labelledby=log-title]")
    expect(log.get_by_text(author).first).to_be_visible()
    walk.follow(walk.page.locator("main > p a").first, "the community")
    walk.follow(walk.page.locator("main a[href*='/community/t/']").first, "a thread")


def research_officer_day(walk: Walk) -> None:
    walk.log_in(STAFF)
    walk.menu_link("Research requests", "research requests")
    walk.follow(walk.page.locator("main a", has_text=PROJECT_TITLE), "the project")
    walk.page.select_option("main select[name=status]", "under_review")
    walk.page.fill("main textarea[name=note]", "Renew the ethics approval first.")
    walk.submit(
        walk.page.get_by_role("button", name=walk.t("Record the decision")), "decision recorded"
    )
    walk.message(walk.t("The decision is recorded."))
    walk.see("Renew the ethics approval first.")
    walk.menu_link("Analytics", "analytics")
    walk.menu_link("Experiments", "experiments")
    walk.follow(walk.page.locator("main table a").first, "an experiment")


DAYS: dict[str, Callable[[Walk], None]] = {
    "learner": learner_day,
    "author": author_day,
    "reviewer": reviewer_day,
    "staff": staff_day,
    "organiser": organiser_day,
    "moderator": moderator_day,
    "research officer": research_officer_day,
}

# Each role on both screens in both languages. A walk costs some ten to fifteen seconds (the
# demo is loaded once per worker and copied into each walk's database), so the whole matrix
# stays within a few minutes on two workers.
WALKS = [
    pytest.param(role, screen, language, id=f"{role}-{screen}-{language}")
    for role in DAYS
    for screen in ("phone", "desktop")
    for language in ("en", "ar")
]


@pytest.mark.parametrize(("role", "screen", "language"), WALKS)
def test_each_role_walks_its_day_from_the_home_page(
    walker: Callable[[str, ViewportSize], Walk], role: str, screen: str, language: str
) -> None:
    walk = walker(language, PHONE if screen == "phone" else DESKTOP)
    DAYS[role](walk)
    assert walk.steps >= 5
    assert not walk.problems, "\n".join(walk.problems)
