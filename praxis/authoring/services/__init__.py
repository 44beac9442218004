"""Every change to a draft, by subject: drafting (writing), reviewing (comments and the quality
review) and publishing. This package is authoring's public entry for other apps and its views."""

from praxis.authoring.services.drafting import (
    MAX_BODY,
    CourseDetails,
    add_lesson,
    add_module,
    details_problems,
    digest,
    remove_lesson,
    save_lesson,
    start_draft,
    start_new_version,
    start_translation,
    update_details,
)
from praxis.authoring.services.packaging import add_package_lesson, replace_lesson_package
from praxis.authoring.services.publishing import publish
from praxis.authoring.services.reviewing import (
    add_comment,
    assign_reviewer,
    is_author_of,
    record_review,
    resolve_thread,
    submit_for_review,
)
from praxis.authoring.services.tooling import (
    add_chosen_content,
    add_tool_lesson,
    choose_tool_content,
    set_tool_pass_mark,
)

__all__ = [
    "MAX_BODY",
    "CourseDetails",
    "add_chosen_content",
    "add_comment",
    "add_lesson",
    "add_module",
    "add_package_lesson",
    "add_tool_lesson",
    "assign_reviewer",
    "choose_tool_content",
    "details_problems",
    "digest",
    "is_author_of",
    "publish",
    "record_review",
    "remove_lesson",
    "replace_lesson_package",
    "resolve_thread",
    "save_lesson",
    "set_tool_pass_mark",
    "start_draft",
    "start_new_version",
    "start_translation",
    "submit_for_review",
    "update_details",
]
