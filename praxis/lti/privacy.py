"""What the LTI platform holds about a person: the pseudonyms tools know them by, their
launches and the scores tools posted. Erasing a person forgets all three, so a tool's later
scores for the pseudonym are refused."""

from django.utils.translation import gettext_lazy as _

from praxis.core.personal_data import Erasure, Holding, register
from praxis.lti.models import Launch, Score, Subject, Tool

register(
    Holding(
        Score,
        ("learner",),
        Erasure.DELETE,
        kind="lti-scores",
        label=_("Scores external tools gave you"),
        fields=(
            "line_item__label",
            "score_given",
            "score_maximum",
            "grading_progress",
            "timestamp",
        ),
    ),
    Holding(
        Launch,
        ("learner",),
        Erasure.DELETE,
        kind="lti-launches",
        label=_("External tools you opened"),
        fields=("link__title", "created_at"),
    ),
    Holding(Subject, ("learner",), Erasure.DELETE),
    Holding(Tool, ("created_by",), Erasure.DETACH),
)
