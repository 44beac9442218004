from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "praxis.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Every app's kinds of notice are declared in its notices.py, read once models are ready.
        from praxis.notifications import kinds

        kinds.discover()
