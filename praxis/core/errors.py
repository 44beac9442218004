"""One error type for the whole ecosystem: a stable code, a translated message, field errors.

Services raise `PraxisError` (or a subclass naming the HTTP status); the HTML middleware and the
JSON API handler each convert it once. Codes are part of the public API: never rename one.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


class ErrorCode(StrEnum):
    # generic
    INVALID_INPUT = "invalid_input"
    MALFORMED_BODY = "malformed_body"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    NOT_AUTHENTICATED = "not_authenticated"
    RATE_LIMITED = "rate_limited"
    CONFLICT = "conflict"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    INVALID_CHARACTER = "invalid_character"
    TOO_DEEPLY_NESTED = "too_deeply_nested"
    SERVICE_UNAVAILABLE = "service_unavailable"
    SERVER_ERROR = "server_error"
    # accounts
    EMAIL_TAKEN = "email_taken"
    WEAK_PASSWORD = "weak_password"
    INVALID_CREDENTIALS = "invalid_credentials"
    EMAIL_NOT_VERIFIED = "email_not_verified"
    INVALID_TOKEN = "invalid_token"
    UNKNOWN_OCCUPATION = "unknown_occupation"
    UNKNOWN_COUNTRY = "unknown_country"
    UNKNOWN_LANGUAGE = "unknown_language"
    INVALID_LANGUAGE_TAG = "invalid_language_tag"
    INVALID_BIRTH_YEAR = "invalid_birth_year"
    CSRF_FAILED = "csrf_failed"
    EMAIL_UNCHANGED = "email_unchanged"
    WRONG_ACCOUNT = "wrong_account"
    INVALID_SECOND_FACTOR_CODE = "invalid_second_factor_code"
    SECOND_FACTOR_REQUIRED = "second_factor_required"
    NO_TWO_FACTOR_SETUP = "no_two_factor_setup"
    PASSKEY_CHALLENGE_INVALID = "passkey_challenge_invalid"
    PASSKEY_REFUSED = "passkey_refused"
    PASSKEY_UNKNOWN = "passkey_unknown"
    PASSKEY_ALREADY_ADDED = "passkey_already_added"
    TERMS_NOT_ACCEPTED = "terms_not_accepted"
    ERASURE_PENDING = "erasure_pending"
    NO_ERASURE_PENDING = "no_erasure_pending"
    EXPORT_IN_PROGRESS = "export_in_progress"
    EXPORT_LINK_INVALID = "export_link_invalid"
    # credentials
    CREDENTIAL_REVOKED = "credential_revoked"
    # catalog
    COURSE_NOT_PUBLISHED = "course_not_published"
    ALREADY_ENROLLED = "already_enrolled"
    NOT_ENROLLED = "not_enrolled"
    LESSON_NOT_IN_COURSE = "lesson_not_in_course"
    FILE_TOO_LARGE = "file_too_large"
    FILE_EMPTY = "file_empty"
    FILE_TYPE_NOT_ALLOWED = "file_type_not_allowed"
    FILE_DISGUISED = "file_disguised"
    CAPTIONS_NOT_WEBVTT = "captions_not_webvtt"
    CAPTIONS_BAD_TIME = "captions_bad_time"
    CAPTIONS_EMPTY = "captions_empty"
    CAPTIONS_REQUIRED = "captions_required"
    NOT_A_RECORDING = "not_a_recording"
    IMAGE_ALT_REQUIRED = "image_alt_required"
    # feedback
    RATING_OUT_OF_RANGE = "rating_out_of_range"
    REVIEW_TOO_LONG = "review_too_long"
    COURSE_NOT_COMPLETED = "course_not_completed"
    SURVEY_ALREADY_ANSWERED = "survey_already_answered"
    SURVEY_ANSWERS_INVALID = "survey_answers_invalid"
    # events
    EVENT_NOT_OPEN = "event_not_open"
    ALREADY_REGISTERED = "already_registered"
    NOT_REGISTERED = "not_registered"
    REGISTRATION_CLOSED = "registration_closed"
    EVENT_FULL = "event_full"
    ANSWERS_INVALID = "answers_invalid"
    ABSTRACTS_CLOSED = "abstracts_closed"
    REVIEW_CONFLICT_OF_INTEREST = "review_conflict_of_interest"
    SCORE_OUT_OF_SCALE = "score_out_of_scale"
    TICKET_INVALID = "ticket_invalid"
    TICKET_USED = "ticket_used"
    CHECK_IN_NOT_OPEN = "check_in_not_open"
    ALREADY_ATTENDED = "already_attended"
    ONLINE_LINK_NOT_OPEN = "online_link_not_open"
    SESSION_OUTSIDE_EVENT = "session_outside_event"
    ROOM_DOUBLE_BOOKED = "room_double_booked"
    SPEAKER_DOUBLE_BOOKED = "speaker_double_booked"
    UNKNOWN_TIME_ZONE = "unknown_time_zone"
    MATERIAL_NOT_ALLOWED = "material_not_allowed"
    TRACK_NAME_TAKEN = "track_name_taken"
    TRACK_HAS_ABSTRACTS = "track_has_abstracts"
    INSECURE_LINK = "insecure_link"
    EMPTY_MESSAGE = "empty_message"
    # research
    NO_CONSENT_TEXT = "no_consent_text"
    PROJECT_NOT_APPROVED = "project_not_approved"
    ETHICS_EXPIRED = "ethics_expired"
    K_NOT_MET = "k_not_met"
    EXPORT_EXPIRED = "export_expired"
    EXPORT_DELETED = "export_deleted"
    DECIDER_IN_PROJECT = "decider_in_project"
    DECISION_NOT_ALLOWED = "decision_not_allowed"
    EXPERIMENT_STARTED = "experiment_started"
    NO_EXPORT_COLUMNS = "no_export_columns"
    UNKNOWN_EXPORT_COLUMN = "unknown_export_column"
    ONE_LESSON_OR_QUIZ = "one_lesson_or_quiz"
    VARIANT_KIND_MISMATCH = "variant_kind_mismatch"
    QUIZ_NOT_IN_COURSE = "quiz_not_in_course"
    QUIZ_ROLE_DIFFERS = "quiz_role_differs"
    # organisations
    INVITATION_EXPIRED = "invitation_expired"
    INVITATION_USED = "invitation_used"
    INVITATION_FOR_ANOTHER_ADDRESS = "invitation_for_another_address"
    INVITATION_CHANGES_ROLE = "invitation_changes_role"
    ALREADY_MEMBER = "already_member"
    LAST_ADMIN = "last_admin"
    INVALID_TRANSITION = "invalid_transition"
    APPLICATION_PENDING = "application_pending"
    ORGANISATION_EXISTS = "organisation_exists"
    ALREADY_DECIDED = "already_decided"
    CSV_WRONG_COLUMNS = "csv_wrong_columns"
    CSV_INVALID_ROWS = "csv_invalid_rows"
    INVALID_IMAGE = "invalid_image"
    # authoring
    STALE_SAVE = "stale_save"
    DRAFT_NOT_EDITABLE = "draft_not_editable"
    REVIEWER_IS_AUTHOR = "reviewer_is_author"
    NOT_APPROVED = "not_approved"
    REVIEW_INCOMPLETE = "review_incomplete"
    VERSION_READ_ONLY = "version_read_only"
    POSITION_OUT_OF_RANGE = "position_out_of_range"
    # assessments and competencies
    ATTEMPT_CLOSED = "attempt_closed"
    ATTEMPT_TIME_UP = "attempt_time_up"
    ATTEMPTS_EXHAUSTED = "attempts_exhausted"
    QUESTION_NOT_IN_ATTEMPT = "question_not_in_attempt"
    ANSWER_MALFORMED = "answer_malformed"
    QUIZ_NOT_OPEN = "quiz_not_open"
    TRANSLATION_MISSING = "translation_missing"
    CASE_INVALID_JSON = "case_invalid_json"
    CASE_SCHEMA_VIOLATION = "case_schema_violation"
    CASE_UNKNOWN_NODE = "case_unknown_node"
    CASE_CYCLE = "case_cycle"
    CASE_ALREADY_IMPORTED = "case_already_imported"
    LEVEL_OUT_OF_SCALE = "level_out_of_scale"
    # community
    NOT_A_MEMBER = "not_a_member"
    ALREADY_IN_COMMUNITY = "already_in_community"
    MEMBERSHIP_CLOSED = "membership_closed"
    THREAD_LOCKED = "thread_locked"
    MEMBER_SUSPENDED = "member_suspended"
    ALREADY_FLAGGED = "already_flagged"
    ALREADY_POSTED = "already_posted"
    OWN_POST_REACTION = "own_post_reaction"
    ATTACHMENT_NOT_ALLOWED = "attachment_not_allowed"
    NOT_A_QUESTION = "not_a_question"
    UNSUBSCRIBE_LINK_INVALID = "unsubscribe_link_invalid"
    UNSUBSCRIBE_LINK_EXPIRED = "unsubscribe_link_expired"
    INVALID_TAG = "invalid_tag"
    UNKNOWN_HANDLE = "unknown_handle"
    MESSAGE_TO_SELF = "message_to_self"
    OWN_MESSAGE = "own_message"
    BLOCKED = "blocked"
    NO_SHARED_COMMUNITY = "no_shared_community"
    TOO_MANY_TAGS = "too_many_tags"
    UNKNOWN_THREAD_ORDER = "unknown_thread_order"
    COMMUNITY_EXISTS = "community_exists"
    # content packages
    PACKAGE_NOT_A_ZIP = "package_not_a_zip"
    PACKAGE_UNSAFE_PATH = "package_unsafe_path"
    PACKAGE_SYMLINK = "package_symlink"
    PACKAGE_TOO_MANY_FILES = "package_too_many_files"
    PACKAGE_TOO_LARGE = "package_too_large"
    PACKAGE_COMPRESSION_RATIO = "package_compression_ratio"
    PACKAGE_MANIFEST_TOO_LARGE = "package_manifest_too_large"
    PACKAGE_MANIFEST_INVALID = "package_manifest_invalid"
    PACKAGE_UNKNOWN_KIND = "package_unknown_kind"
    PACKAGE_LAUNCH_OUTSIDE = "package_launch_outside"
    PACKAGE_LAUNCH_MISSING = "package_launch_missing"
    PACKAGE_NOTHING_TO_LAUNCH = "package_nothing_to_launch"
    PACKAGE_NOT_PLAYABLE = "package_not_playable"
    PACKAGE_H5P_LIBRARY_MISSING = "package_h5p_library_missing"
    LAUNCH_EXPIRED = "launch_expired"
    NAVIGATION_NOT_VALID = "navigation_not_valid"
    QTI_INVALID_XML = "qti_invalid_xml"
    QTI_NOT_QTI = "qti_not_qti"
    QTI_NO_ITEMS = "qti_no_items"
    QTI_TOO_MANY_ITEMS = "qti_too_many_items"
    QTI_ITEM_TOO_LARGE = "qti_item_too_large"
    CARTRIDGE_NOT_A_CARTRIDGE = "cartridge_not_a_cartridge"
    PACKAGE_IS_CARTRIDGE = "package_is_cartridge"
    CARTRIDGE_BAD_REFERENCE = "cartridge_bad_reference"
    CARTRIDGE_EMPTY = "cartridge_empty"
    CARTRIDGE_TOO_MANY_ITEMS = "cartridge_too_many_items"
    # LTI 1.3
    LTI_INVALID_REQUEST = "lti_invalid_request"
    LTI_UNKNOWN_CLIENT = "lti_unknown_client"
    LTI_UNKNOWN_DEPLOYMENT = "lti_unknown_deployment"
    LTI_LAUNCH_EXPIRED = "lti_launch_expired"
    LTI_REPLAY = "lti_replay"
    LTI_WRONG_REDIRECT = "lti_wrong_redirect"
    LTI_WRONG_USER = "lti_wrong_user"
    LTI_BAD_SIGNATURE = "lti_bad_signature"
    LTI_ASSERTION_INVALID = "lti_assertion_invalid"
    LTI_ASSERTION_EXPIRED = "lti_assertion_expired"
    LTI_INVALID_SCOPE = "lti_invalid_scope"
    LTI_TOKEN_INVALID = "lti_token_invalid"
    LTI_UNKNOWN_USER = "lti_unknown_user"
    LTI_INVALID_SCORE = "lti_invalid_score"
    LTI_SCORE_OUT_OF_DATE = "lti_score_out_of_date"
    LTI_INVALID_LINEITEM = "lti_invalid_lineitem"
    LTI_LINEITEM_PROTECTED = "lti_lineitem_protected"
    LTI_TOOL_KEY_REQUIRED = "lti_tool_key_required"
    LTI_TOOL_KEY_INVALID = "lti_tool_key_invalid"
    LTI_TOOL_UNAVAILABLE = "lti_tool_unavailable"
    LTI_NOT_A_TOOL_LESSON = "lti_not_a_tool_lesson"
    LTI_UNKNOWN_PLATFORM = "lti_unknown_platform"
    LTI_PLATFORM_UNAVAILABLE = "lti_platform_unavailable"
    LTI_STATE_MISMATCH = "lti_state_mismatch"
    LTI_WRONG_MESSAGE_TYPE = "lti_wrong_message_type"
    LTI_COURSE_NOT_FOUND = "lti_course_not_found"
    LTI_NOT_INSTRUCTOR = "lti_not_instructor"
    LTI_PLATFORM_KEY_REQUIRED = "lti_platform_key_required"
    # offline learning
    TOO_MANY_STATEMENTS = "too_many_statements"
    STATEMENT_ID_REPEATED = "statement_id_repeated"
    STATEMENT_ID_TAKEN = "statement_id_taken"
    UNKNOWN_VERB = "unknown_verb"
    UNKNOWN_ACTIVITY = "unknown_activity"
    QUIZ_NEEDS_CONNECTION = "quiz_needs_connection"
    # notifications
    UNKNOWN_NOTICE_KIND = "unknown_notice_kind"
    INVALID_DELIVERY = "invalid_delivery"


class PraxisError(Exception):
    """A refusal the user can act on. `fields` maps a field name to its messages."""

    status = 400
    default_code = ErrorCode.INVALID_INPUT
    default_message: str | Promise = _("The request could not be accepted.")

    def __init__(
        self,
        code: ErrorCode | None = None,
        message: str | Promise | None = None,
        *,
        fields: dict[str, list[str | Promise]] | None = None,
    ) -> None:
        self.code = code or self.default_code
        self.message = message if message is not None else self.default_message
        self.fields = fields or {}
        super().__init__(f"{self.code}: {self.message}")

    def as_dict(self) -> dict[str, Any]:
        """The JSON body: {"error": {"code", "message", "fields"}} with messages translated now."""
        return {
            "error": {
                "code": str(self.code),
                "message": str(self.message),
                "fields": {name: [str(m) for m in msgs] for name, msgs in self.fields.items()},
            }
        }


class ValidationFailed(PraxisError):
    status = 400
    default_message = _("Some of the information given is not valid.")


class NotAuthenticated(PraxisError):
    status = 401
    default_code = ErrorCode.NOT_AUTHENTICATED
    default_message = _("Please log in to do this.")


class PermissionDenied(PraxisError):
    status = 403
    default_code = ErrorCode.PERMISSION_DENIED
    default_message = _("You do not have permission to do this.")


class NotFound(PraxisError):
    status = 404
    default_code = ErrorCode.NOT_FOUND
    default_message = _("This page or item does not exist.")


class MethodNotAllowed(PraxisError):
    status = 405
    default_code = ErrorCode.METHOD_NOT_ALLOWED
    default_message = _(
        "This address cannot be opened this way: go back and use the page's button or form."
    )


class Conflict(PraxisError):
    status = 409
    default_code = ErrorCode.CONFLICT
    default_message = _("This conflicts with the current state.")


class PayloadTooLarge(PraxisError):
    status = 413
    default_code = ErrorCode.PAYLOAD_TOO_LARGE
    default_message = _("The request is too large.")


class RateLimited(PraxisError):
    status = 429
    default_code = ErrorCode.RATE_LIMITED
    default_message = _("Too many attempts. Please wait a few minutes and try again.")

    @classmethod
    def within(cls, seconds: int) -> RateLimited:
        """The refusal of a limit counted over `seconds`, saying the longest wait when it is
        more than a few minutes (an hour's limit would otherwise send people back in vain)."""
        if seconds <= 15 * 60:
            return cls()
        minutes = -(-seconds // 60)
        if minutes < 120:
            message = ngettext_lazy(
                "Too many attempts. You can try again within %(count)d minute.",
                "Too many attempts. You can try again within %(count)d minutes.",
                "count",
            ) % {"count": minutes}
        else:
            hours = -(-seconds // 3600)
            message = ngettext_lazy(
                "Too many attempts. You can try again within %(count)d hour.",
                "Too many attempts. You can try again within %(count)d hours.",
                "count",
            ) % {"count": hours}
        return cls(message=message)


class ServerError(PraxisError):
    """What a person is told when the application failed (the failure itself is logged)."""

    status = 500
    default_code = ErrorCode.SERVER_ERROR
    default_message = _(
        "Something went wrong on our side, and nothing was changed. Please try again in a moment."
    )


class ServiceUnavailable(PraxisError):
    status = 503
    default_code = ErrorCode.SERVICE_UNAVAILABLE
    default_message = _(
        "This service is briefly unavailable while a part of it is restarted. "
        "Please try again in a minute."
    )
