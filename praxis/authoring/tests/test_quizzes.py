"""Quizzes, questions and competencies written in a draft, and published with it."""

import pytest
from django.test import Client
from django.urls import reverse

from praxis.assessments import services as assessments
from praxis.assessments.models import Alignment, Attempt, Case, Question, Quiz
from praxis.assessments.tests.factories import AlignmentFactory, choice_question, quiz_with
from praxis.authoring import quizzes, services
from praxis.authoring.inputs import QuestionInput, QuizSettings
from praxis.authoring.models import Draft, DraftAlignment, DraftQuestion, DraftQuiz, HistoryEntry
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.factories import member
from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Lesson
from praxis.competencies.models import ProficiencyScale
from praxis.competencies.tests.factories import CompetencyItemFactory
from praxis.core.errors import Conflict, ErrorCode, PermissionDenied, ValidationFailed
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CHOICES = [
    {"text": "Before touching a patient", "correct": True, "feedback": "Moment 1."},
    {"text": "Only after lunch"},
]

EVERY_KIND: dict[str, dict[str, object]] = {
    "single": {"options": CHOICES},
    "multiple": {"options": [{"text": "Soap", "correct": True}, {"text": "Gel", "correct": True}]},
    "true_false": {"options": [{"text": "True", "correct": True}, {"text": "False"}]},
    "numeric": {"value": "37.5", "tolerance": "0.5"},
    "short_text": {"accepted": ["oxytocin", "Syntocinon"]},
    "ordering": {"options": [{"text": "Wet"}, {"text": "Soap"}, {"text": "Rinse"}]},
    "matching": {
        "options": quizzes.options_from_text("matching", "ORS = diarrhoea\nZinc = ten days")
    },
}


def _quiz(team: Team, **fields: object) -> DraftQuiz:
    return quizzes.add_quiz(
        team.draft, team.author, QuizSettings.read({"title": "Check your understanding", **fields})
    )


@pytest.mark.parametrize("kind", list(EVERY_KIND))
def test_author_adds_edits_and_removes_a_question_of_every_type(team: Team, kind: str) -> None:
    quiz = _quiz(team)
    question = quizzes.add_question(
        quiz,
        team.author,
        QuestionInput.read(
            {"kind": kind, "stem": "A question", "topic": "hygiene", **EVERY_KIND[kind]}
        ),
    )
    assert question.kind == kind
    saved = quizzes.save_question(
        question,
        team.author,
        QuestionInput.read({"kind": kind, "stem": "Reworded", **EVERY_KIND[kind]}),
        revision=question.revision,
    )
    assert saved.stem == "Reworded" and saved.revision == 2
    quizzes.remove_question(saved, team.author)
    assert not quiz.questions.exists()
    details = [entry.detail_text for entry in HistoryEntry.objects.all()]
    assert sum("Check your understanding" in detail for detail in details) == 4


def test_answer_keys_are_kept_as_written(team: Team) -> None:
    quiz = _quiz(team)
    numeric = quizzes.add_question(
        quiz,
        team.author,
        QuestionInput.read({"kind": "numeric", "stem": "Temp?", **EVERY_KIND["numeric"]}),
    )
    matching = quizzes.add_question(
        quiz,
        team.author,
        QuestionInput.read({"kind": "matching", "stem": "Pair", **EVERY_KIND["matching"]}),
    )
    assert numeric.answer_key == {"value": 37.5, "tolerance": 0.5}
    assert [(o["text"], o["match"]) for o in matching.options] == [
        ("ORS", "diarrhoea"),
        ("Zinc", "ten days"),
    ]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "single", "stem": "", "options": CHOICES}, "stem"),
        (
            {"kind": "single", "stem": "Q", "options": [{"text": "a", "correct": True}] * 2},
            "options",
        ),
        ({"kind": "single", "stem": "Q", "options": [{"text": "a"}, {"text": "b"}]}, "options"),
        (
            {
                "kind": "single",
                "stem": "Q",
                "options": [{"text": "a", "correct": True}] + [{"text": "b"}] * 20,
            },
            "options",
        ),
        ({"kind": "numeric", "stem": "Q", "value": "about ten"}, "value"),
        ({"kind": "short_text", "stem": "Q", "accepted": []}, "accepted"),
        ({"kind": "single", "stem": "x" * 6000, "options": CHOICES}, "stem"),
        ({"kind": "single", "stem": "Q", "options": CHOICES, "points": 0}, "points"),
        ({"kind": "essay", "stem": "Q"}, "kind"),
    ],
)
def test_invalid_question_is_refused_and_changes_nothing(
    team: Team, fields: dict[str, object], field: str
) -> None:
    quiz = _quiz(team)
    with pytest.raises(ValidationFailed) as refused:
        quizzes.add_question(quiz, team.author, QuestionInput.read({**fields}))
    assert field in refused.value.fields
    assert not DraftQuestion.objects.exists()


