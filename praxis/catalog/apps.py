from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "praxis.catalog"
    label = "catalog"
    verbose_name = _("Courses and learning")

    def ready(self) -> None:
        # Models are ready only now, so the modules that use them are imported here.
        from praxis.catalog.partners import organisation_courses
        from praxis.core import hooks
        from praxis.organisations.queries import PAGE_SECTIONS_HOOK

        hooks.connect(PAGE_SECTIONS_HOOK, organisation_courses)
