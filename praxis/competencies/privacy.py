"""What competencies hold about a person: the evidence of their competencies."""

from django.utils.translation import gettext_lazy as _

from praxis.competencies.models import Evidence
from praxis.core.personal_data import Erasure, Holding, register

register(
    Holding(
        Evidence,
        ("learner",),
        Erasure.DELETE,
        kind="competency-evidence",
        label=_("Competency evidence"),
        fields=("item__code", "item__statement", "source", "title", "level", "observed_at"),
    ),
)