def test_matching_line_without_equals_is_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        quizzes.options_from_text("matching", "ORS = diarrhoea\nZinc for ten days")
    assert "Line 2" in str(refused.value.fields["options"][0])


def test_options_written_one_a_line_mark_the_correct_ones_and_feedback() -> None:
    options = quizzes.options_from_text("single", "* Soap and water | Right.\nPrayer\n\n")
    assert options == [
        {"text": "Soap and water", "match": "", "correct": True, "feedback": "Right."},
        {"text": "Prayer", "match": "", "correct": False, "feedback": ""},
    ]


def test_quiz_settings_are_saved_and_bad_ones_refused(team: Team) -> None:
    module = team.draft.modules.get()
    quiz = _quiz(team)
    saved = quizzes.save_quiz(
        quiz,
        team.author,
        QuizSettings.read(
            {
                "title": "Final check",
                "kind": "quiz",
                "after_module": str(module.key),
                "pass_mark": 80,
                "max_attempts": "3",
                "time_limit_minutes": "20",
                "shuffle_options": False,
                "review_allowed": False,
                "required_for_completion": True,
            }
        ),
        revision=quiz.revision,
    )
    assert (saved.title, saved.after_module, saved.pass_mark, saved.max_attempts) == (
        "Final check",
        module,
        80,
        3,
    )
    assert saved.required_for_completion and not saved.shuffle_options
    with pytest.raises(ValidationFailed) as refused:
        quizzes.save_quiz(
            saved,
            team.author,
            QuizSettings.read({"title": "", "pass_mark": 140, "time_limit_minutes": "x"}),
            revision=saved.revision,
        )
    assert set(refused.value.fields) == {"title", "pass_mark", "time_limit_minutes"}
    saved.refresh_from_db()
    assert saved.title == "Final check"


def test_post_test_must_name_a_pre_test_of_the_draft(team: Team) -> None:
    plain = _quiz(team)
    with pytest.raises(ValidationFailed) as refused:
        _quiz(team, kind="post_test", pre_test=str(plain.key))
    assert "pre_test" in refused.value.fields
    pre = _quiz(team, kind="pre_test")
    post = _quiz(team, kind="post_test", pre_test=str(pre.key))
    assert post.pre_test_key == pre.key
    with pytest.raises(ValidationFailed):
        quizzes.remove_quiz(pre, team.author)


def test_stale_quiz_and_question_saves_are_refused(team: Team) -> None:
    quiz = _quiz(team)
    opened = quiz.revision
    quizzes.save_quiz(
        quiz, team.co_author, QuizSettings.read({"title": "Brian's title"}), revision=opened
    )
    with pytest.raises(Conflict) as refused:
        quizzes.save_quiz(
            quiz, team.author, QuizSettings.read({"title": "Amina's title"}), revision=opened
        )
    assert refused.value.code == ErrorCode.STALE_SAVE
    question = quizzes.add_question(
        quiz, team.author, QuestionInput.read({"kind": "single", "stem": "Q", "options": CHOICES})
    )
    quizzes.save_question(
        question,
        team.co_author,
        QuestionInput.read({"kind": "single", "stem": "Brian", "options": CHOICES}),
        revision=1,
    )
    with pytest.raises(Conflict) as refused:
        quizzes.save_question(
            question,
            team.author,
            QuestionInput.read({"kind": "single", "stem": "Amina", "options": CHOICES}),
            revision=1,
        )
    assert refused.value.code == ErrorCode.STALE_SAVE
    question.refresh_from_db()
    quiz.refresh_from_db()
    assert (quiz.title, question.stem) == ("Brian's title", "Brian")


