from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "praxis.credentials"
    verbose_name = _("Credentials and CPD")

    def ready(self) -> None:
        # Models are ready only now, so the module that uses them is imported here.
        from django.db.models.signals import pre_delete

        from praxis.credentials import page_cache, privacy
        from praxis.credentials.models import Credential
        from praxis.organisations import hooks as organisations_hooks

        page_cache.connect()
        pre_delete.connect(privacy.keep_status, sender=Credential, dispatch_uid="keep-status")
        organisations_hooks.changed.answer(page_cache.organisation_changed)
