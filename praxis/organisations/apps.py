from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "praxis.organisations"
    label = "organisations"
    verbose_name = _("Partners")

    def ready(self) -> None:
        # Models are ready only now, so the modules that use them are imported here.
        from praxis.core.fragments import changes_with
        from praxis.organisations.api import NETWORKS_SCOPE, PARTNERS_SCOPE
        from praxis.organisations.models import (
            CollaboratingCentre,
            Network,
            NetworkMember,
            Organisation,
        )
        from praxis.reference.models import RegionMembership

        changes_with(PARTNERS_SCOPE, (Organisation, CollaboratingCentre, RegionMembership))
        changes_with(NETWORKS_SCOPE, (Network, NetworkMember, Organisation))
