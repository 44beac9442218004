"""The statement types a data-access request may name: the verbs Praxis records, each with a
translated name. Requests made through the API may name any verb IRI (content from elsewhere
writes its own through /xapi/); the form offers these."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from praxis.assessments.xapi import VERB_ANSWERED, VERB_FAILED, VERB_PASSED
from praxis.credentials.services import VERB_EARNED
from praxis.events.xapi import VERB_ATTENDED
from praxis.lrs.vocabulary import (
    VERB_COMPLETED,
    VERB_EXITED,
    VERB_LAUNCHED,
    VERB_PROGRESSED,
    VERB_REGISTERED,
)

STATEMENT_TYPES = (
    (VERB_REGISTERED, _("Registered (enrolled in a course)")),
    (VERB_LAUNCHED, _("Launched (opened a course or a lesson)")),
    (VERB_PROGRESSED, _("Progressed (through a lesson)")),
    (VERB_COMPLETED, _("Completed (a lesson or a course)")),
    (VERB_EXITED, _("Exited (withdrew from a course)")),
    (VERB_ANSWERED, _("Answered (a quiz question)")),
    (VERB_PASSED, _("Passed (a quiz)")),
    (VERB_FAILED, _("Failed (a quiz)")),
    (VERB_ATTENDED, _("Attended (an event)")),
    (VERB_EARNED, _("Earned (a credential)")),
)
_NAMES = dict(STATEMENT_TYPES)


def name_of(verb: str) -> str:
    """The translated name of a verb IRI, or the IRI itself when Praxis does not record it."""
    name = _NAMES.get(verb)
    return str(name) if name is not None else verb
