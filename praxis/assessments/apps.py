from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "praxis.assessments"
    label = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        # Models are ready only now, so the module that uses them is imported here.
        from praxis.assessments import completion, links
        from praxis.core import hooks

        completion.connect()
        hooks.connect(links.COURSE_LINKS_HOOK, links.course_quizzes_link)
