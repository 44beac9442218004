from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "praxis.web"
    label = "web"
