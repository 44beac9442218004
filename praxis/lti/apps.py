from django.apps import AppConfig


class LtiConfig(AppConfig):
    name = "praxis.lti"
    label = "lti"
    verbose_name = "LTI 1.3"
