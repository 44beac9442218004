from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "praxis.core"
    label = "core"
