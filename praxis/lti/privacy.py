"""What the LTI platform holds about a person: the pseudonyms tools know them by, their
launches and the scores tools posted; and, with Praxis as a tool, which learning platform's
user (issuer and `sub`) the account is. Erasing a person forgets them all, so a tool's later
scores for the pseudonym are refused."""

from django.utils.translation import gettext_lazy as _

from praxis.core.personal_data import Erasure, Holding, register
from praxis.lti.models import Launch, Platform, PlatformAccount, Score, Subject, Tool

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
    # The learning platform's user this account is (its issuer and `sub`): erasing the person
    # forgets the link, and with it where their progress was posted; a later launch with the
    # same `sub` makes a new account.
    Holding(
        PlatformAccount,
        ("learner",),
        Erasure.DELETE,
        kind="lti-platform-accounts",
        label=_("Learning platforms that opened Praxis courses for you"),
        fields=("issuer", "sub", "created_at"),
    ),
    Holding(Platform, ("created_by",), Erasure.DETACH),
)
