"""The co-creation pages: workspace, draft, lesson editor with preview and conflicts, review."""

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from praxis.authoring import services
from praxis.authoring.models import Draft, DraftLesson, Review
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.editor_page import MESSAGES_ABOVE, marked_invalid
from praxis.authoring.tests.factories import member
from praxis.catalog.models import Course
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _lesson_url(team: Team, lesson: DraftLesson) -> str:
    return reverse("authoring:lesson", args=[team.draft.uuid, lesson.key])


def test_author_starts_a_course_from_the_workspace(client: Client) -> None:
    organisation = OrganisationFactory.create()
    client.force_login(member(organisation, Role.AUTHOR))
    page = client.get(reverse("authoring:workspace"))
    assert "Start a course" in page.text
    response = client.post(
        reverse("authoring:workspace"),
        {"title": "Antimicrobial stewardship", "language": "en", "organisation": organisation.pk},
    )
    draft = Draft.objects.get()
    assert response["Location"] == reverse("authoring:draft", args=[draft.uuid])


def test_workspace_lists_only_the_drafts_of_ones_organisations(client: Client, team: Team) -> None:
    client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    assert "Mental health first aid" not in client.get(reverse("authoring:workspace")).text
    client.force_login(team.co_author)
    assert "Mental health first aid" in client.get(reverse("authoring:workspace")).text


def test_member_of_another_organisation_gets_403_on_the_draft_and_its_lessons(
    client: Client, team: Team
) -> None:
    client.force_login(member(OrganisationFactory.create(), Role.ADMIN))
    assert client.get(reverse("authoring:draft", args=[team.draft.uuid])).status_code == 403
    lesson = team.lessons[0]
    response = client.post(
        _lesson_url(team, lesson),
        {"revision": lesson.revision, "title": "x", "body": "x", "action": "save"},
    )
    assert response.status_code == 403


def test_unknown_draft_is_404(client: Client, team: Team) -> None:
    client.force_login(team.author)
    assert client.get(reverse("authoring:draft", args=["nonsense"])).status_code == 404


def test_preview_renders_markdown_on_the_server_without_saving(client: Client, team: Team) -> None:
    client.force_login(team.author)
    lesson = team.lessons[0]
    page = client.post(
        _lesson_url(team, lesson),
        {
            "revision": lesson.revision,
            "title": lesson.title,
            "body": "# Steps\n\n**Listen** <script>alert(1)</script>",
            "action": "preview",
        },
    )
    assert "<strong>Listen</strong>" in page.text
    assert "<script>alert" not in page.text
    lesson.refresh_from_db()
    assert lesson.body == "Listen first."


def test_stale_save_in_the_browser_shows_both_texts(client: Client, team: Team) -> None:
    lesson = team.lessons[0]
    opened = lesson.revision
    services.save_lesson(
        lesson, team.co_author, revision=opened, title=lesson.title, body="Brian's newer text"
    )
    client.force_login(team.author)
    page = client.post(
        _lesson_url(team, lesson),
        {"revision": opened, "title": lesson.title, "body": "Amina's text", "action": "save"},
    )
    assert page.status_code == 409
    assert "Your changes conflict with a newer save" in page.text
    assert "Brian&#x27;s newer text" in page.text and "Amina&#x27;s text" in page.text
    lesson.refresh_from_db()
    assert lesson.body == "Brian's newer text"


def test_lesson_save_with_bad_input_is_refused(client: Client, team: Team) -> None:
    client.force_login(team.author)
    lesson = team.lessons[0]
    page = client.post(
        _lesson_url(team, lesson),
        {"revision": "abc", "title": "", "body": "x", "estimated_minutes": "-3", "action": "save"},
    )
    assert page.status_code == 400
    assert "Give the lesson a title" in page.text


def test_comment_threads_on_the_lesson_page(client: Client, team: Team) -> None:
    client.force_login(team.co_author)
    lesson = team.lessons[0]
    client.post(
        reverse("authoring:comment", args=[team.draft.uuid]),
        {
            "anchor": f"lesson:{lesson.key}",
            "body": "Cite mhGAP here",
            "next": _lesson_url(team, lesson),
        },
    )
    assert "Cite mhGAP here" in client.get(_lesson_url(team, lesson)).text


