from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "praxis.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Every app's kinds of notice are declared in its notices.py, read once models are ready.
        from django.contrib.auth.signals import user_logged_in

        from praxis.notifications import kinds, queries

        kinds.discover()
        # The header shows the unread count on every page: counted once at login, then kept in
        # the cache (forgotten whenever it changes), so pages pay no query for it.
        user_logged_in.connect(queries.count_unread_at_login, dispatch_uid="notifications-unread")
