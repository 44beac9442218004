"""Removing a member from a community is its own kind of moderation action (a change of
choices only: nothing changes in the database)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0014_moderation_lifted_suspensions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="moderationaction",
            name="kind",
            field=models.CharField(
                choices=[
                    ("approve", "Approved a held post"),
                    ("hide", "Hid a post"),
                    ("unhide", "Showed a hidden post again"),
                    ("edit", "Edited a post"),
                    ("lock", "Locked a thread"),
                    ("unlock", "Unlocked a thread"),
                    ("pin", "Pinned a thread"),
                    ("unpin", "Unpinned a thread"),
                    ("move", "Moved a thread"),
                    ("suspend", "Suspended a member"),
                    ("unsuspend", "Lifted a suspension"),
                    ("dismiss", "Dismissed flags"),
                    ("approve_member", "Accepted a member"),
                    ("invite", "Invited a member"),
                    ("withdraw_invitation", "Withdrew an invitation"),
                    ("remove_member", "Removed a member"),
                ],
                max_length=20,
            ),
        ),
    ]
