"""Starting and submitting attempts: marking on the server, finality, limits, bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from praxis.accounts.models import User
from praxis.assessments import services
from praxis.assessments.models import Attempt, AttemptItem, Question, Quiz
from praxis.assessments.scoring import option_token
from praxis.assessments.tests.factories import (
    OptionFactory,
    QuestionFactory,
    choice_question,
    quiz_with,
)
from praxis.catalog.models import Course, Enrolment, Lesson
from praxis.catalog.services import complete_lesson
from praxis.competencies.models import Evidence
from praxis.competencies.tests.factories import CompetencyItemFactory
from praxis.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from praxis.lrs.models import Statement

pytestmark = pytest.mark.django_db

ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
FAILED = "http://adlnet.gov/expapi/verbs/failed"


def right_answers(attempt: Attempt) -> dict[str, object]:
    return {
        str(item.question.uuid): item.question.options.get(correct=True).id
        for item in attempt.items.select_related("question")
    }


def test_right_answers_pass_and_record_the_statements(enrolled: User, quiz: Quiz) -> None:
    attempt = services.start_attempt(enrolled, quiz)
    done = services.submit_attempt(enrolled, attempt, right_answers(attempt))
    assert (done.score, done.max_score, done.passed) == (2.0, 2.0, True)
    answered = Statement.objects.filter(verb_id=ANSWERED)
    assert answered.count() == 2
    first = answered.first()
    assert first is not None
    data = first.data
    assert data["object"]["definition"]["interactionType"] == "choice"
    assert data["result"]["success"] is True
    passed = Statement.objects.get(verb_id=PASSED).data
    assert passed["result"]["score"]["scaled"] == 1.0


def test_wrong_answers_fail_with_a_scaled_score(enrolled: User, quiz: Quiz) -> None:
    attempt = services.start_attempt(enrolled, quiz)
    wrong = {
        str(item.question.uuid): item.question.options.get(position=1).id
        for item in attempt.items.select_related("question")
    }
    done = services.submit_attempt(enrolled, attempt, wrong)
    assert done.passed is False
    assert Statement.objects.get(verb_id=FAILED).data["result"]["score"]["scaled"] == 0.0


def test_unanswered_questions_score_nothing(enrolled: User, quiz: Quiz) -> None:
    attempt = services.start_attempt(enrolled, quiz)
    done = services.submit_attempt(enrolled, attempt, {})
    assert done.score == 0.0
    assert list(done.items.values_list("correct", flat=True)) == [False, False]


def test_a_submitted_attempt_cannot_be_submitted_again(enrolled: User, quiz: Quiz) -> None:
    attempt = services.start_attempt(enrolled, quiz)
    services.submit_attempt(enrolled, attempt, {})
    with pytest.raises(Conflict) as caught:
        services.submit_attempt(enrolled, attempt, right_answers(attempt))
    assert caught.value.code == "attempt_closed"
    assert Attempt.objects.get(pk=attempt.pk).score == 0.0
    assert Statement.objects.filter(verb_id__in=[PASSED, FAILED]).count() == 1


def test_a_stale_copy_of_an_open_attempt_cannot_submit_twice(enrolled: User, quiz: Quiz) -> None:
    first_tab = services.start_attempt(enrolled, quiz)
    second_tab = Attempt.objects.get(pk=first_tab.pk)
    services.submit_attempt(enrolled, first_tab, right_answers(first_tab))
    with pytest.raises(Conflict):
        services.submit_attempt(enrolled, second_tab, {})
    assert Attempt.objects.get(pk=first_tab.pk).passed is True


def test_submitting_after_the_time_limit_is_refused_and_closes_the_attempt(
    enrolled: User, course: Course
) -> None:
    quiz = quiz_with([choice_question()], course=course, time_limit_minutes=10)
    attempt = services.start_attempt(enrolled, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    attempt.refresh_from_db()
    with pytest.raises(Conflict) as caught:
        services.submit_attempt(enrolled, attempt, right_answers(attempt))
    assert caught.value.code == "attempt_time_up"
    closed = Attempt.objects.get(pk=attempt.pk)
    # The late answers count for nothing; the attempt is over and counts as used.
    assert (closed.status, closed.timed_out, closed.score) == ("submitted", True, 0.0)
    assert not closed.items.exclude(response=None).exists()


def test_answers_sent_within_the_grace_after_the_limit_are_marked(
    enrolled: User, course: Course
) -> None:
    quiz = quiz_with([choice_question()], course=course, time_limit_minutes=10)
    attempt = services.start_attempt(enrolled, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=5))
    attempt.refresh_from_db()
    submitted = services.submit_attempt(enrolled, attempt, right_answers(attempt))
    assert (submitted.passed, submitted.timed_out) == (True, False)


def test_an_expired_attempt_is_closed_with_no_marks_when_the_learner_returns(
    enrolled: User, course: Course
) -> None:
    quiz = quiz_with([choice_question()], course=course, time_limit_minutes=10)
    attempt = services.start_attempt(enrolled, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    second = services.start_attempt(enrolled, quiz)
    expired = Attempt.objects.get(pk=attempt.pk)
    assert (expired.status, expired.timed_out, expired.score) == ("submitted", True, 0.0)
    assert second.number == 2


def test_the_time_limit_is_a_server_deadline(enrolled: User, course: Course) -> None:
    quiz = quiz_with([choice_question()], course=course, time_limit_minutes=15)
    before = timezone.now()
    attempt = services.start_attempt(enrolled, quiz)
    assert attempt.deadline is not None and before + timedelta(
        minutes=15
    ) <= attempt.deadline <= timezone.now() + timedelta(minutes=15)


def test_answer_to_a_question_not_in_the_attempt_is_refused(enrolled: User, quiz: Quiz) -> None:
    attempt = services.start_attempt(enrolled, quiz)
    stranger = choice_question()
    stranger_option = stranger.options.first()
    assert stranger_option is not None
    answers = {**right_answers(attempt), str(stranger.uuid): stranger_option.id}
    with pytest.raises(ValidationFailed) as caught:
        services.submit_attempt(enrolled, attempt, answers)
    assert caught.value.code == "question_not_in_attempt"
    assert Attempt.objects.get(pk=attempt.pk).status == "open"


@pytest.mark.parametrize(
    "value",
    ["not-a-number", 10**12, True, {"a": 1}, [1, 2], 3.5],
    ids=["text", "unknown-id", "bool", "object", "list", "float"],
)
def test_malformed_choice_answers_are_refused_and_nothing_changes(
    enrolled: User, quiz: Quiz, value: object
) -> None:
    attempt = services.start_attempt(enrolled, quiz)
    item = attempt.items.first()
    assert item is not None
    question = item.question
    with pytest.raises(ValidationFailed) as caught:
        services.submit_attempt(enrolled, attempt, {str(question.uuid): value})
    assert caught.value.code == "answer_malformed"
    assert str(question.uuid) in caught.value.fields
    assert Attempt.objects.get(pk=attempt.pk).status == "open"
    assert not Statement.objects.filter(verb_id=ANSWERED).exists()


def test_answers_that_are_not_an_object_are_malformed(enrolled: User, quiz: Quiz) -> None:
    attempt = services.start_attempt(enrolled, quiz)
    with pytest.raises(ValidationFailed) as caught:
        services.submit_attempt(enrolled, attempt, ["a"])  # type: ignore[arg-type]  # not a mapping, on purpose
    assert caught.value.code == "answer_malformed"


def test_another_learners_attempt_is_not_found(enrolled: User, quiz: Quiz, staff: User) -> None:
    attempt = services.start_attempt(enrolled, quiz)
    with pytest.raises(NotFound):
        services.submit_attempt(staff, attempt, {})


def test_learners_not_enrolled_cannot_start(learner: User, quiz: Quiz) -> None:
    with pytest.raises(PermissionDenied):
        services.start_attempt(learner, quiz)


def test_attempts_limit_is_enforced(enrolled: User, course: Course) -> None:
    quiz = quiz_with([choice_question()], course=course, max_attempts=1)
    attempt = services.start_attempt(enrolled, quiz)
    services.submit_attempt(enrolled, attempt, {})
    with pytest.raises(Conflict) as caught:
        services.start_attempt(enrolled, quiz)
    assert caught.value.code == "attempts_exhausted"


def test_starting_again_resumes_the_open_attempt(enrolled: User, quiz: Quiz) -> None:
    assert services.start_attempt(enrolled, quiz).pk == services.start_attempt(enrolled, quiz).pk


def test_random_draw_takes_questions_by_topic_and_difficulty(
    enrolled: User, course: Course
) -> None:
    bank_question = choice_question(topic="sepsis", difficulty=3)
    for _ in range(4):
        choice_question(bank=bank_question.bank, topic="sepsis", difficulty=3)
    choice_question(bank=bank_question.bank, topic="sepsis", difficulty=1)
    quiz = quiz_with(
        [],
        course=course,
        selection="random",
        bank=bank_question.bank,
        draw=[{"topic": "sepsis", "difficulty": 3, "count": 3}],
    )
    attempt = services.start_attempt(enrolled, quiz, seed=7)
    drawn = [item.question for item in attempt.items.select_related("question")]
    assert len(drawn) == 3
    assert {(q.topic, q.difficulty) for q in drawn} == {("sepsis", 3)}


def test_options_are_shuffled_per_attempt_when_asked(enrolled: User, course: Course) -> None:
    question = choice_question(texts=[f"Choice {n}" for n in range(8)])
    quiz = quiz_with([question], course=course, shuffle_options=True)
    attempt = services.start_attempt(enrolled, quiz, seed=3)
    order = attempt.items.get().option_order
    assert sorted(order) == sorted(question.options.values_list("id", flat=True))
    assert order != sorted(order)


def test_required_quiz_holds_course_completion_until_passed(enrolled: User, course: Course) -> None:
    quiz = quiz_with([choice_question()], course=course, required_for_completion=True)
    lesson = Lesson.objects.get(module__course=course)
    complete_lesson(enrolled, lesson)
    enrolment = Enrolment.objects.get(learner=enrolled, course=course)
    assert enrolment.status == "active"
    attempt = services.start_attempt(enrolled, quiz)
    services.submit_attempt(enrolled, attempt, right_answers(attempt))
    enrolment.refresh_from_db()
    assert enrolment.status == "completed"


def test_passing_records_evidence_for_the_questions_competencies(
    enrolled: User, course: Course
) -> None:
    item = CompetencyItemFactory.create(code="1.1")
    question = choice_question()
    question.competencies.add(item)
    quiz = quiz_with([question], course=course)
    attempt = services.start_attempt(enrolled, quiz)
    services.submit_attempt(enrolled, attempt, right_answers(attempt))
    evidence = Evidence.objects.get(learner=enrolled, item=item)
    assert (evidence.source, evidence.title) == ("assessment", quiz.title)
    assert evidence.expires_at is not None
    assert evidence.expires_at > timezone.now()


def _question(kind: str, **fields: object) -> Question:
    return QuestionFactory.create(kind=kind, **fields)


def test_every_question_type_is_marked_and_described_for_xapi(
    enrolled: User, course: Course
) -> None:
    true_false = _question(Question.Kind.TRUE_FALSE)
    OptionFactory.create(question=true_false, position=0, text="True", correct=True)
    OptionFactory.create(question=true_false, position=1, text="False")
    multiple = _question(Question.Kind.MULTIPLE)
    right = [
        OptionFactory.create(question=multiple, position=n, correct=n < 2).id for n in range(3)
    ][:2]
    numeric = _question(Question.Kind.NUMERIC, key={"value": 37.5, "tolerance": 0.5})
    text = _question(Question.Kind.SHORT_TEXT, key={"accepted": ["Oral rehydration salts"]})
    ordering = _question(Question.Kind.ORDERING)
    steps = [
        OptionFactory.create(question=ordering, position=n, text=f"Step {n}").id for n in range(3)
    ]
    matching = _question(Question.Kind.MATCHING)
    pairs = [
        OptionFactory.create(question=matching, position=n, text=f"Drug {n}", match=f"Use {n}").id
        for n in range(2)
    ]
    quiz = quiz_with([true_false, multiple, numeric, text, ordering, matching], course=course)
    attempt = services.start_attempt(enrolled, quiz)
    answers = {
        str(true_false.uuid): true_false.options.get(position=0).id,
        str(multiple.uuid): right,
        str(numeric.uuid): "37,8",
        str(text.uuid): "  oral   REHYDRATION salts. ",
        str(ordering.uuid): steps,
        str(matching.uuid): {str(pairs[0]): pairs[0], str(pairs[1]): pairs[1]},
    }
    done = services.submit_attempt(enrolled, attempt, answers)
    assert done.score == 6.0
    types = {
        s.data["object"]["definition"]["interactionType"]
        for s in Statement.objects.filter(verb_id=ANSWERED)
    }
    assert types == {"true-false", "choice", "numeric", "fill-in", "sequencing", "matching"}
    numeric_statement = Statement.objects.get(activity_id__endswith=str(numeric.uuid)).data
    assert numeric_statement["object"]["definition"]["correctResponsesPattern"] == ["37[:]38"]
    assert AttemptItem.objects.get(question=matching).score == 1.0


def test_matching_gives_a_share_of_the_points_per_right_pair(
    enrolled: User, course: Course
) -> None:
    matching = _question(Question.Kind.MATCHING, points=2)
    pairs = [
        OptionFactory.create(question=matching, position=n, text=f"Drug {n}", match=f"Use {n}").id
        for n in range(2)
    ]
    quiz = quiz_with([matching], course=course)
    attempt = services.start_attempt(enrolled, quiz)
    done = services.submit_attempt(
        enrolled, attempt, {str(matching.uuid): {str(pairs[0]): pairs[0], str(pairs[1]): pairs[0]}}
    )
    assert done.score == 1.0
    assert AttemptItem.objects.get(question=matching).correct is False


def test_ordering_must_name_every_item_once(enrolled: User, course: Course) -> None:
    ordering = _question(Question.Kind.ORDERING)
    steps = [OptionFactory.create(question=ordering, position=n).id for n in range(3)]
    quiz = quiz_with([ordering], course=course)
    attempt = services.start_attempt(enrolled, quiz)
    with pytest.raises(ValidationFailed) as caught:
        services.submit_attempt(enrolled, attempt, {str(ordering.uuid): [steps[0], steps[0]]})
    assert caught.value.code == "answer_malformed"


@pytest.mark.parametrize("value", ["abc", "inf", "nan", [1]], ids=["text", "inf", "nan", "list"])
def test_numeric_answers_must_be_finite_numbers(
    enrolled: User, course: Course, value: str | list[int]
) -> None:
    numeric = _question(Question.Kind.NUMERIC, key={"value": 1})
    quiz = quiz_with([numeric], course=course)
    attempt = services.start_attempt(enrolled, quiz)
    with pytest.raises(ValidationFailed):
        services.submit_attempt(enrolled, attempt, {str(numeric.uuid): value})


def test_short_text_answers_have_a_length_limit(enrolled: User, course: Course) -> None:
    text = _question(Question.Kind.SHORT_TEXT, key={"accepted": ["ORS"]})
    quiz = quiz_with([text], course=course)
    attempt = services.start_attempt(enrolled, quiz)
    with pytest.raises(ValidationFailed):
        services.submit_attempt(enrolled, attempt, {str(text.uuid): "x" * 100_000})


def test_answers_may_name_options_by_their_attempt_token(enrolled: User, quiz: Quiz) -> None:
    attempt = services.start_attempt(enrolled, quiz)
    answers = {
        str(item.question.uuid): option_token(
            attempt.uuid, item.question.options.get(correct=True).id
        )
        for item in attempt.items.select_related("question")
    }
    assert services.submit_attempt(enrolled, attempt, answers).passed is True


def test_a_token_from_another_attempt_is_malformed(enrolled: User, quiz: Quiz) -> None:
    attempt = services.start_attempt(enrolled, quiz)
    item = attempt.items.first()
    assert item is not None
    question = item.question
    foreign = option_token("another-attempt", question.options.get(correct=True).id)
    with pytest.raises(ValidationFailed) as caught:
        services.submit_attempt(enrolled, attempt, {str(question.uuid): foreign})
    assert caught.value.code == "answer_malformed"
