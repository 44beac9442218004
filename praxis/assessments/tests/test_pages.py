"""Quiz, attempt, analysis, competency, gap and pathway pages, as a learner sees them."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments import services
from praxis.assessments.models import Attempt, Option, Question, Quiz
from praxis.assessments.scoring import match_token, option_token
from praxis.assessments.tests.factories import (
    AlignmentFactory,
    OptionFactory,
    PathwayFactory,
    PathwayStepFactory,
    QuestionFactory,
    choice_question,
    quiz_with,
)
from praxis.catalog import hooks as catalog_hooks
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import EnrolmentFactory
from praxis.competencies.tests.factories import EvidenceFactory, TargetRequirementFactory

pytestmark = pytest.mark.django_db


def test_attempt_page_shows_questions_but_not_which_is_right(
    client: Client, enrolled: User, quiz: Quiz
) -> None:
    client.force_login(enrolled)
    response = client.post(reverse("assessments:start", args=[quiz.uuid]), follow=True)
    page = response.content.decode()
    assert "Before touching a patient" in page
    assert "Feedback on" not in page and "right answer" not in page
    # Options go by per-attempt tokens: database IDs would give away the order they were written.
    slot = quiz.slots.first()
    assert slot is not None
    first = slot.question.options.get(position=0)
    assert f'value="{first.id}"' not in page


def test_submitting_the_form_shows_the_score_and_review(
    client: Client, enrolled: User, quiz: Quiz
) -> None:
    client.force_login(enrolled)
    client.post(reverse("assessments:start", args=[quiz.uuid]))
    attempt = Attempt.objects.get(learner=enrolled)
    data = {
        f"q-{item.question.uuid}": item.question.options.get(correct=True).id
        for item in attempt.items.select_related("question")
    }
    response = client.post(reverse("assessments:attempt", args=[attempt.uuid]), data, follow=True)
    page = response.content.decode()
    assert "Score: 2 of 2 (100%)" in page and "Passed" in page
    assert "Feedback on Before touching a patient" in page


def test_malformed_form_answer_re_renders_with_the_message(
    client: Client, enrolled: User, quiz: Quiz
) -> None:
    client.force_login(enrolled)
    client.post(reverse("assessments:start", args=[quiz.uuid]))
    attempt = Attempt.objects.get(learner=enrolled)
    item = attempt.items.first()
    assert item is not None
    question = item.question
    response = client.post(
        reverse("assessments:attempt", args=[attempt.uuid]), {f"q-{question.uuid}": "999999"}
    )
    assert response.status_code == 400
    assert "Choose one of the options." in response.content.decode()
    assert Attempt.objects.get(pk=attempt.pk).status == "open"


def test_ordering_and_matching_forms_are_read(
    client: Client, enrolled: User, course: Course
) -> None:
    ordering = QuestionFactory.create(kind=Question.Kind.ORDERING)
    steps = [
        OptionFactory.create(question=ordering, position=n, text=f"Step {n}") for n in range(3)
    ]
    matching = QuestionFactory.create(kind=Question.Kind.MATCHING)
    pairs = [
        OptionFactory.create(question=matching, position=n, match=f"Use {n}") for n in range(2)
    ]
    quiz = quiz_with([ordering, matching], course=course)
    client.force_login(enrolled)
    client.post(reverse("assessments:start", args=[quiz.uuid]))
    attempt = Attempt.objects.get(learner=enrolled)
    token = {option.id: option_token(attempt.uuid, option.id) for option in [*steps, *pairs]}
    data = {f"q-{ordering.uuid}-{token[step.id]}": str(n + 1) for n, step in enumerate(steps)}
    data |= {
        f"q-{matching.uuid}-{token[pair.id]}": match_token(attempt.uuid, pair.id) for pair in pairs
    }
    client.post(reverse("assessments:attempt", args=[attempt.uuid]), data)
    assert Attempt.objects.get(pk=attempt.pk).score == 2.0


def _ordering_attempt(client: Client, learner: User, course: Course) -> tuple[Attempt, Question]:
    """A started attempt at a quiz of a four-step ordering and a short-text question."""
    ordering = QuestionFactory.create(
        kind=Question.Kind.ORDERING, stem="Put the steps of handwashing in order"
    )
    for n in range(4):
        OptionFactory.create(question=ordering, position=n, text=f"Step {n}")
    text = QuestionFactory.create(kind=Question.Kind.SHORT_TEXT, key={"accepted": ["ORS"]})
    quiz = quiz_with([ordering, text], course=course)
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[quiz.uuid]))
    return Attempt.objects.get(learner=learner), ordering


@pytest.mark.parametrize(
    ("ranks", "message"),
    [
        (["4", "4", "4", "4"], "Put every item in order, each once."),
        (["1", "2", "2", ""], "Put every item in order, each once."),
        (["99", "99", "99", "99"], "Enter a whole number from 1 to 4."),
        (["0", "1", "2", "3"], "Enter a whole number from 1 to 4."),
        (["one", "2", "3", "4"], "Enter a whole number from 1 to 4."),
    ],
    ids=["repeated", "repeated-and-blank", "too-high", "zero", "words"],
)
def test_ordering_numbers_out_of_range_or_repeated_are_refused_beside_the_question(
    client: Client, enrolled: User, course: Course, ranks: list[str], message: str
) -> None:
    attempt, ordering = _ordering_attempt(client, enrolled, course)
    names = [
        f"q-{ordering.uuid}-{option_token(attempt.uuid, o.id)}" for o in attempt_options(ordering)
    ]
    text_question = attempt.items.exclude(question=ordering).get().question
    data = dict(zip(names, ranks, strict=True)) | {f"q-{text_question.uuid}": "Oral rehydration"}
    response = client.post(reverse("assessments:attempt", args=[attempt.uuid]), data)
    assert response.status_code == 400
    page = response.content.decode()
    question_block = page.split("Put the steps of handwashing in order")[1].split("</fieldset>")[0]
    assert message in question_block
    assert 'value="Oral rehydration"' in page  # the other answer stays as typed
    assert Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.OPEN


def test_every_questions_problem_is_reported_at_once_beside_its_field(
    client: Client, enrolled: User, course: Course
) -> None:
    ordering = QuestionFactory.create(
        kind=Question.Kind.ORDERING, stem="Put the steps of handwashing in order"
    )
    for n in range(4):
        OptionFactory.create(question=ordering, position=n, text=f"Step {n}")
    numeric = QuestionFactory.create(
        kind=Question.Kind.NUMERIC, stem="How many seconds?", key={"value": 30, "tolerance": 0}
    )
    quiz = quiz_with([ordering, numeric], course=course)
    client.force_login(enrolled)
    client.post(reverse("assessments:start", args=[quiz.uuid]))
    attempt = Attempt.objects.get(learner=enrolled)
    names = [
        f"q-{ordering.uuid}-{option_token(attempt.uuid, o.id)}" for o in attempt_options(ordering)
    ]
    data = dict(zip(names, ["1", "1", "x", "99"], strict=True)) | {f"q-{numeric.uuid}": "trente"}
    response = client.post(reverse("assessments:attempt", args=[attempt.uuid]), data)
    assert response.status_code == 400
    page = response.content.decode()

    def error_of(name: str) -> str:
        return page.split(f'id="id_{name}_error">')[1].split("</p>")[0]

    assert error_of(names[0]) == "Put every item in order, each once."
    assert error_of(names[2]) == error_of(names[3]) == "Enter a whole number from 1 to 4."
    assert error_of(f"q-{numeric.uuid}") == "Give a number."
    assert 'value="trente"' in page  # as typed
    assert Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.OPEN


def test_a_numeric_answer_with_a_decimal_comma_is_read(
    client: Client, enrolled: User, course: Course
) -> None:
    numeric = QuestionFactory.create(
        kind=Question.Kind.NUMERIC, stem="Temperature?", key={"value": 37.5, "tolerance": 0}
    )
    quiz = quiz_with([numeric], course=course)
    client.force_login(enrolled)
    client.post(reverse("assessments:start", args=[quiz.uuid]))
    attempt = Attempt.objects.get(learner=enrolled)
    client.post(reverse("assessments:attempt", args=[attempt.uuid]), {f"q-{numeric.uuid}": "37,5"})
    assert Attempt.objects.get(pk=attempt.pk).score == 1.0


def test_the_error_summary_names_the_item_in_its_own_direction(
    client: Client, enrolled: User, course: Course
) -> None:
    ordering = QuestionFactory.create(kind=Question.Kind.ORDERING)
    washing = OptionFactory.create(question=ordering, position=0, text="غسل اليدين")
    OptionFactory.create(question=ordering, position=1, text="Dry hands")
    quiz = quiz_with([ordering], course=course)
    client.force_login(enrolled)
    client.post(reverse("assessments:start", args=[quiz.uuid]))
    attempt = Attempt.objects.get(learner=enrolled)
    field = f"q-{ordering.uuid}-{option_token(attempt.uuid, washing.id)}"
    page = client.post(reverse("assessments:attempt", args=[attempt.uuid]), {field: "7"}).text
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert (
        f'<a href="#id_{field}"><bdi>غسل اليدين</bdi>: Enter a whole number from 1 to 2.</a>'
        in (summary)
    )


def test_an_ordering_left_blank_is_unanswered(
    client: Client, enrolled: User, course: Course
) -> None:
    attempt, _ordering = _ordering_attempt(client, enrolled, course)
    client.post(reverse("assessments:attempt", args=[attempt.uuid]), {})
    assert Attempt.objects.get(pk=attempt.pk).status == Attempt.Status.SUBMITTED


def test_an_ordering_numbered_in_arabic_indic_digits_is_read(
    client: Client, enrolled: User, course: Course
) -> None:
    attempt, ordering = _ordering_attempt(client, enrolled, course)
    names = [
        f"q-{ordering.uuid}-{option_token(attempt.uuid, o.id)}" for o in attempt_options(ordering)
    ]
    data = dict(zip(names, ["١", "٢", "٣", "٤"], strict=True))
    client.post(reverse("assessments:attempt", args=[attempt.uuid]), data)
    assert attempt.items.get(question=ordering).correct is True


def attempt_options(question: Question) -> list[Option]:
    return list(question.options.order_by("position"))


def test_another_learners_attempt_page_is_not_found(
    client: Client, enrolled: User, quiz: Quiz, staff: User
) -> None:
    client.force_login(enrolled)
    client.post(reverse("assessments:start", args=[quiz.uuid]))
    attempt = Attempt.objects.get(learner=enrolled)
    client.force_login(staff)
    assert client.get(reverse("assessments:attempt", args=[attempt.uuid])).status_code == 404


def test_analysis_page_shows_kr20_with_n_for_staff(client: Client, staff: User, quiz: Quiz) -> None:
    client.force_login(staff)
    page = client.get(reverse("assessments:analysis", args=[quiz.uuid])).content.decode()
    assert "KR-20" in page and "n = 0" in page


def analysed_quiz(course: Course) -> Quiz:
    """A quiz of a one-point and a two-point question, answered right (1) or wrong (0) in three
    attempts: 11, 10 and 01. Mean scores: 2/3 of 1, 4/3 of 2, and 2 of 3 for the quiz."""
    questions = [choice_question(points=1), choice_question(points=2)]
    quiz = quiz_with(questions, course=course)
    for row in ["11", "10", "01"]:
        learner = UserFactory.create()
        EnrolmentFactory.create(learner=learner, course=course)
        attempt = services.start_attempt(learner, quiz)
        answers: dict[str, object] = {
            str(question.uuid): question.options.get(position=0 if mark == "1" else 1).id
            for question, mark in zip(questions, row, strict=True)
        }
        services.submit_attempt(learner, attempt, answers)
    return quiz


def row_cells(page: str, header: str) -> list[str]:
    """The cells' text of the first row of a table whose column headers include `header`,
    in the order of its headers."""
    table = next(t for t in re.findall(r"<table>.*?</table>", page, re.S) if header in t)
    row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", table, re.S)
    assert row is not None
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row.group(1), re.S)
    ]


def test_analysis_page_says_what_each_mean_score_is_out_of(
    client: Client, staff: User, course: Course
) -> None:
    quiz = analysed_quiz(course)
    client.force_login(staff)
    page = client.get(reverse("assessments:analysis", args=[quiz.uuid])).content.decode()
    assert re.search(r"<dt>Mean score</dt><dd>2.00 out of 3</dd>", page)
    headers = re.findall(r'<th scope="col">([^<]*)</th>', page)
    assert headers[:4] == ["Question", "n", "Mean score", "Difficulty"]
    first_row = row_cells(page, "Mean score")
    assert first_row[1:4] == ["3", "0.67 out of 1", "0.67"]
    assert "1.33 out of 2" in page  # the two-point question


def test_analysis_page_writes_mean_scores_in_the_readers_locale(
    client: Client, staff: User, course: Course
) -> None:
    quiz = analysed_quiz(course)
    client.force_login(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(reverse("assessments:analysis", args=[quiz.uuid])).content.decode()
    assert "1,33" in page and "2,00" in page  # a decimal comma in French
    assert "1.33" not in page


def test_analysis_page_is_refused_to_learners(client: Client, enrolled: User, quiz: Quiz) -> None:
    client.force_login(enrolled)
    assert client.get(reverse("assessments:analysis", args=[quiz.uuid])).status_code == 403


def test_my_competencies_draws_the_chart_and_the_table(client: Client, learner: User) -> None:
    evidence = EvidenceFactory.create(learner=learner, level=4, title="Self-assessment")
    client.force_login(learner)
    page = client.get(reverse("assessments:my_competencies")).content.decode()
    assert "<svg" in page and '<table class="stack">' in page
    assert evidence.item.code in page and "level 4" in page


def test_self_assessment_form_out_of_scale_shows_an_error(client: Client, learner: User) -> None:
    evidence = EvidenceFactory.create(learner=learner)
    client.force_login(learner)
    response = client.post(
        reverse("assessments:my_competencies"),
        {"item": str(evidence.item.identifier), "level": "9"},
        follow=True,
    )
    assert "Choose a level from 1 to 5." in response.content.decode()


def test_gaps_page_recommends_with_a_reason(client: Client, learner: User) -> None:
    requirement = TargetRequirementFactory.create(level=2)
    alignment = AlignmentFactory.create(item=requirement.item)
    client.force_login(learner)
    url = reverse("assessments:my_gaps") + f"?target={requirement.profile.slug}"
    page = client.get(url).content.decode()
    assert alignment.course.title in page
    assert f"Teaches {requirement.item.code}" in page


def test_pathway_page_lists_courses_in_order(client: Client) -> None:
    pathway = PathwayFactory.create()
    steps = [PathwayStepFactory.create(pathway=pathway, position=n) for n in range(2)]
    page = client.get(reverse("assessments:pathway", args=[pathway.slug])).content.decode()
    assert page.index(steps[0].course.title) < page.index(steps[1].course.title)


def test_course_quiz_list_page(client: Client, quiz: Quiz) -> None:
    page = client.get(reverse("assessments:course_quizzes", args=[quiz.course.slug]))
    assert quiz.title in page.content.decode()


def test_quiz_page_needs_login_to_start(client: Client, quiz: Quiz) -> None:
    response = client.post(reverse("assessments:start", args=[quiz.uuid]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_unpublished_quiz_is_not_found(client: Client, course: Course) -> None:
    quiz = quiz_with([choice_question()], course=course, published=False)
    assert client.get(reverse("assessments:quiz", args=[quiz.uuid])).status_code == 404


@pytest.mark.parametrize(
    "name", ["quiz", "question", "questionbank", "attempt", "alignment", "pathway"]
)
def test_back_office_lists_open_for_staff(
    client: Client, staff: User, quiz: Quiz, name: str
) -> None:
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    assert client.get(reverse(f"admin:assessments_{name}_changelist")).status_code == 200


def test_back_office_quiz_form_opens(client: Client, staff: User, quiz: Quiz) -> None:
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    assert client.get(reverse("admin:assessments_quiz_change", args=[quiz.pk])).status_code == 200


def test_shared_course_links_hook_offers_the_quizzes(quiz: Quiz) -> None:
    answers = [a for a in catalog_hooks.shared_course_links.ask(course=quiz.course) if a]
    assert (
        "Quizzes",
        reverse("assessments:course_quizzes", args=[quiz.course.slug]),
    ) in [(str(label), url) for label, url in answers]
