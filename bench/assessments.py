"""Benchmark: quiz submissions per second, and item analysis of a quiz with 10,000 attempts.

Runs in this process against a throwaway test database that Django creates and destroys (in
memory for SQLite; test_<name> on PostgreSQL when DATABASE_URL is set).

1. Submission throughput: BENCH_QUIZ_SUBMISSIONS learners (300), each enrolled, start and
   submit an attempt at a 20-question quiz through the services (marking, 21 xAPI statements
   and competency evidence per submission), one after another in one process (one core).
2. Item analysis: BENCH_QUIZ_ATTEMPTS submitted attempts (10,000) at the same quiz, written
   with bulk inserts with answers drawn from a simple ability model, then `quiz_analysis`
   timed (the best of BENCH_QUIZ_ROUNDS, 3). The aim is under a second.
Figures are printed; nothing passes or fails on time.
"""

from __future__ import annotations

import cProfile
import math
import os
import pstats
import random
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")

import django  # noqa: E402  # django.setup() must run first

django.setup()

from django.db import connection, transaction  # noqa: E402  # django.setup() must run first
from django.test.utils import setup_test_environment  # noqa: E402  # django.setup() must run first
from django.utils import timezone  # noqa: E402  # django.setup() must run first

if TYPE_CHECKING:
    from praxis.accounts.models import User
    from praxis.assessments.models import Option, Quiz

SUBMISSIONS = int(os.environ.get("BENCH_QUIZ_SUBMISSIONS", "300"))
ATTEMPTS = int(os.environ.get("BENCH_QUIZ_ATTEMPTS", "10000"))
ROUNDS = int(os.environ.get("BENCH_QUIZ_ROUNDS", "3"))
QUESTIONS = 20
BATCH = 5000


def say(line: str = "") -> None:
    print(line, flush=True)


def main() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def build_quiz() -> Quiz:
    from praxis.assessments.models import Option, Question, QuestionBank, Quiz, QuizQuestion
    from praxis.catalog.models import Course, Lesson, Module
    from praxis.competencies.models import CompetencyItem

    course = Course.objects.create(
        slug="bench-quiz",
        title="Bench quiz course",
        summary="-",
        language="en",
        status=Course.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    module = Module.objects.create(course=course, title="Module")
    Lesson.objects.create(module=module, title="Lesson")
    bank = QuestionBank.objects.create(title="Bench bank", language="en", course=course)
    quiz = Quiz.objects.create(course=course, title="Bench quiz", pass_mark=60)
    competency = CompetencyItem.objects.filter(code="6").first()
    for number in range(QUESTIONS):
        question = Question.objects.create(
            bank=bank, kind=Question.Kind.SINGLE, stem=f"Question {number}", difficulty=2
        )
        if competency is not None:
            question.competencies.add(competency)
        Option.objects.bulk_create(
            Option(question=question, position=p, text=f"Option {p}", correct=p == 0)
            for p in range(4)
        )
        QuizQuestion.objects.create(quiz=quiz, question=question, position=number)
    return quiz


def make_learners(count: int, prefix: str) -> list[User]:
    from praxis.accounts.models import User

    User.objects.bulk_create(
        User(email=f"{prefix}{n}@bench.example", full_name=f"Learner {n}", password="!")  # noqa: S106  (unusable)
        for n in range(count)
    )
    return list(User.objects.filter(email__startswith=prefix).order_by("id"))


def bench_submissions(quiz: Quiz) -> float:
    from praxis.assessments import services
    from praxis.catalog.models import Enrolment

    learners = make_learners(SUBMISSIONS, "submit")
    Enrolment.objects.bulk_create(Enrolment(learner=u, course=quiz.course) for u in learners)
    rng = random.Random(1)
    started = time.perf_counter()
    for learner in learners:
        attempt = services.start_attempt(learner, quiz, seed=rng.randrange(1 << 30))
        answers = {
            str(item.question.uuid): rng.choice(item.option_order)
            for item in attempt.items.select_related("question")
        }
        services.submit_attempt(learner, attempt, answers)
    elapsed = time.perf_counter() - started
    return SUBMISSIONS / elapsed


def fill_attempts(quiz: Quiz) -> None:
    from praxis.assessments.models import Attempt, AttemptItem, Option

    learners = make_learners(ATTEMPTS, "analyse")
    slots = list(quiz.slots.select_related("question").order_by("position"))
    options: dict[int, list[Option]] = {}
    for option in Option.objects.filter(question__in=[s.question for s in slots]):
        options.setdefault(option.question_id, []).append(option)
    rng = random.Random(2)
    difficulty = {s.question_id: rng.uniform(-1.5, 1.5) for s in slots}
    now = timezone.now()
    for start in range(0, len(learners), BATCH):
        chunk = learners[start : start + BATCH]
        with transaction.atomic():
            attempts = Attempt.objects.bulk_create(
                Attempt(
                    quiz=quiz,
                    learner=learner,
                    status=Attempt.Status.SUBMITTED,
                    submitted_at=now,
                    max_score=QUESTIONS,
                    score=0,
                )
                for learner in chunk
            )
            items = []
            for attempt in attempts:
                ability = rng.gauss(0, 1)
                for slot in slots:
                    chance = 1 / (1 + math.exp(-(ability - difficulty[slot.question_id])))
                    choices = options[slot.question_id]
                    right = rng.random() < chance
                    chosen = choices[0] if right else rng.choice(choices[1:])
                    items.append(
                        AttemptItem(
                            attempt=attempt,
                            question_id=slot.question_id,
                            position=slot.position,
                            option_order=[o.id for o in choices],
                            response=chosen.id,
                            score=1.0 if right else 0.0,
                            correct=right,
                        )
                    )
            AttemptItem.objects.bulk_create(items, batch_size=BATCH)


def run() -> None:
    from praxis.assessments.queries import quiz_analysis

    say("== assessments")
    quiz = build_quiz()
    rate = bench_submissions(quiz)
    say(f"quiz submissions ({QUESTIONS} questions, marking + xAPI + evidence): {rate:.1f}/s")
    say(f"building {ATTEMPTS:,} attempts for item analysis …")
    fill_attempts(quiz)
    best = best_cpu = math.inf
    figures = None
    for _ in range(ROUNDS):
        started, started_cpu = time.perf_counter(), time.process_time()
        figures = quiz_analysis(quiz)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    assert figures is not None
    # CPU time of this process too: on a busy machine the elapsed time measures the others.
    say(
        f"item analysis, {figures.attempts:,} attempts x {QUESTIONS} questions: "
        f"{best:.3f} s elapsed, {best_cpu:.3f} s CPU in this process (best of {ROUNDS}); "
        f"KR-20 {figures.kr20:.3f}"
    )
    if os.environ.get("BENCH_QUIZ_PROFILE"):
        profiler = cProfile.Profile()
        profiler.runcall(quiz_analysis, quiz)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
