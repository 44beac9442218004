from django.apps import AppConfig
from django.conf import settings
from django.db.backends.signals import connection_created

from praxis.core.languages import describe_interface_languages
from praxis.core.schema_building import defer_schema_building

# Django imports each app's configuration before any app's models, and so before any schema.
defer_schema_building()


class CoreConfig(AppConfig):
    name = "praxis.core"
    label = "core"

    def ready(self) -> None:
        # Registers the system check that every declared hook is answered.
        from praxis.core import hooks  # noqa: F401  # imported to register its system check
        from praxis.core.text_index import register_fold

        # SQLite learns the search's text folding on every new connection.
        connection_created.connect(register_fold, dispatch_uid="praxis.core.register_fold")
        # An interface language Django has no name for is named from the language registry.
        describe_interface_languages(code for code, _name in settings.LANGUAGES)
