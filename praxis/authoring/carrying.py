"""Carrying a course's quizzes, questions and competency alignments into a draft (a new version
or a translation), and handing the draft's back to the assessments app when it is published."""

from __future__ import annotations

import uuid

from praxis.assessments import publishing
from praxis.assessments import queries as assessment_queries
from praxis.authoring.models import (
    Draft,
    DraftAlignment,
    DraftCase,
    DraftLesson,
    DraftModule,
    DraftQuestion,
    DraftQuiz,
)
from praxis.catalog.models import Course, CourseVersion, Lesson
from praxis.catalog.versions import is_first_publication


def copy_assessments(
    draft: Draft,
    course: Course,
    modules: dict[int, DraftModule],
    *,
    as_translation: bool,
) -> None:
    """Copy the course's published quizzes and alignments into a new draft. `modules` maps a
    catalog module ID to the draft module copied from it. A translation gets new keys."""
    contents = assessment_queries.quiz_contents(course)
    new_keys = {
        content.key: (uuid.uuid4() if as_translation else content.key) for content in contents
    }
    case_keys = _copy_cases(draft, contents, as_translation=as_translation)
    for position, content in enumerate(contents):
        quiz = DraftQuiz.objects.create(
            draft=draft,
            key=new_keys[content.key],
            position=position,
            title=content.title,
            pre_test_key=new_keys.get(content.pre_test_key) if content.pre_test_key else None,
            after_module=modules.get(content.after_module_id or 0),
            **publishing.quiz_settings(content),
            bank_id=assessment_queries.counterpart_bank_id(content.bank_id, draft.language)
            if as_translation
            else content.bank_id,
            draw=content.draw,
        )
        DraftQuestion.objects.bulk_create(
            DraftQuestion(
                quiz=quiz,
                key=uuid.uuid4() if as_translation else question.key,
                position=number,
                kind=question.kind,
                stem=question.stem,
                topic=question.topic,
                difficulty=question.difficulty,
                points=question.points,
                feedback=question.feedback,
                answer_key=question.answer_key,
                options=[
                    {"text": o.text, "match": o.match, "correct": o.correct, "feedback": o.feedback}
                    for o in question.options
                ],
                competency_ids=question.competency_ids,
                case_key=case_keys[question.case.key] if question.case else None,
            )
            for number, question in enumerate(content.questions)
        )
    lesson_keys = {
        lesson.source_key if as_translation else lesson.key: lesson.key
        for lesson in DraftLesson.objects.filter(module__draft=draft)
    }
    DraftAlignment.objects.bulk_create(
        DraftAlignment(
            draft=draft,
            item_id=alignment.item_id,
            level=alignment.level,
            lesson_key=lesson_keys.get(alignment.lesson_key) if alignment.lesson_key else None,
        )
        for alignment in assessment_queries.alignment_contents(course)
        if alignment.lesson_key is None or alignment.lesson_key in lesson_keys
    )


def _copy_cases(
    draft: Draft, contents: list[publishing.QuizContent], *, as_translation: bool
) -> dict[uuid.UUID, uuid.UUID]:
    """Copy the clinical cases the quizzes' questions share; their key → the draft case's."""
    found = {
        question.case.key: question.case
        for content in contents
        for question in content.questions
        if question.case
    }
    keys = {key: (uuid.uuid4() if as_translation else key) for key in found}
    DraftCase.objects.bulk_create(
        DraftCase(
            draft=draft,
            key=keys[key],
            position=number,
            title=case.title[:200],
            vignette=case.vignette,
        )
        for number, (key, case) in enumerate(found.items())
    )
    return keys


def _catalog_modules(draft: Draft, course: Course) -> dict[int, int]:
    """Draft module ID → the catalog module it became in the version just published."""
    catalog_ids = set(course.modules.values_list("id", flat=True))
    by_lesson = dict(Lesson.objects.filter(module__course=course).values_list("uuid", "module_id"))
    found: dict[int, int] = {}
    for position, module in enumerate(draft.modules.prefetch_related("lessons")):
        if module.source_module_id in catalog_ids:
            found[module.pk] = int(module.source_module_id or 0)
            continue
        keys = [lesson.key for lesson in module.lessons.all() if lesson.key in by_lesson]
        if keys:
            found[module.pk] = by_lesson[keys[0]]
            continue
        same = course.modules.filter(position=position, title=module.title[:200]).order_by("-id")
        module_id = same.values_list("id", flat=True).first()
        if module_id is not None:
            found[module.pk] = module_id
    return found


def publish_assessments(draft: Draft, version: CourseVersion) -> None:
    """Publish the draft's quizzes and alignments with `version`, and list the quiz changes
    among the version's changes (the first publication of a course lists none)."""
    if not draft.carries_assessments:
        return
    course = version.course
    modules = _catalog_modules(draft, course)
    quizzes = list(draft.quizzes.prefetch_related("questions"))
    cases = {
        case.key: publishing.CaseContent(case.key, case.title, case.vignette)
        for case in draft.cases.all()
    }
    contents = [
        publishing.QuizContent(
            key=quiz.key,
            title=quiz.title,
            after_module_id=modules.get(quiz.after_module_id or 0),
            pre_test_key=quiz.pre_test_key,
            **publishing.quiz_settings(quiz),
            bank_id=quiz.bank_id,
            draw=list(quiz.draw),
            questions=[
                publishing.QuestionContent(
                    key=question.key,
                    kind=question.kind,
                    stem=question.stem,
                    topic=question.topic,
                    difficulty=question.difficulty,
                    points=question.points,
                    feedback=question.feedback,
                    answer_key=dict(question.answer_key),
                    options=[
                        publishing.OptionContent(
                            text=o["text"],
                            match=o.get("match", ""),
                            correct=bool(o.get("correct")),
                            feedback=o.get("feedback", ""),
                        )
                        for o in question.options
                    ],
                    competency_ids=list(question.competency_ids),
                    case=cases.get(question.case_key) if question.case_key else None,
                )
                for question in quiz.questions.all()
            ],
        )
        for quiz in quizzes
    ]
    changes = publishing.publish_course_quizzes(course, draft.language, contents)
    publishing.replace_alignments(
        course,
        [
            publishing.AlignmentContent(item_id=a.item_id, level=a.level, lesson_key=a.lesson_key)
            for a in draft.alignments.all()
        ],
    )
    if changes and not is_first_publication(version):
        version.changes = [*version.changes, *changes]
        version.save(update_fields=["changes"])