def test_member_of_another_organisation_cannot_touch_the_quizzes(team: Team) -> None:
    quiz = _quiz(team)
    outsider = member(OrganisationFactory.create(), Role.ADMIN)
    with pytest.raises(PermissionDenied):
        quizzes.add_quiz(team.draft, outsider, QuizSettings.read({"title": "Mine"}))
    with pytest.raises(PermissionDenied):
        quizzes.add_question(
            quiz, outsider, QuestionInput.read({"kind": "single", "stem": "Q", "options": CHOICES})
        )
    with pytest.raises(PermissionDenied):
        quizzes.remove_quiz(quiz, outsider)
    assert DraftQuiz.objects.count() == 1 and not DraftQuestion.objects.exists()


def test_quizzes_of_a_draft_in_review_or_published_cannot_change(team: Team) -> None:
    quiz = _quiz(team)
    services.submit_for_review(team.draft, team.author)
    team.draft.refresh_from_db()
    quiz.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        quizzes.add_question(
            quiz,
            team.author,
            QuestionInput.read({"kind": "single", "stem": "Q", "options": CHOICES}),
        )
    assert refused.value.code == ErrorCode.DRAFT_NOT_EDITABLE
    team.draft.status = "published"
    team.draft.save()
    quiz.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        quizzes.save_quiz(
            quiz, team.author, QuizSettings.read({"title": "Late"}), revision=quiz.revision
        )
    assert refused.value.code == ErrorCode.VERSION_READ_ONLY


def test_alignment_level_follows_the_framework_scale(team: Team) -> None:
    item = CompetencyItemFactory.create(code="MH.1")
    ProficiencyScale.objects.create(
        framework=item.framework,
        title="Entrustment",
        criteria=[
            {
                "CFRubricCriterionLevels": [
                    {"score": 1, "quality": "Observe"},
                    {"score": 2, "quality": "Do"},
                ]
            }
        ],
    )
    with pytest.raises(ValidationFailed) as refused:
        quizzes.add_alignment(team.draft, team.author, item=item, level=4)
    assert refused.value.code == ErrorCode.LEVEL_OUT_OF_SCALE
    assert quizzes.find_competency("MH.1") == item
    lesson = team.lessons[0]
    quizzes.add_alignment(team.draft, team.author, item=item, level=2, lesson_key=str(lesson.key))
    assert DraftAlignment.objects.get().lesson_key == lesson.key
    with pytest.raises(ValidationFailed):
        quizzes.find_competency("NOPE")


# Publishing


def _publish(team: Team) -> Course:
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    assert team.draft.course is not None
    return team.draft.course


def test_publishing_creates_the_quizzes_with_their_questions_and_alignments(team: Team) -> None:
    pre = _quiz(team, kind="pre_test", after_module=str(team.draft.modules.get().key))
    post = _quiz(team, kind="post_test", pre_test=str(pre.key))
    for kind, fields in EVERY_KIND.items():
        quizzes.add_question(
            pre,
            team.author,
            QuestionInput.read({"kind": kind, "stem": f"A {kind} question", **fields}),
        )
    item = CompetencyItemFactory.create()
    quizzes.add_alignment(team.draft, team.author, item=item, level=3)
    quizzes.add_alignment(
        team.draft, team.author, item=item, level=2, lesson_key=team.lessons[0].key
    )
    course = _publish(team)
    published = Quiz.objects.get(uuid=pre.key)
    assert published.course == course and published.kind == "pre_test"
    assert published.after_module == course.modules.get()
    assert Quiz.objects.get(uuid=post.key).pre_test == published
    kinds = [slot.question.kind for slot in published.slots.select_related("question")]
    assert kinds == list(EVERY_KIND)
    assert published.slots.get(position=0).question.bank.language == "en"
    aligned = {(a.lesson_id, a.level) for a in Alignment.objects.filter(course=course)}
    assert aligned == {(None, 3), (Lesson.objects.get(uuid=team.lessons[0].key).pk, 2)}


def _new_version(team: Team, course: Course) -> Draft:
    draft = services.start_new_version(course, team.author)
    team.draft = draft
    return draft


