"""Background jobs for people: e-mails. Each takes an id and is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from praxis.accounts import emails
from praxis.accounts.lifecycle import erasure, exports
from praxis.accounts.models import ApiToken, User


@shared_task
def send_verification_email(user_id: int) -> None:
    """Send the address-verification link, unless the address is verified already."""
    user = User.objects.filter(pk=user_id, is_active=True, email_verified_at__isnull=True).first()
    if user is not None:
        emails.send_verification(user)


@shared_task
def send_password_reset_email(user_id: int) -> None:
    """Send a link to set a new password."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        emails.send_password_reset(user)


@shared_task
def send_password_changed_email(user_id: int, revoked_token_ids: list[int]) -> None:
    """Tell the person their password changed, naming the API tokens revoked with it."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        tokens = ApiToken.objects.filter(user=user, pk__in=revoked_token_ids).order_by("pk")
        emails.send_password_changed(user, [token.name for token in tokens])


@shared_task
def send_signup_attempt_email(user_id: int) -> None:
    """Tell a person that someone tried to sign up with their address."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None:
        emails.send_signup_attempt(user)


@shared_task
def send_email_change_email(user_id: int, new_email: str) -> None:
    """Send the link that confirms `new_email` to that address."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None and user.email != new_email:
        emails.send_email_change(user, new_email)


@shared_task
def send_email_changed_notice(user_id: int, old_email: str) -> None:
    """Tell the old address that the account's address changed, with a link to undo it."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None and user.email != old_email:
        emails.send_email_changed_notice(user, old_email)


@shared_task(name="accounts.build_data_export")
def build_data_export(export_id: int) -> None:
    """Build a person's archive; does nothing for one already built or gone."""
    exports.build(export_id)


@shared_task(name="accounts.delete_expired_data_exports")
def delete_expired_data_exports() -> int:
    """Periodic: delete the archives whose download link expired."""
    return exports.delete_expired()


@shared_task(name="accounts.erase_due_accounts")
def erase_due_accounts() -> int:
    """Periodic: erase the accounts whose grace period is over."""
    return erasure.erase_due()
