"""Every change to events: their settings, tracks, registration, programme, abstracts and
their reviewers, attendance and exhibitions."""

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
from praxis.events.services.reviewer_invitations import (
    accept_reviewer_invitation,
    check_reviewer_invitee,
    pending_invitations,
    read_reviewer_invitation,
    withdraw_reviewer_invitation,
)
from praxis.events.services.reviewers import (
    add_reviewer,
    handle_of,
    remove_reviewer,
    track_reviewers,
    tracks_with_reviewers,
)
from praxis.events.services.tracks import (
    TrackSettings,
    add_track,
    event_tracks,
    remove_track,
    update_track,
)

__all__ = [
    "RESERVED_SLUGS",
    "EventSettings",
    "TrackSettings",
    "accept_reviewer_invitation",
    "add_material",
    "add_reviewer",
    "add_track",
    "announce_event_change",
    "approve_registration",
    "calendar_feed_token",
    "cancel_event",
    "cancel_registration",
    "check_in",
    "check_in_registration",
    "check_reviewer_invitee",
    "contact_exhibitor",
    "create_event",
    "current_registration",
    "decide_abstract",
    "event_tracks",
    "handle_of",
    "has_conflict_of_interest",
    "join_online",
    "message_registrants",
    "pending_invitations",
    "publish_event",
    "read_reviewer_invitation",
    "register",
    "registration_open",
    "remove_material",
    "remove_reviewer",
    "remove_track",
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
    "update_track",
    "withdraw_reviewer_invitation",
]
