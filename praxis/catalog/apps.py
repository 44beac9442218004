from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "praxis.catalog"
    label = "catalog"
    verbose_name = _("Courses and learning")

    def ready(self) -> None:
        # Models are ready only now, so the modules that use them are imported here.
        from praxis.catalog import cache
        from praxis.catalog.packaged import complete_packaged_lesson
        from praxis.catalog.partners import organisation_changed, organisation_courses
        from praxis.organisations import hooks as organisations_hooks
        from praxis.packages import hooks as packages_hooks

        organisations_hooks.page_sections.answer(organisation_courses)
        organisations_hooks.changed.answer(organisation_changed)
        packages_hooks.package_completed.answer(complete_packaged_lesson)
        cache.connect()
