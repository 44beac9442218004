from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "praxis.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        # Models are ready only now, so the module that uses them is imported here.
        from praxis.assessments import completion, links
        from praxis.assessments.api import PATHWAYS_SCOPE
        from praxis.assessments.models import Pathway, Quiz
        from praxis.catalog import hooks as catalog_hooks
        from praxis.catalog.cache import course_page_shows
        from praxis.core.fragments import changes_with

        catalog_hooks.completion_blockers.answer(completion.unpassed_required_quizzes)
        catalog_hooks.shared_course_links.answer(links.course_quizzes_link)
        catalog_hooks.course_links.answer(links.course_grades_link)
        # The course page links to its quizzes once one is published.
        course_page_shows(Quiz, lambda quiz: quiz.course_id)
        changes_with(PATHWAYS_SCOPE, (Pathway,))
