"""Every change to events: registration, programme, abstracts, attendance and exhibitions."""

from praxis.events.services.abstracts import (
    decide_abstract,
    has_conflict_of_interest,
    review_abstract,
    schedule_abstract,
    submit_abstract,
)
from praxis.events.services.attendance import check_in, join_online
from praxis.events.services.exhibitions import contact_exhibitor
from praxis.events.services.programme import save_session
from praxis.events.services.registration import (
    approve_registration,
    calendar_feed_token,
    cancel_registration,
    current_registration,
    register,
    update_answers,
)

__all__ = [
    "approve_registration",
    "calendar_feed_token",
    "cancel_registration",
    "check_in",
    "contact_exhibitor",
    "current_registration",
    "decide_abstract",
    "has_conflict_of_interest",
    "join_online",
    "register",
    "review_abstract",
    "save_session",
    "schedule_abstract",
    "submit_abstract",
    "update_answers",
]
