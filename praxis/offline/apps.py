from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    name = "praxis.offline"
    label = "offline"
    verbose_name = _("Learning offline")
