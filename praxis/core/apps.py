from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "praxis.core"
    label = "core"

    def ready(self) -> None:
        # Registers the system check that every declared hook is answered.
        from praxis.core import hooks  # noqa: F401  # imported to register its system check
