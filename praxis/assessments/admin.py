"""The staff back office for question banks, quizzes, alignments and pathways. Attempts are
read-only: marks change only through submission."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from praxis.assessments.models import (
    Alignment,
    Attempt,
    Case,
    Option,
    Pathway,
    PathwayStep,
    Question,
    QuestionBank,
    Quiz,
    QuizQuestion,
)


class OptionInline(admin.TabularInline[Option, Question]):
    model = Option
    extra = 0
    fields = ["position", "text", "match", "correct", "feedback"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin[Question]):
    list_display = ["stem", "kind", "bank", "topic", "difficulty"]
    list_filter = ["kind", "difficulty", "bank__language"]
    search_fields = ["stem", "topic"]
    autocomplete_fields = ["competencies"]
    inlines = [OptionInline]
    list_select_related = ["bank"]


class CaseInline(admin.StackedInline[Case, QuestionBank]):
    model = Case
    extra = 0


@admin.register(QuestionBank)
class QuestionBankAdmin(admin.ModelAdmin[QuestionBank]):
    list_display = ["title", "language", "course", "organisation"]
    list_filter = ["language"]
    search_fields = ["title"]
    raw_id_fields = ["course", "organisation"]
    inlines = [CaseInline]


class QuizQuestionInline(admin.TabularInline[QuizQuestion, Quiz]):
    model = QuizQuestion
    extra = 0
    raw_id_fields = ["question"]


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin[Quiz]):
    list_display = ["title", "course", "kind", "pass_mark", "required_for_completion", "published"]
    list_filter = ["kind", "published", "required_for_completion"]
    search_fields = ["title", "course__title"]
    raw_id_fields = ["course", "after_module", "pre_test", "bank"]
    inlines = [QuizQuestionInline]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin[Attempt]):
    list_display = ["quiz", "learner", "number", "status", "score", "max_score", "passed"]
    list_filter = ["status", "passed"]
    list_select_related = ["quiz", "learner"]
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Alignment)
class AlignmentAdmin(admin.ModelAdmin[Alignment]):
    list_display = ["course", "lesson", "item", "level"]
    raw_id_fields = ["course", "lesson"]
    autocomplete_fields = ["item"]
    list_select_related = ["course", "lesson", "item"]


class PathwayStepInline(admin.TabularInline[PathwayStep, Pathway]):
    model = PathwayStep
    extra = 0
    raw_id_fields = ["course"]


@admin.register(Pathway)
class PathwayAdmin(admin.ModelAdmin[Pathway]):
    list_display = ["title", "language", "published"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [PathwayStepInline]
