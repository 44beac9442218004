from django.contrib.auth import views as auth_views
from django.urls import path

from praxis.accounts import privacy_views, views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.login_view, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
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
    path("my-data/", privacy_views.my_data, name="my_data"),
    path("my-data/archive/", privacy_views.data_export, name="data_export"),
    path("my-data/download/<str:token>/", privacy_views.data_download, name="data_download"),
    path("delete/", privacy_views.delete_account, name="delete_account"),
    path("delete/scheduled/", privacy_views.erasure_scheduled, name="erasure_scheduled"),
    path("delete/cancel/", privacy_views.erasure_cancel, name="erasure_cancel"),
]
