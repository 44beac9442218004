"""Co-creation: writing together, conflicts, comments, review, publishing, versions, translation."""

from dataclasses import replace

import pytest

from praxis.accounts.tests.factories import UserFactory
from praxis.authoring import queries, services
from praxis.authoring.models import Draft, HistoryEntry
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.factories import member
from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Lesson, LessonProgress
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    PermissionDenied,
    ValidationFailed,
)
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


# Who may write


def test_only_authors_of_an_organisation_start_its_courses() -> None:
    organisation = OrganisationFactory.create()
    with pytest.raises(PermissionDenied):
        services.start_draft(
            member(organisation, Role.MEMBER), organisation, title="T", language="en"
        )
    with pytest.raises(NotAuthenticated):
        services.start_draft(None, organisation, title="T", language="en")  # type: ignore[arg-type]  # nobody, on purpose
    assert not Draft.objects.exists()


def test_member_of_another_organisation_cannot_touch_the_draft(team: Team) -> None:
    outsider = member(OrganisationFactory.create(), Role.ADMIN)
    lesson = team.lessons[0]
    with pytest.raises(PermissionDenied):
        services.save_lesson(lesson, outsider, revision=lesson.revision, title="Mine", body="x")
    with pytest.raises(PermissionDenied):
        services.add_comment(team.draft, outsider, "Looks good")
    with pytest.raises(PermissionDenied):
        services.submit_for_review(team.draft, outsider)
    lesson.refresh_from_db()
    assert lesson.title == "Recognising distress"


def test_bad_details_are_refused_field_by_field(team: Team) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.update_details(
            team.draft,
            team.author,
            revision=team.draft.revision,
            details=services.CourseDetails(
                title="",
                summary="s" * 3000,
                objectives=["o"] * 30,
                estimated_hours="NaN",
                cpd_credits="lots",
                level="expert",
            ),
        )
    assert set(refused.value.fields) == {
        "title",
        "summary",
        "objectives",
        "estimated_hours",
        "cpd_credits",
        "level",
    }


def test_the_problems_a_form_is_told_are_those_the_save_refuses(team: Team) -> None:
    details = services.CourseDetails(
        title=" ",
        summary="",
        objectives=[],
        estimated_hours="-1",
        cpd_credits="2",
        level="introductory",
        licence="",
    )
    with pytest.raises(ValidationFailed) as refused:
        services.update_details(
            team.draft, team.author, revision=team.draft.revision, details=details
        )
    problems = services.details_problems(details)
    assert set(problems) == set(refused.value.fields) == {"title", "estimated_hours", "licence"}
    fixed = replace(details, title="First aid", estimated_hours="1", licence="CC BY 4.0")
    assert services.details_problems(fixed) == {}
    saved = services.update_details(
        team.draft, team.author, revision=team.draft.revision, details=fixed
    )
    assert (saved.title, saved.licence) == ("First aid", "CC BY 4.0")


# Conflicts


def test_stale_lesson_save_is_refused_and_changes_nothing(team: Team) -> None:
    lesson = team.lessons[0]
    opened_at = lesson.revision
    services.save_lesson(
        lesson, team.co_author, revision=opened_at, title=lesson.title, body="Brian's text"
    )
    with pytest.raises(Conflict) as refused:
        services.save_lesson(
            lesson, team.author, revision=opened_at, title=lesson.title, body="Amina's text"
        )
    assert refused.value.code == ErrorCode.STALE_SAVE
    lesson.refresh_from_db()
    assert (lesson.body, lesson.updated_by) == ("Brian's text", team.co_author)


def test_stale_details_save_is_refused(team: Team) -> None:
    revision = team.draft.revision
    details = services.CourseDetails(
        title="A",
        summary="",
        objectives=["Recognise distress"],
        estimated_hours="2",
        cpd_credits="2",
        level="introductory",
    )
    services.update_details(team.draft, team.co_author, revision=revision, details=details)
    with pytest.raises(Conflict) as refused:
        services.update_details(
            team.draft, team.author, revision=revision, details=replace(details, title="B")
        )
    assert refused.value.code == ErrorCode.STALE_SAVE
    team.draft.refresh_from_db()
    assert team.draft.title == "A"


# Comments


