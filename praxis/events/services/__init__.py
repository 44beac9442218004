"""Every change to events: their settings, registration, programme, abstracts, attendance and
exhibitions."""

from praxis.events.services.abstracts import (
    decide_abstract,
    has_conflict_of_interest,
    review_abstract,
    schedule_abstract,
    submit_abstract,
)
from praxis.events.services.attendance import check_in, join_online
from praxis.events.services.event_settings import (
    RESERVED_SLUGS,
    EventSettings,
    cancel_event,
    create_event,
    publish_event,
    settings_of,
    update_event,
)
from praxis.events.services.exhibitions import contact_exhibitor
from praxis.events.services.organising import (
    add_material,
    announce_event_change,
    check_in_registration,
    message_registrants,
    remove_material,
    replace_material,
    set_conference_link,
)
from praxis.events.services.programme import save_session
from praxis.events.services.registration import (
    approve_registration,
    calendar_feed_token,
    cancel_registration,
    current_registration,
    register,
    registration_open,
    update_answers,
)
from praxis.events.services.reviewers import (
    add_reviewer,
    handle_of,
    remove_reviewer,
    track_reviewers,
    tracks_with_reviewers,
)

__all__ = [
    "RESERVED_SLUGS",
    "EventSettings",
    "add_material",
    "add_reviewer",
    "announce_event_change",
    "approve_registration",
    "calendar_feed_token",
    "cancel_event",
    "cancel_registration",
    "check_in",
    "check_in_registration",
    "contact_exhibitor",
    "create_event",
    "current_registration",
    "decide_abstract",
    "handle_of",
    "has_conflict_of_interest",
    "join_online",
    "message_registrants",
    "publish_event",
    "register",
    "registration_open",
    "remove_material",
    "remove_reviewer",
    "replace_material",
    "review_abstract",
    "save_session",
    "schedule_abstract",
    "set_conference_link",
    "settings_of",
    "submit_abstract",
    "track_reviewers",
    "tracks_with_reviewers",
    "update_answers",
    "update_event",
]
