from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "praxis.catalog"
    label = "catalog"
    verbose_name = _("Courses and learning")

    def ready(self) -> None:
        # Models are ready only now, so the modules that use them are imported here.
        from praxis.catalog.partners import organisation_changed, organisation_courses
        from praxis.organisations import hooks as organisations_hooks

        organisations_hooks.page_sections.answer(organisation_courses)
        organisations_hooks.changed.answer(organisation_changed)