def test_review_page_records_the_checklist(client: Client, team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    review = services.assign_reviewer(team.draft, team.reviewer, team.staff)
    client.force_login(team.reviewer)
    url = reverse("authoring:review", args=[team.draft.uuid])
    page = client.get(url)
    assert "Evidence base and references are current and cited" in page.text
    data = {f"item-{item.criterion_id}": "pass" for item in review.items.all()}
    client.post(url, {**data, "decision": "approved"})
    team.draft.refresh_from_db()
    assert team.draft.status == Draft.Status.APPROVED


def test_publish_from_the_draft_page_and_read_versions(client: Client, team: Team) -> None:
    approve(team)
    client.force_login(team.staff)
    client.post(
        reverse("authoring:draft", args=[team.draft.uuid]), {"action": "publish", "note": "First"}
    )
    team.draft.refresh_from_db()
    course = team.draft.course
    assert course is not None
    versions = client.get(reverse("catalog:versions", args=[course.slug]))
    assert "Version 1" in versions.text
    old = client.get(reverse("catalog:version", args=[course.slug, 1]))
    assert "Talking about suicide safely" in old.text
    assert client.get(reverse("catalog:version", args=[course.slug, 9])).status_code == 404
    history = client.get(reverse("authoring:history", args=[team.draft.uuid]))
    assert "published it" in history.text


def test_publish_without_approval_shows_the_error(client: Client, team: Team) -> None:
    client.force_login(team.staff)
    page = client.post(reverse("authoring:draft", args=[team.draft.uuid]), {"action": "publish"})
    assert page.status_code == 409
    assert "only after the quality review approves it" in page.text


def test_workspace_queries_do_not_grow_with_drafts(
    client: Client, team: Team, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    for n in range(3):
        services.start_draft(team.author, team.organisation, title=f"Course {n}", language="fr")
    client.force_login(team.author)
    with django_assert_num_queries(10):
        page = client.get(reverse("authoring:workspace"))
    assert "Course 2" in page.text


def test_malformed_identifiers_are_404_not_errors(client: Client, team: Team) -> None:
    client.force_login(team.author)
    draft_url = reverse("authoring:draft", args=[team.draft.uuid])
    response = client.post(draft_url, {"action": "add_lesson", "module": "nonsense", "title": "T"})
    assert response.status_code == 404
    response = client.post(
        reverse("authoring:comment", args=[team.draft.uuid]), {"parent": "abc", "body": "Hi"}
    )
    assert response.status_code == 404
    assert client.post(draft_url, {"action": "unknown"}).status_code == 400


def _translate_offered(page: str, course: Course) -> bool:
    """Whether the page offers to translate `course`: a box for any language tag."""
    return f'id="id_language_{course.pk}" list="id_language_{course.pk}-suggestions"' in page


def test_translate_into_takes_any_language_but_one_already_translated(
    client: Client, team: Team
) -> None:
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    english = team.draft.course
    assert english is not None
    french_draft = services.start_translation(
        english, team.author, language="fr", organisation=team.organisation
    )
    team.draft = french_draft
    approve(team)
    services.publish(french_draft, team.staff)
    french_draft.refresh_from_db()
    french = french_draft.course
    assert french is not None
    services.start_translation(english, team.author, language="es", organisation=team.organisation)
    client.force_login(team.author)
    page = client.get(reverse("authoring:workspace")).text
    assert _translate_offered(page, english) and _translate_offered(page, french)
    assert f'<datalist id="id_language_{english.pk}-suggestions">' in page
    assert '<option value="bn">' in page
    extend = reverse("authoring:extend_course", args=[english.slug])
    for taken in ("fr", "ES", "en"):
        client.post(
            extend, {"action": "translate", "language": taken, "organisation": team.organisation.pk}
        )
        assert Course.objects.count() == 2 and english.translation_drafts.count() == 2
    client.post(
        extend, {"action": "translate", "language": "bn", "organisation": team.organisation.pk}
    )
    assert english.translation_drafts.filter(language="bn").count() == 1


def _details(team: Team, **changes: object) -> dict[str, object]:
    return {
        "action": "details",
        "revision": team.draft.revision,
        "title": team.draft.title,
        "summary": "First aid for the mind.",
        "objectives": "Recognise distress",
        "estimated_hours": "2",
        "cpd_credits": "1",
        "level": "introductory",
        "licence": "CC BY 4.0",
        **changes,
    }


def test_course_details_in_error_are_marked_on_their_fields_and_change_nothing(
    client: Client, team: Team
) -> None:
    client.force_login(team.author)
    url = reverse("authoring:draft", args=[team.draft.uuid])
    page = client.post(url, _details(team, title="", licence="x" * 101, topics=["999999"]))
    assert page.status_code == 400
    summary = page.text.split('class="error-summary"')[1].split("</div>")[0]
    assert (
        'href="#d-title"><bdi>Title</bdi>: Give the course a title of at most 200 characters.'
        in summary
    )
    assert (
        'href="#d-licence"><bdi>Licence</bdi>: Name the licence (at most 100 characters).'
        in summary
    )
    assert 'href="#d-topics_0"><bdi>Topics</bdi>: Choose topics from the list (at most 10).' in (
        summary
    )
    assert 'aria-describedby="d-title_error"' in page.text
    assert "First aid for the mind." in page.text, "what was typed is shown again"
    page = client.post(url, _details(team, estimated_hours="lots"))
    assert page.status_code == 400
    assert '<p class="field-error" id="d-estimated_hours_error">Enter a number.</p>' in page.text
    team.draft.refresh_from_db()
    assert team.draft.title == "Mental health first aid" and team.draft.summary == ""


def _error_summary(page: str) -> str:
    return page.split('class="error-summary"')[1].split("</div>")[0]


@pytest.mark.parametrize("missing", ["title", "licence"])
def test_course_details_name_every_problem_at_once_and_keep_what_was_typed(
    client: Client, team: Team, missing: str
) -> None:
    client.force_login(team.author)
    url = reverse("authoring:draft", args=[team.draft.uuid])
    page = client.post(
        url, _details(team, **{missing: ""}, estimated_hours="lots", cpd_credits="-3")
    )
    assert page.status_code == 400
    summary = _error_summary(page.text)
    expected = {
        "title": "Give the course a title of at most 200 characters.",
        "licence": "Name the licence (at most 100 characters).",
        "estimated_hours": "Enter a number.",
        "cpd_credits": "Enter a number from 0 to 999.",
    }
    for name in (missing, "estimated_hours", "cpd_credits"):
        assert f'href="#d-{name}">' in summary
        assert f'<p class="field-error" id="d-{name}_error">{expected[name]}</p>' in page.text
    assert 'value="lots"' in page.text and 'value="-3"' in page.text
    assert "First aid for the mind." in page.text
    team.draft.refresh_from_db()
    assert team.draft.summary == "" and team.draft.licence != ""


def test_course_details_saved_by_someone_else_meanwhile_are_shown_to_redo_the_changes(
    client: Client, team: Team
) -> None:
    opened = team.draft.revision
    services.update_details(
        team.draft,
        team.co_author,
        revision=opened,
        details=services.CourseDetails(
            title="Mental health first aid",
            summary="Brian's summary",
            objectives=[],
            estimated_hours="1",
            cpd_credits="0",
            level="introductory",
        ),
    )
    client.force_login(team.author)
    page = client.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {**_details(team, summary="Amina's summary"), "revision": opened},
    )
    assert page.status_code == 409
    assert "Someone else changed the course details since you opened them." in page.text
    assert "Brian&#x27;s summary</textarea>" in page.text
    assert "Amina&#x27;s summary" not in page.text


def test_a_module_without_a_title_is_refused_on_its_field(client: Client, team: Team) -> None:
    client.force_login(team.author)
    url = reverse("authoring:draft", args=[team.draft.uuid])
    page = client.post(url, {"action": "add_module", "title": "   "})
    assert page.status_code == 400
    assert '<p class="field-error" id="new-module-title_error">Give the module a title.' in (
        page.text
    )
    assert team.draft.modules.count() == 1
    response = client.post(url, {"action": "add_module", "title": "Module 2"})
    assert response.status_code == 302 and team.draft.modules.count() == 2


def test_each_module_has_its_own_new_lesson_and_package_fields(client: Client, team: Team) -> None:
    client.force_login(team.author)
    url = reverse("authoring:draft", args=[team.draft.uuid])
    client.post(url, {"action": "add_module", "title": "Module 2"})
    page = client.get(url).text
    for module in team.draft.modules.all():
        assert f'<label for="id_title_{module.key}">New lesson title' in page
        assert f'<label for="id_package_{module.key}">Or import a package as a lesson' in page
    response = client.post(
        url, {"action": "add_lesson", "module": str(team.lessons[0].module.key), "title": "Next"}
    )
    assert response.status_code == 302
    assert team.lessons[0].module.lessons.filter(title="Next").exists()


def test_details_sent_to_a_draft_in_review_say_why_above_the_page(
    client: Client, team: Team
) -> None:
    services.submit_for_review(team.draft, team.author)
    client.force_login(team.author)
    page = client.post(reverse("authoring:draft", args=[team.draft.uuid]), _details(team))
    assert page.status_code == 409
    assert "The draft is in review or approved; it can change only after changes are" in page.text
    team.draft.refresh_from_db()
    assert team.draft.summary == ""


def _two_reviewers(team: Team) -> tuple[Review, Review]:
    """The draft in review with the team's reviewer and a second one."""
    services.submit_for_review(team.draft, team.author)
    second = member(OrganisationFactory.create(), Role.REVIEWER, user__full_name="Dana Reyes")
    return (
        services.assign_reviewer(team.draft, team.reviewer, team.staff),
        services.assign_reviewer(team.draft, second, team.staff),
    )


def _ask_for_changes(review: Review) -> None:
    services.record_review(
        review, review.reviewer, items={}, decision="changes_requested", comment="Cite mhGAP."
    )


def test_a_review_left_open_when_another_reviewer_asks_for_changes_shows_as_closed(
    client: Client, team: Team
) -> None:
    first, second = _two_reviewers(team)
    _ask_for_changes(first)
    client.force_login(second.reviewer)
    page = client.get(reverse("authoring:review", args=[team.draft.uuid]))
    assert page.status_code == 200
    assert "This review is closed." in page.text
    assert "Another reviewer asked for changes, which ended round 1" in page.text
    assert 'name="decision"' not in page.text and "<textarea" not in page.text
    history = client.get(reverse("authoring:history", args=[team.draft.uuid])).text
    assert "Round 1: Dana Reyes — Closed: another reviewer asked for changes" in history
    assert "Waiting for the reviewer" not in history
    draft_page = client.get(reverse("authoring:draft", args=[team.draft.uuid])).text
    assert "Closed: another reviewer asked for changes" in draft_page
    assert "Review now" not in draft_page


def test_after_resubmission_the_earlier_round_stays_closed_and_the_new_one_is_open(
    client: Client, team: Team
) -> None:
    first, second = _two_reviewers(team)
    _ask_for_changes(first)
    team.draft.refresh_from_db()
    services.submit_for_review(team.draft, team.author)
    client.force_login(second.reviewer)
    history = client.get(reverse("authoring:history", args=[team.draft.uuid])).text
    assert "Round 1: Dana Reyes — Closed: another reviewer asked for changes" in history
    assert "Round 2: Dana Reyes — Waiting for the reviewer" in history
    review_url = reverse("authoring:review", args=[team.draft.uuid])
    workspace = client.get(reverse("authoring:workspace")).text
    assert workspace.count(f'href="{review_url}"') == 1
    page = client.get(review_url)
    assert 'name="decision" value="approved"' in page.text
    assert "This review is closed." not in page.text


def test_a_verdict_sent_as_the_round_closes_is_refused_and_keeps_what_was_typed(
    client: Client, team: Team
) -> None:
    first, second = _two_reviewers(team)
    client.force_login(second.reviewer)
    url = reverse("authoring:review", args=[team.draft.uuid])
    assert 'name="decision" value="approved"' in client.get(url).text
    _ask_for_changes(first)  # while the second reviewer fills in the checklist
    data = {f"item-{item.criterion_id}": "pass" for item in second.items.all()}
    page = client.post(url, {**data, "comment": "Clear and current.", "decision": "approved"})
    assert page.status_code == 409
    assert "This review is closed." in page.text
    assert "Clear and current." in page.text
    assert 'name="decision"' not in page.text


def test_a_review_already_given_is_shown_as_given_not_as_an_empty_form(
    client: Client, team: Team
) -> None:
    first, _second = _two_reviewers(team)
    items: dict[int, tuple[bool | None, str]] = {
        item.criterion_id: (True, "Well cited") for item in first.items.all()
    }
    services.record_review(
        first, team.reviewer, items=items, decision="approved", comment="Ready for learners."
    )
    client.force_login(team.reviewer)
    url = reverse("authoring:review", args=[team.draft.uuid])
    page = client.get(url)
    assert page.status_code == 200
    assert "Your review is recorded." in page.text
    assert "Round 1: Chen Li — Approved" in page.text
    assert "Ready for learners." in page.text and "passes — <span" in page.text
    assert 'name="decision"' not in page.text and "<textarea" not in page.text
    again = client.post(url, {"comment": "Second thoughts", "decision": "changes_requested"})
    assert again.status_code == 409
    first.refresh_from_db()
    assert first.decision == Review.Decision.APPROVED


def test_assigning_a_reviewer_already_assigned_says_so_and_the_list_leaves_them_out(
    client: Client, team: Team
) -> None:
    services.submit_for_review(team.draft, team.author)
    client.force_login(team.staff)
    url = reverse("authoring:draft", args=[team.draft.uuid])
    offered = f'<option value="{team.reviewer.pk}">Chen Li</option>'
    assert offered in client.get(url).text
    page = client.post(url, {"action": "assign", "reviewer": team.reviewer.pk}, follow=True)
    assert "Reviewer assigned." in page.text
    assert offered not in page.text, "someone assigned is not offered again"
    again = client.post(url, {"action": "assign", "reviewer": team.reviewer.pk}, follow=True)
    assert "Chen Li is already assigned to review this round." in again.text
    assert "Reviewer assigned." not in again.text
    assert team.draft.reviews.filter(reviewer=team.reviewer).count() == 1


def test_a_published_first_draft_names_the_course_it_became_and_its_language(
    client: Client, team: Team
) -> None:
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    client.force_login(team.author)
    page = client.get(reverse("authoring:draft", args=[team.draft.uuid])).text
    assert "Published as" in page and "New version of" not in page
    assert "<li>English</li>" in page
    assert team.draft.course is not None
    version = services.start_new_version(team.draft.course, team.author)
    page = client.get(reverse("authoring:draft", args=[version.uuid])).text
    assert "New version of" in page and "Published as" not in page


def test_a_lesson_without_a_title_is_refused_in_words_the_author_reads(
    client: Client, team: Team
) -> None:
    client.force_login(team.author)
    url = reverse("authoring:draft", args=[team.draft.uuid])
    module = str(team.lessons[0].module.key)
    response = client.post(url, {"action": "add_lesson", "module": module, "title": "  "})
    page = response.text
    assert response.status_code == 400
    # Beside the module's field (and in the form's error summary), not again above the page.
    assert f'id="id_title_{module}_error">Give the lesson a title.' in page
    assert marked_invalid(page, f"id_title_{module}")
    assert page.count("Give the lesson a title.") == 2 and MESSAGES_ABOVE not in page
    assert "title: " not in page and "Some of the information given is not valid." not in page
    assert DraftLesson.objects.filter(module__draft=team.draft).count() == len(team.lessons)