def test_new_version_copies_quizzes_and_alignments_and_publishes_changes(
    team: Team, client: Client
) -> None:
    quiz = _quiz(team, after_module=str(team.draft.modules.get().key))
    kept = quizzes.add_question(
        quiz,
        team.author,
        QuestionInput.read({"kind": "single", "stem": "Kept", "options": CHOICES}),
    )
    answered = quizzes.add_question(
        quiz,
        team.author,
        QuestionInput.read({"kind": "single", "stem": "Old wording", "options": CHOICES}),
    )
    doomed = _quiz(team)
    quizzes.add_alignment(team.draft, team.author, item=CompetencyItemFactory.create(), level=3)
    course = _publish(team)
    # A learner answers the question that will be reworded.
    learner = member(OrganisationFactory.create(), Role.MEMBER)
    catalog.enrol(learner, course)
    published = Quiz.objects.get(uuid=quiz.key)
    attempt = assessments.start_attempt(learner, published, seed=1)
    assessments.submit_attempt(learner, attempt, {})
    old_question = Question.objects.get(uuid=answered.key)

    draft = _new_version(team, course)
    copy = draft.quizzes.get(key=quiz.key)
    assert copy.after_module is not None
    assert copy.after_module.source_module_id == published.after_module_id
    assert [q.stem for q in copy.questions.all()] == ["Kept", "Old wording"]
    assert draft.alignments.get().level == 3
    reworded = copy.questions.get(key=answered.key)
    quizzes.save_question(
        reworded,
        team.author,
        QuestionInput.read({"kind": "single", "stem": "New wording", "options": CHOICES}),
        revision=reworded.revision,
    )
    quizzes.remove_quiz(draft.quizzes.get(key=doomed.key), team.author)
    quizzes.add_quiz(draft, team.author, QuizSettings.read({"title": "Brand new quiz"}))
    _publish(team)

    published.refresh_from_db()
    stems = [slot.question.stem for slot in published.slots.select_related("question")]
    assert stems == ["Kept", "New wording"]
    assert Question.objects.get(uuid=kept.key).stem == "Kept"
    old_question.refresh_from_db()
    assert old_question.stem == "Old wording"  # the attempt still shows what was asked
    assert Attempt.objects.get(pk=attempt.pk).items.filter(question=old_question).exists()
    client.force_login(learner)
    review = client.get(reverse("assessments:attempt", args=[attempt.uuid])).content.decode()
    assert "Old wording" in review and "New wording" not in review
    client.logout()
    assert not Quiz.objects.get(uuid=doomed.key).published
    assert Quiz.objects.filter(uuid=doomed.key).exists()
    changes = course.versions.get(number=2).changes
    assert {(c.get("item"), c["kind"], c["title"]) for c in changes if c.get("item")} == {
        ("quiz", "changed", "Check your understanding"),
        ("quiz", "removed", "Check your understanding"),
        ("quiz", "added", "Brand new quiz"),
    }
    page = client.get(reverse("catalog:versions", args=[course.slug]))
    assert "New quiz:" in page.content.decode() and "Brand new quiz" in page.content.decode()


def test_rewording_a_question_another_quiz_uses_leaves_that_quiz_alone(team: Team) -> None:
    quiz = _quiz(team)
    shared = quizzes.add_question(
        quiz,
        team.author,
        QuestionInput.read({"kind": "single", "stem": "Shared wording", "options": CHOICES}),
    )
    course = _publish(team)
    question = Question.objects.get(uuid=shared.key)
    question.case = Case.objects.create(
        bank=question.bank, title="Ward round", vignette="A patient with fever."
    )
    question.save()
    other = quiz_with([question], title="Another course's quiz")

    draft = _new_version(team, course)
    copy = draft.quizzes.get(key=quiz.key).questions.get(key=shared.key)
    assert copy.case_key is not None  # the new version's draft carries the case
    quizzes.save_question(
        copy,
        team.author,
        QuestionInput.read(
            {"kind": "single", "stem": "Reworded", "options": CHOICES, "case": str(copy.case_key)}
        ),
        revision=copy.revision,
    )
    _publish(team)

    assert [s.question.stem for s in other.slots.select_related("question")] == ["Shared wording"]
    reworded = Quiz.objects.get(uuid=quiz.key).slots.get().question
    assert reworded.stem == "Reworded" and reworded.pk != question.pk
    assert reworded.case == question.case  # the vignette stays with the question


