from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenciesConfig(AppConfig):
    name = "praxis.competencies"
    label = "competencies"
    verbose_name = _("Competencies")

    def ready(self) -> None:
        # Models are ready only now, so the modules that use them are imported here.
        from praxis.competencies.api import FRAMEWORKS_SCOPE, TARGETS_SCOPE
        from praxis.competencies.models import (
            CompetencyItem,
            Framework,
            TargetProfile,
            TargetRequirement,
        )
        from praxis.core.fragments import changes_with
        from praxis.reference.models import Occupation

        changes_with(FRAMEWORKS_SCOPE, (Framework, CompetencyItem))
        changes_with(
            TARGETS_SCOPE, (TargetProfile, TargetRequirement, Framework, CompetencyItem, Occupation)
        )
