from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "praxis.catalog"
    label = "catalog"
    verbose_name = _("Courses and learning")

    def ready(self) -> None:
        # Models are ready only now, so the modules that use them are imported here.
        from praxis.catalog.partners import organisation_changed, organisation_courses
        from praxis.core import hooks
        from praxis.organisations.queries import PAGE_SECTIONS_HOOK
        from praxis.organisations.services import ORGANISATION_CHANGED

        hooks.connect(PAGE_SECTIONS_HOOK, organisation_courses)
        hooks.connect(ORGANISATION_CHANGED, organisation_changed)