def test_unchanged_questions_are_kept_as_they_are(team: Team) -> None:
    quiz = _quiz(team)
    question = quizzes.add_question(
        quiz,
        team.author,
        QuestionInput.read({"kind": "single", "stem": "Same", "options": CHOICES}),
    )
    course = _publish(team)
    before = Question.objects.get(uuid=question.key)
    _new_version(team, course)
    _publish(team)
    after = Question.objects.get(uuid=question.key)
    assert after.pk == before.pk and after.updated_at == before.updated_at
    assert not [c for c in course.versions.get(number=2).changes if c.get("item")]


def test_translation_copies_quizzes_with_new_keys(team: Team) -> None:
    quiz = _quiz(team, kind="pre_test")
    post = _quiz(team, kind="post_test", pre_test=str(quiz.key))
    quizzes.add_question(
        quiz,
        team.author,
        QuestionInput.read({"kind": "numeric", "stem": "Temp?", **EVERY_KIND["numeric"]}),
    )
    quizzes.add_alignment(
        team.draft,
        team.author,
        item=CompetencyItemFactory.create(),
        level=2,
        lesson_key=team.lessons[0].key,
    )
    course = _publish(team)
    translation = services.start_translation(
        course, team.author, language="fr", organisation=team.organisation
    )
    copies = list(translation.quizzes.all())
    assert [q.title for q in copies] == ["Check your understanding"] * 2
    assert {q.key for q in copies}.isdisjoint({quiz.key, post.key})
    assert copies[1].pre_test_key == copies[0].key
    question = copies[0].questions.get()
    assert question.stem == "Temp?" and question.key != quiz.questions.get().key
    translated_lesson = translation.modules.get().lessons.get(source_key=team.lessons[0].key)
    assert translation.alignments.get().lesson_key == translated_lesson.key


def test_random_draw_quiz_is_carried_with_its_settings(team: Team) -> None:
    course = _publish(team)
    bank_question = choice_question()
    random_quiz = quiz_with(
        [], course=course, selection="random", bank=bank_question.bank, draw=[{"count": 1}]
    )
    AlignmentFactory.create(course=course, level=2)
    draft = _new_version(team, course)
    copy = draft.quizzes.get()
    assert copy.selection == "random" and copy.draw == [{"count": 1}]
    with pytest.raises(Conflict):
        quizzes.add_question(
            copy,
            team.author,
            QuestionInput.read({"kind": "single", "stem": "Q", "options": CHOICES}),
        )
    quizzes.save_quiz(
        copy,
        team.author,
        QuizSettings.read({"title": "Random check", "pass_mark": 60}),
        revision=copy.revision,
    )
    _publish(team)
    random_quiz.refresh_from_db()
    assert (random_quiz.title, random_quiz.pass_mark, random_quiz.bank) == (
        "Random check",
        60,
        bank_question.bank,
    )
    assert random_quiz.published


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": 42}, "title", "Give the quiz a title of at most 200 characters."),
        ({"pass_mark": ""}, "pass_mark", "Enter a whole number from 0 to 100."),
        ({"pass_mark": 70.5}, "pass_mark", "Enter a whole number from 0 to 100."),
        ({"max_attempts": [3]}, "max_attempts", "Enter a whole number from 1 to 99."),
        ({"after_module": "not-a-key"}, "after_module", "Choose a module of this course."),
        ({"shuffle_options": "perhaps"}, "shuffle_options", "Enter a valid value."),
        ({"passmark": 50}, "passmark", "Enter a valid value."),
    ],
)
def test_quiz_settings_of_the_wrong_type_are_refused_with_a_message(
    team: Team, fields: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        quizzes.add_quiz(
            team.draft, team.author, QuizSettings.read({**{"title": "A quiz", **fields}})
        )
    assert refused.value.code == "invalid_input"
    assert {name: [str(m) for m in found] for name, found in refused.value.fields.items()} == {
        field: [message]
    }
    assert not DraftQuiz.objects.exists()


def test_blank_optional_quiz_settings_are_unset(team: Team) -> None:
    quiz = _quiz(team, kind="", max_attempts="", time_limit_minutes=None, after_module="")
    assert (quiz.kind, quiz.max_attempts, quiz.time_limit_minutes, quiz.after_module) == (
        "quiz",
        None,
        None,
        None,
    )
