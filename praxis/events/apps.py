from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "praxis.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from praxis.events.programme_cache import connect, organisation_changed
        from praxis.organisations import hooks as organisations_hooks

        connect()
        organisations_hooks.changed.answer(organisation_changed)
