"""A course's quizzes and alignments as content, for a working copy of the course to start from."""

from __future__ import annotations

from django.db.models import Prefetch

from praxis.assessments.models import (
    Alignment,
    QuestionBank,
    Quiz,
    QuizQuestion,
)
from praxis.assessments.publishing import (
    AlignmentContent,
    CaseContent,
    OptionContent,
    QuestionContent,
    QuizContent,
    quiz_settings,
)
from praxis.catalog.models import Course


def quiz_contents(course: Course) -> list[QuizContent]:
    """The course's published quizzes with their fixed questions and answer keys, as a working
    copy of the course starts from (never shown to learners)."""
    quizzes = list(
        Quiz.objects.filter(course=course, published=True)
        .select_related("pre_test")
        .prefetch_related(
            Prefetch(
                "slots",
                queryset=QuizQuestion.objects.select_related("question__case").prefetch_related(
                    "question__options", "question__competencies"
                ),
            )
        )
        .order_by("position", "id")
    )
    return [
        QuizContent(
            key=quiz.uuid,
            title=quiz.title,
            after_module_id=quiz.after_module_id,
            pre_test_key=quiz.pre_test.uuid if quiz.pre_test else None,
            **quiz_settings(quiz),
            bank_id=quiz.bank_id,
            draw=list(quiz.draw),
            questions=[
                QuestionContent(
                    key=slot.question.uuid,
                    kind=slot.question.kind,
                    stem=slot.question.stem,
                    topic=slot.question.topic,
                    difficulty=slot.question.difficulty,
                    points=slot.question.points,
                    feedback=slot.question.feedback,
                    answer_key=dict(slot.question.key),
                    options=[
                        OptionContent(o.text, o.match, o.correct, o.feedback)
                        for o in slot.question.options.all()
                    ],
                    competency_ids=[c.id for c in slot.question.competencies.all()],
                    case=CaseContent(
                        slot.question.case.key,
                        slot.question.case.title,
                        slot.question.case.vignette,
                    )
                    if slot.question.case
                    else None,
                )
                for slot in quiz.slots.all()
            ]
            if quiz.selection == Quiz.Selection.FIXED
            else [],
        )
        for quiz in quizzes
    ]


def alignment_contents(course: Course) -> list[AlignmentContent]:
    """What the course and its lessons teach, lessons named by their key."""
    return [
        AlignmentContent(
            item_id=a.item_id, level=a.level, lesson_key=a.lesson.uuid if a.lesson else None
        )
        for a in Alignment.objects.filter(course=course).select_related("lesson").order_by("id")
    ]


def counterpart_bank_id(bank_id: int | None, language: str) -> int | None:
    """The bank imported together with `bank_id` in another language, if there is one."""
    bank = QuestionBank.objects.filter(pk=bank_id).first() if bank_id else None
    if bank is None or not bank.translation_key:
        return None
    twin = QuestionBank.objects.filter(translation_key=bank.translation_key, language=language)
    return twin.values_list("id", flat=True).first()
