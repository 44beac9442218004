"""Every change to people's accounts. Views, the API and other apps call these, never the ORM."""

from praxis.accounts.services.audit import record
from praxis.accounts.services.email_change import (
    confirm_email_change,
    read_change_link,
    read_undo_link,
    request_email_change,
    undo_email_change,
)
from praxis.accounts.services.legal import accept_documents_in_force
from praxis.accounts.services.login import check_credentials
from praxis.accounts.services.passwords import (
    change_password,
    request_password_reset,
    reset_password,
)
from praxis.accounts.services.profile import update_profile
from praxis.accounts.services.registration import (
    confirm_email,
    resend_verification,
    sign_up,
    sign_up_problems,
    verify_email,
)
from praxis.accounts.services.sessions import (
    end_other_sessions,
    end_session,
    note_session_use,
    record_session,
)
from praxis.accounts.services.tokens import (
    authenticate_token,
    create_api_token,
    revoke_all_api_tokens,
    revoke_api_token,
    revoke_api_tokens_as_admin,
)

__all__ = [
    "accept_documents_in_force",
    "authenticate_token",
    "change_password",
    "check_credentials",
    "confirm_email",
    "confirm_email_change",
    "create_api_token",
    "end_other_sessions",
    "end_session",
    "note_session_use",
    "read_change_link",
    "read_undo_link",
    "record",
    "record_session",
    "request_email_change",
    "request_password_reset",
    "resend_verification",
    "reset_password",
    "revoke_all_api_tokens",
    "revoke_api_token",
    "revoke_api_tokens_as_admin",
    "sign_up",
    "sign_up_problems",
    "undo_email_change",
    "update_profile",
    "verify_email",
]
