from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "praxis.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        # Models are ready only now, so the module that uses them is imported here.
        from praxis.search import cache

        cache.connect()
