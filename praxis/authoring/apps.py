from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthoringConfig(AppConfig):
    name = "praxis.authoring"
    label = "authoring"
    verbose_name = _("Co-creation")

    def ready(self) -> None:
        # Models are ready only now, so the modules that use them are imported here.
        from praxis.authoring.queries import draft_attachment
        from praxis.catalog import hooks as catalog_hooks

        catalog_hooks.draft_attachment.answer(draft_attachment)
