"""Every change to people's accounts. Views, the API and other apps call these, never the ORM."""

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
    verify_email,
)
from praxis.accounts.services.tokens import (
    authenticate_token,
    create_api_token,
    revoke_all_api_tokens,
    revoke_api_token,
    revoke_api_tokens_as_admin,
)

__all__ = [
    "authenticate_token",
    "change_password",
    "check_credentials",
    "confirm_email",
    "create_api_token",
    "request_password_reset",
    "resend_verification",
    "reset_password",
    "revoke_all_api_tokens",
    "revoke_api_token",
    "revoke_api_tokens_as_admin",
    "sign_up",
    "update_profile",
    "verify_email",
]
