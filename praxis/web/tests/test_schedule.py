"""Every periodic job the scheduler runs names a task that exists."""

from django.conf import settings

from praxis.celery import app


def test_every_scheduled_job_names_a_registered_task() -> None:
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled == {
        "praxis.events.tasks.send_reminders",
        "praxis.community.tasks.send_daily_digests",
        "praxis.community.tasks.send_weekly_digests",
        "praxis.notifications.tasks.retry_notice_emails",
        "praxis.notifications.tasks.send_daily_digests",
        "praxis.notifications.tasks.send_weekly_digests",
        "research.expire_projects",
        "research.delete_export_files",
        "accounts.erase_due_accounts",
        "accounts.delete_expired_data_exports",
        "packages.abandon_expired_sessions",
    }
    assert scheduled <= set(app.tasks)
