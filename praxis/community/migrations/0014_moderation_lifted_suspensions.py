"""Lifting a community suspension is its own kind of moderation action, and a suspension
lifted or replaced early records when it ended."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0013_search_index_no_pending_list"),
    ]

    operations = [
        migrations.AddField(
            model_name="moderationaction",
            name="ended_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
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
                ],
                max_length=20,
            ),
        ),
    ]
