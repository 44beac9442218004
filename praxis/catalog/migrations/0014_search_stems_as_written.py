"""On PostgreSQL, the stems in the course and lesson search indexes are made again from the text
as written: a word is now stemmed with its accents and its stem folded (praxis.core.text_search.
stems), so that "vacinações" and "Vacinação" share "vacin", where the stems of the folded words
the rows hold did not. Only the unweighted part of a course's `document` changes; lesson rows
are written anew. Nothing on other databases, whose index holds no stems; nothing to undo."""

from collections import defaultdict
from typing import Any

from django.db import migrations

from praxis.catalog.lesson_search import write_rows
from praxis.catalog.search import unweighted_words

BATCH = 500


def restem(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    Course = apps.get_model("catalog", "Course")
    Lesson = apps.get_model("catalog", "Lesson")
    with schema_editor.connection.cursor() as cursor:
        lessons = Lesson.objects.order_by("id").values_list(
            "id", "title", "module__course__language"
        )
        batch: list[tuple[int, str, str]] = []
        for row in lessons.iterator(chunk_size=BATCH):
            batch.append(row)
            if len(batch) >= BATCH:
                write_rows(cursor, "postgresql", batch)
                batch = []
        write_rows(cursor, "postgresql", batch)
        courses = Course.objects.order_by("id").prefetch_related("topics")
        chunk: list[Any] = []
        for course in courses.iterator(chunk_size=BATCH):
            chunk.append(course)
            if len(chunk) >= BATCH:
                _restem_courses(cursor, Lesson, chunk)
                chunk = []
        _restem_courses(cursor, Lesson, chunk)


def _restem_courses(cursor: Any, Lesson: Any, courses: list[Any]) -> None:
    # The course's texts as praxis.catalog.search indexes them: title, summary, objectives
    # with its lessons' caption transcripts, topic names.
    transcripts: dict[int, list[str]] = defaultdict(list)
    captions = Lesson.objects.filter(
        module__course_id__in=[course.pk for course in courses], archived=False
    ).values_list("module__course_id", "captions")
    for course_id, tracks in captions:
        transcripts[course_id].extend(str(track.get("text", "")) for track in tracks)
    rows = []
    for course in courses:
        topic_names = [name for topic in course.topics.all() for name in topic.names.values()]
        objectives = [str(item) for item in course.objectives or []]
        texts = [
            course.title,
            course.summary,
            "\n".join([*objectives, *transcripts[course.pk]]),
            "\n".join(topic_names),
        ]
        rows.append((unweighted_words(texts, course.language), course.pk))
    cursor.executemany(
        "UPDATE catalog_course_search"
        " SET document = ranking || setweight(to_tsvector('simple', %s), 'D')"
        " WHERE course_id = %s",
        rows,
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0013_search_scale_indexes")]

    operations = [migrations.RunPython(restem, migrations.RunPython.noop)]
