from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "praxis.web"
    label = "web"

    def ready(self) -> None:
        # Connects the login receiver that keeps each person's "Your work" menu in their session.
        from praxis.web import navigation  # noqa: F401 - imported for its receiver
