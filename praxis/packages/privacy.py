"""What the package player holds about a person: their state in each package they played.

The packages themselves are the partners' shared content; they no longer name who uploaded
them. The xAPI statements about the learner are the LRS's to export and erase.
"""

from django.utils.translation import gettext_lazy as _

from praxis.core.personal_data import Erasure, Holding, register
from praxis.packages.models import (
    Attempt,
    ConformanceCourse,
    ContentUserData,
    Package,
    Session,
)

register(
    Holding(
        Attempt,
        ("learner",),
        Erasure.DELETE,
        kind="package-attempts",
        label=_("Your place and results in interactive packages"),
        fields=(
            "package__title",
            "sco",
            "completion_status",
            "success_status",
            "score_scaled",
            "location",
            "updated_at",
        ),
    ),
    Holding(
        Session,
        ("learner",),
        Erasure.DELETE,
        kind="package-sessions",
        label=_("Your launches of cmi5 and xAPI packages"),
        fields=("package__title", "au", "created_at", "terminated_at", "abandoned_at"),
    ),
    Holding(
        ContentUserData,
        ("learner",),
        Erasure.DELETE,
        kind="h5p-saved-states",
        label=_("What you left unfinished in interactive H5P content, to resume from"),
        fields=("package__title", "data_type", "sub_content_id", "data", "updated_at"),
    ),
    Holding(Package, ("uploaded_by",), Erasure.DETACH),
    # A test suite's course, deleted by the suite itself: it goes with the staff member who
    # imported it.
    Holding(ConformanceCourse, ("imported_by",), Erasure.DELETE),
)
