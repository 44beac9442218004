from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "praxis.credentials"
    verbose_name = _("Credentials and CPD")

    def ready(self) -> None:
        # Models are ready only now, so the module that uses them is imported here.
        from praxis.credentials import page_cache
        from praxis.organisations import hooks as organisations_hooks

        page_cache.connect()
        organisations_hooks.changed.answer(page_cache.organisation_changed)
