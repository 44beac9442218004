from django.urls import path

from praxis.accounts import passkey_views, privacy_views, security_views, views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_view, name="login"),
    path("login/code/", security_views.two_factor_verify, name="two_factor_verify"),
    path("logout/", security_views.logout_view, name="logout"),
    path("verify/<str:token>/", views.verify_email, name="verify_email"),
    path("verify-again/", views.resend_verification, name="resend_verification"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path(
        "password-reset/<str:token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("profile/", views.profile, name="profile"),
    path("profile/password/", views.password_change, name="password_change"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("email/", security_views.email_change, name="email_change"),
    path(
        "email/confirm/<str:token>/",
        security_views.email_change_confirm,
        name="email_change_confirm",
    ),
    path("email/undo/<str:token>/", security_views.email_change_undo, name="email_change_undo"),
    path("sessions/", security_views.sessions, name="sessions"),
    path("sessions/<int:session_id>/end/", security_views.session_end, name="session_end"),
    path("sessions/end-others/", security_views.sessions_end_others, name="sessions_end_others"),
    path("sessions/end-all/", security_views.sessions_end_all, name="sessions_end_all"),
    path("activity/", security_views.activity, name="activity"),
    path("two-factor/", security_views.two_factor_page, name="two_factor"),
    path("two-factor/setup/", security_views.two_factor_setup, name="two_factor_setup"),
    path(
        "two-factor/recovery-codes/",
        security_views.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
    path("two-factor/off/", security_views.two_factor_off, name="two_factor_off"),
    path(
        "two-factor/passkeys/options/",
        passkey_views.register_options,
        name="passkey_register_options",
    ),
    path("two-factor/passkeys/", passkey_views.add, name="passkey_add"),
    path(
        "two-factor/passkeys/<int:passkey_id>/remove/",
        passkey_views.remove,
        name="passkey_remove",
    ),
    path("login/passkey/options/", passkey_views.sign_in_options, name="passkey_sign_in_options"),
    path("login/passkey/", passkey_views.sign_in, name="passkey_sign_in"),
    path("legal/<str:kind>/", security_views.legal_document, name="legal_document"),
    path("legal-acceptance/", security_views.accept_terms, name="accept_terms"),
    path("my-data/", privacy_views.my_data, name="my_data"),
    path("my-data/archive/", privacy_views.data_export, name="data_export"),
    path("my-data/download/<str:token>/", privacy_views.data_download, name="data_download"),
    path("delete/", privacy_views.delete_account, name="delete_account"),
    path("delete/scheduled/", privacy_views.erasure_scheduled, name="erasure_scheduled"),
    path("delete/cancel/", privacy_views.erasure_cancel, name="erasure_cancel"),
]
