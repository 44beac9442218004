from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "praxis.catalog"
    label = "catalog"
    verbose_name = _("Courses and learning")

    def ready(self) -> None:
        # Models are ready only now, so the modules that use them are imported here.
        from praxis.catalog import cache, lesson_search
        from praxis.catalog.external_tools import (
            complete_tool_lesson,
            course_choices,
            course_learners,
            enrol_launched,
            published_course,
        )
        from praxis.catalog.packaged import complete_packaged_lesson
        from praxis.catalog.partners import organisation_changed, organisation_courses
        from praxis.lti import hooks as lti_hooks
        from praxis.organisations import hooks as organisations_hooks
        from praxis.packages import hooks as packages_hooks

        organisations_hooks.page_sections.answer(organisation_courses)
        organisations_hooks.changed.answer(organisation_changed)
        packages_hooks.package_completed.answer(complete_packaged_lesson)
        lti_hooks.tool_passed.answer(complete_tool_lesson)
        lti_hooks.context_learners.answer(course_learners)
        lti_hooks.published_course.answer(published_course)
        lti_hooks.course_choices.answer(course_choices)
        lti_hooks.launched_into.answer(enrol_launched)
        cache.connect()
        lesson_search.connect()
