"""The staff back office for courses. Publishing, archiving and lesson content go through the
services, so the search index, sanitised HTML and file limits hold here as everywhere."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from praxis.accounts.auth import SignedInRequest
from praxis.catalog import services
from praxis.catalog.content import video_errors
from praxis.catalog.models import (
    Course,
    Enrolment,
    Lesson,
    LessonFile,
    Module,
    Topic,
    TranslationGroup,
)
from praxis.catalog.search import forget_course
from praxis.core.errors import PraxisError


class ModuleInline(admin.TabularInline[Module, Course]):
    model = Module
    extra = 0
    fields = ["position", "title", "lessons_link"]
    readonly_fields = ["lessons_link"]

    @admin.display(description=_("lessons"))
    def lessons_link(self, module: Module) -> str:
        if module.pk is None:
            return ""
        url = reverse("admin:catalog_module_change", args=[module.pk])
        return format_html('<a href="{}">{}</a>', url, _("Edit lessons"))


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin[Course]):
    list_display = ["title", "language", "level", "status", "published_at"]
    list_filter = ["status", "language", "level", "topics"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics", "organisations"]
    readonly_fields = ["status", "published_at", "uuid"]
    inlines = [ModuleInline]
    actions = ["publish", "archive"]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Topics are saved only now, and they are part of what search finds.
        services.reindex_course(form.instance)

    def delete_model(self, request: HttpRequest, obj: Course) -> None:
        course_id = obj.pk
        super().delete_model(request, obj)
        forget_course(course_id)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Course]) -> None:
        course_ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        for course_id in course_ids:
            forget_course(course_id)

    @admin.action(description=_("Publish the selected courses"))
    def publish(self, request: SignedInRequest, queryset: QuerySet[Course]) -> None:
        for course in queryset:
            services.publish_course(course, by=request.user)
        self.message_user(request, _("Published."), messages.SUCCESS)

    @admin.action(description=_("Archive the selected courses"))
    def archive(self, request: SignedInRequest, queryset: QuerySet[Course]) -> None:
        for course in queryset:
            services.archive_course(course, by=request.user)
        self.message_user(request, _("Archived."), messages.SUCCESS)


class LessonInline(admin.TabularInline[Lesson, Module]):
    model = Lesson
    extra = 0
    fields = ["position", "title", "archived", "edit_link"]
    readonly_fields = ["title", "archived", "edit_link"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # lessons are written on their own page, where their content is sanitised

    @admin.display(description=_("edit"))
    def edit_link(self, lesson: Lesson) -> str:
        url = reverse("admin:catalog_lesson_change", args=[lesson.pk])
        return format_html('<a href="{}">{}</a>', url, _("Edit"))


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin[Module]):
    list_display = ["title", "course", "position"]
    list_select_related = ["course"]
    search_fields = ["title", "course__title"]
    inlines = [LessonInline]


class LessonForm(forms.ModelForm[Lesson]):
    video_url = forms.URLField(
        label=_("video link"),
        required=False,
        assume_scheme="https",
        help_text=_("A link only: videos are never embedded, and never required to progress."),
    )

    class Meta:
        model = Lesson
        fields = [
            "module",
            "position",
            "title",
            "body",
            "video_url",
            "transcript",
            "estimated_minutes",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        errors = video_errors(
            (cleaned.get("video_url") or "").strip(), cleaned.get("transcript") or ""
        )
        for field, messages_ in errors.items():
            self.add_error(field, [str(message) for message in messages_])
        return cleaned


class LessonFileForm(forms.ModelForm[LessonFile]):
    class Meta:
        model = LessonFile
        fields = ["title", "file"]

    def clean_file(self) -> Any:
        uploaded = self.cleaned_data["file"]
        if uploaded is not None and getattr(uploaded, "size", None) is not None:
            try:
                services.check_file_size(uploaded.size)
            except PraxisError as error:
                raise forms.ValidationError(str(error.message)) from error
        return uploaded


class LessonFileInline(admin.TabularInline[LessonFile, Lesson]):
    model = LessonFile
    form = LessonFileForm
    extra = 1
    readonly_fields = ["size"]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin[Lesson]):
    form = LessonForm
    list_display = ["title", "module", "position", "archived"]
    list_filter = ["archived", "module__course"]
    list_select_related = ["module__course"]
    search_fields = ["title", "module__course__title"]
    readonly_fields = ["archived"]
    inlines = [LessonFileInline]
    actions = ["archive"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # archive instead: learners' progress refers to lessons

    def save_model(self, request: HttpRequest, obj: Lesson, form: Any, change: bool) -> None:
        services.save_lesson_body(obj, obj.body)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not LessonFile:
            super().save_formset(request, form, formset, change)
            return
        changed = formset.save(commit=False)
        for removed in formset.deleted_objects:
            removed.delete()
        for attachment in changed:
            if attachment.pk is None:
                services.add_lesson_file(form.instance, attachment.title, attachment.file.file)
            else:
                attachment.save()

    @admin.action(description=_("Archive the selected lessons (progress is kept)"))
    def archive(self, request: HttpRequest, queryset: QuerySet[Lesson]) -> None:
        for lesson in queryset:
            services.archive_lesson(lesson)
        self.message_user(request, _("Archived."), messages.SUCCESS)


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin[Enrolment]):
    list_display = ["learner", "course", "status", "created_at", "completed_at", "withdrawn_at"]
    list_filter = ["status"]
    list_select_related = ["learner", "course"]
    search_fields = ["learner__email", "learner__full_name", "course__title"]
    readonly_fields = [f.name for f in Enrolment._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # learners enrol themselves, through the service

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin[Topic]):
    list_display = ["slug", "names"]
    search_fields = ["slug"]

    def save_model(self, request: HttpRequest, obj: Topic, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Topic names are searched as part of each course that has the topic.
        for course in obj.courses.prefetch_related("topics"):
            services.reindex_course(course)


@admin.register(TranslationGroup)
class TranslationGroupAdmin(admin.ModelAdmin[TranslationGroup]):
    search_fields = ["key"]