def test_threads_on_a_lesson_are_replied_to_resolved_and_reopened(team: Team) -> None:
    anchor = f"lesson:{team.lessons[0].key}"
    thread = services.add_comment(team.draft, team.co_author, "Add a reference?", anchor=anchor)
    reply = services.add_comment(team.draft, team.author, "Added WHO mhGAP.", parent=thread)
    assert reply.anchor == anchor
    services.resolve_thread(reply, team.author)
    thread.refresh_from_db()
    assert thread.resolved_by == team.author
    services.add_comment(team.draft, team.co_author, "One more thing", parent=thread)
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_comment_on_a_part_that_does_not_exist_is_refused(team: Team) -> None:
    for anchor in ["lesson:not-a-uuid", "lesson:00000000-0000-0000-0000-000000000000", "x"]:
        with pytest.raises(ValidationFailed):
            services.add_comment(team.draft, team.author, "Hello", anchor=anchor)
    with pytest.raises(ValidationFailed):
        services.add_comment(team.draft, team.author, "   ")
    with pytest.raises(ValidationFailed):
        services.add_comment(team.draft, team.author, "x" * 5001)


# Review


def test_an_author_cannot_review_the_course(team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    with pytest.raises(ValidationFailed) as refused:
        services.assign_reviewer(team.draft, team.co_author, team.staff)
    assert refused.value.code == ErrorCode.REVIEWER_IS_AUTHOR
    assert not team.draft.reviews.exists()


def test_a_person_without_a_reviewer_role_cannot_be_assigned(team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    with pytest.raises(ValidationFailed):
        services.assign_reviewer(team.draft, UserFactory.create(), team.staff)


def test_the_draft_does_not_change_while_in_review(team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    lesson = team.lessons[0]
    with pytest.raises(Conflict) as refused:
        services.save_lesson(lesson, team.author, revision=lesson.revision, title="T", body="x")
    assert refused.value.code == ErrorCode.DRAFT_NOT_EDITABLE


def test_approval_needs_every_checklist_item_to_pass(team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    review = services.assign_reviewer(team.draft, team.reviewer, team.staff)
    items: dict[int, tuple[bool | None, str]] = {
        item.criterion_id: (True, "") for item in review.items.all()
    }
    first = next(iter(items))
    items[first] = (False, "No references")
    with pytest.raises(ValidationFailed) as refused:
        services.record_review(review, team.reviewer, items=items, decision="approved")
    assert refused.value.code == ErrorCode.REVIEW_INCOMPLETE
    services.record_review(review, team.reviewer, items=items, decision="changes_requested")
    team.draft.refresh_from_db()
    assert team.draft.status == Draft.Status.CHANGES_REQUESTED
    assert review.items.get(criterion_id=first).comment == "No references"


def test_only_the_assigned_reviewer_records_the_review(team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    review = services.assign_reviewer(team.draft, team.reviewer, team.staff)
    with pytest.raises(PermissionDenied):
        services.record_review(review, team.author, items={}, decision="approved")


def test_the_checklist_is_the_configured_one(team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    review = services.assign_reviewer(team.draft, team.reviewer, team.staff)
    assert [item.criterion.slug for item in review.items.all()] == [
        "learning-objectives",
        "evidence-base",
        "accessibility",
        "inclusive-language",
        "translation-checked",
        "licence",
    ]


# Publishing and versions


def test_publishing_without_approval_is_refused(team: Team) -> None:
    with pytest.raises(Conflict) as refused:
        services.publish(team.draft, team.staff)
    assert refused.value.code == ErrorCode.NOT_APPROVED
    assert not Course.objects.exists()


def test_approved_draft_is_published_as_version_one_and_then_read_only(team: Team) -> None:
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    course = team.draft.course
    assert course is not None
    assert course.status == Course.Status.PUBLISHED
    assert course.versions.get().number == 1
    assert [lesson.title for lesson in Lesson.objects.filter(module__course=course)] == [
        "Recognising distress",
        "Talking about suicide safely",
    ]
    assert list(course.organisations.all()) == [team.organisation]
    lesson = team.lessons[0]
    lesson.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        services.save_lesson(lesson, team.author, revision=lesson.revision, title="T", body="x")
    assert refused.value.code == ErrorCode.VERSION_READ_ONLY
    with pytest.raises(Conflict):
        services.publish(team.draft, team.staff)


def test_new_version_keeps_learners_progress_and_lists_what_changed(team: Team) -> None:
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    course = team.draft.course
    assert course is not None
    learner = UserFactory.create()
    catalog.enrol(learner, course)
    kept, dropped = Lesson.objects.filter(module__course=course).order_by("position")
    catalog.complete_lesson(learner, kept)

    second = services.start_new_version(course, team.author)
    with pytest.raises(Conflict):
        services.start_new_version(course, team.co_author)  # one working copy at a time
    first_lesson, second_lesson = second.modules.get().lessons.order_by("position").all()
    services.save_lesson(
        first_lesson,
        team.author,
        revision=first_lesson.revision,
        title=first_lesson.title,
        body="Listen first, then ask.",
    )
    services.remove_lesson(second_lesson, team.author)
    services.add_lesson(second.modules.get(), team.author, "Follow-up and referral")
    team.draft = second
    approve(team)
    services.publish(second, team.staff, note="Clearer first lesson; new lesson on referral.")

    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert kept.body == "Listen first, then ask." and not kept.archived
    assert dropped.archived
    assert LessonProgress.objects.get(learner=learner, lesson=kept).completed_at is not None
    version = course.versions.get(number=2)
    assert {(c["kind"], c["title"]) for c in version.changes} == {
        ("changed", "Recognising distress"),
        ("removed", "Talking about suicide safely"),
        ("added", "Follow-up and referral"),
    }
    old = course.versions.get(number=1).snapshot
    assert old["modules"][0]["lessons"][1]["title"] == "Talking about suicide safely"


def test_history_records_every_step(team: Team) -> None:
    approve(team)
    services.publish(team.draft, team.staff)
    actions = list(team.draft.history.values_list("action", flat=True))
    assert actions[0] == HistoryEntry.Action.STARTED
    assert actions[-4:] == ["submitted", "assigned", "reviewed", "published"]


def test_a_reviewer_cannot_edit_what_they_review(team: Team) -> None:
    services.submit_for_review(team.draft, team.author)
    review = services.assign_reviewer(team.draft, team.reviewer, team.staff)
    items: dict[int, tuple[bool | None, str]] = {
        item.criterion_id: (False, "Needs work") for item in review.items.all()
    }
    services.record_review(review, team.reviewer, items=items, decision="changes_requested")
    lesson = team.lessons[0]
    lesson.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.save_lesson(lesson, team.reviewer, revision=lesson.revision, title="T", body="")


# Translation


def test_translation_shows_which_source_lessons_changed(team: Team) -> None:
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    source = team.draft.course
    assert source is not None
    translator = member(OrganisationFactory.create(country="FR"), Role.AUTHOR)
    with pytest.raises(ValidationFailed):
        services.start_translation(
            source,
            translator,
            language=source.language,
            organisation=translator.memberships.get().organisation,
        )
    translation = services.start_translation(
        source, translator, language="fr", organisation=translator.memberships.get().organisation
    )
    assert queries.outline(translation).stale_lessons == set()
    catalog.save_lesson_body(
        Lesson.objects.get(module__course=source, title="Recognising distress"), "Updated"
    )
    stale = queries.outline(translation).stale_lessons
    lesson = translation.modules.get().lessons.get(title="Recognising distress")
    assert stale == {lesson.pk}
    assert lesson.source_key is not None
    source_lesson = queries.source_lessons(translation)[lesson.source_key]
    services.save_lesson(
        lesson,
        translator,
        revision=lesson.revision,
        title="Reconnaître la détresse",
        body="Mis à jour",
        source_digest=services.digest(source_lesson.title, source_lesson.body),
    )
    assert queries.outline(translation).stale_lessons == set()


def test_published_translation_joins_the_source_course_as_another_language(team: Team) -> None:
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    source = team.draft.course
    assert source is not None
    translation = services.start_translation(
        source, team.author, language="fr", organisation=team.organisation
    )
    with pytest.raises(Conflict):
        services.start_translation(
            source, team.co_author, language="fr", organisation=team.organisation
        )
    team.draft = translation
    approve(team)
    services.publish(translation, team.staff)
    translation.refresh_from_db()
    french = translation.course
    assert french is not None
    source.refresh_from_db()
    assert french.language == "fr" and french.pk != source.pk
    assert french.translation_group_id == source.translation_group_id is not None
    source_keys = set(Lesson.objects.filter(module__course=source).values_list("uuid", flat=True))
    french_keys = set(Lesson.objects.filter(module__course=french).values_list("uuid", flat=True))
    assert not source_keys & french_keys
