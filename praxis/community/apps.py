from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "praxis.community"
    label = "community"
    verbose_name = _("Communities of practice")
