"""Why an LTI message or service call was refused: one stable code each, a translated message
and the HTTP status that fits it."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    PraxisError,
    ValidationFailed,
)

REFUSALS: dict[ErrorCode, tuple[type[PraxisError], Promise]] = {
    ErrorCode.LTI_INVALID_REQUEST: (
        ValidationFailed,
        _("The LTI request is incomplete or malformed."),
    ),
    ErrorCode.LTI_UNKNOWN_CLIENT: (
        PermissionDenied,
        _("No external tool is registered with this client id."),
    ),
    ErrorCode.LTI_UNKNOWN_DEPLOYMENT: (
        PermissionDenied,
        _("The tool is not deployed here under this deployment id."),
    ),
    ErrorCode.LTI_LAUNCH_EXPIRED: (
        PermissionDenied,
        _("This launch of the external tool has expired. Open the lesson again."),
    ),
    ErrorCode.LTI_REPLAY: (
        Conflict,
        _("This launch or token request was already used; it cannot be used again."),
    ),
    ErrorCode.LTI_WRONG_REDIRECT: (
        PermissionDenied,
        _("The tool asked to return to an address it has not registered."),
    ),
    ErrorCode.LTI_WRONG_USER: (
        PermissionDenied,
        _("This launch was started by another person. Open the lesson again."),
    ),
    ErrorCode.LTI_BAD_SIGNATURE: (
        NotAuthenticated,
        _("The tool's signed message does not verify with the tool's registered key."),
    ),
    ErrorCode.LTI_ASSERTION_INVALID: (
        NotAuthenticated,
        _("The tool's signed message does not name this platform, the tool or an identifier."),
    ),
    ErrorCode.LTI_ASSERTION_EXPIRED: (
        NotAuthenticated,
        _("The tool's signed message has expired or is not valid yet."),
    ),
    ErrorCode.LTI_INVALID_SCOPE: (
        ValidationFailed,
        _("None of the scopes asked for is offered to this tool."),
    ),
    ErrorCode.LTI_TOKEN_INVALID: (
        NotAuthenticated,
        _("The access token is missing, expired, or does not allow this."),
    ),
    ErrorCode.LTI_UNKNOWN_USER: (
        ValidationFailed,
        _("No learner known to this tool has this user id."),
    ),
    ErrorCode.LTI_INVALID_SCORE: (ValidationFailed, _("The score is not valid.")),
    ErrorCode.LTI_SCORE_OUT_OF_DATE: (
        Conflict,
        _("A newer score is already recorded for this learner."),
    ),
    ErrorCode.LTI_INVALID_LINEITEM: (ValidationFailed, _("The line item is not valid.")),
    ErrorCode.LTI_LINEITEM_PROTECTED: (
        Conflict,
        _("This line item belongs to a lesson; the tool cannot delete it."),
    ),
    ErrorCode.LTI_TOOL_KEY_REQUIRED: (
        ValidationFailed,
        _("Give either the tool's JWKS URL or its public key, one of the two."),
    ),
    ErrorCode.LTI_TOOL_KEY_INVALID: (
        ValidationFailed,
        _("The public key is not an RSA public key of at least 2048 bits in PEM form."),
    ),
    ErrorCode.LTI_TOOL_UNAVAILABLE: (
        NotFound,
        _("This external tool is not available."),
    ),
    ErrorCode.LTI_NOT_A_TOOL_LESSON: (
        NotFound,
        _("This lesson does not open an external tool."),
    ),
    ErrorCode.LTI_UNKNOWN_PLATFORM: (
        PermissionDenied,
        _("No learning platform is registered with this issuer and client id."),
    ),
    ErrorCode.LTI_PLATFORM_UNAVAILABLE: (
        PermissionDenied,
        _("Launches from this learning platform are switched off."),
    ),
    ErrorCode.LTI_STATE_MISMATCH: (
        PermissionDenied,
        _(
            "This launch was not started in this browser, or it has expired. "
            "Open the course again from your learning platform."
        ),
    ),
    ErrorCode.LTI_WRONG_MESSAGE_TYPE: (
        ValidationFailed,
        _("Praxis only opens courses from a resource link launch of LTI 1.3."),
    ),
    ErrorCode.LTI_COURSE_NOT_FOUND: (
        NotFound,
        _("The launch does not name a published Praxis course."),
    ),
    ErrorCode.LTI_NOT_INSTRUCTOR: (
        PermissionDenied,
        _("Only the platform's instructors and content developers choose Praxis courses to add."),
    ),
    ErrorCode.LTI_PLATFORM_KEY_REQUIRED: (
        ValidationFailed,
        _("Give either the platform's JWKS URL or its public key, one of the two."),
    ),
}


def refused(code: ErrorCode, detail: str = "") -> PraxisError:
    """The refusal for `code`, its message followed by `detail` when given."""
    kind, message = REFUSALS[code]
    text: str | Promise = message
    if detail:
        text = _("%(reason)s (%(detail)s)") % {"reason": message, "detail": detail}
    return kind(code, text)
