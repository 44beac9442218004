from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "praxis.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from praxis.events.programme_cache import connect

        connect()
