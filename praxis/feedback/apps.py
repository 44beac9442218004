from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "praxis.feedback"
    label = "feedback"
    verbose_name = _("Course feedback")

    def ready(self) -> None:
        # Models are ready only now, so the module that uses them is imported here.
        from praxis.catalog import hooks as catalog_hooks
        from praxis.catalog.cache import course_page_shows
        from praxis.feedback import links
        from praxis.feedback.models import CourseRating

        catalog_hooks.shared_course_links.answer(links.course_rating_link)
        # The course page shows the average rating and count.
        course_page_shows(CourseRating, lambda rating: rating.course_id)
