from django.urls import path

from praxis.community import lesson_views, membership_views, post_views, thread_views, views
from praxis.community import message_views as messages
from praxis.community import moderation_views as moderation

app_name = "community"

urlpatterns = [
    path("", views.community_list, name="communities"),
    path("search/", views.search, name="search"),
    path("open/", moderation.open_community, name="open"),
    path("notifications/", views.notifications, name="notifications"),
    path("moderation-record/", moderation.moderation_record, name="moderation_record"),
    path("drafts/", views.save_draft, name="draft"),
    path("handles/", views.handles, name="handles"),
    path("inbound-email/", views.inbound_email, name="inbound_email"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("people/<slug:handle>/", views.member, name="member"),
    path("people/<slug:handle>/block/", messages.block, name="block"),
    path("messages/", messages.inbox, name="inbox"),
    path("messages/new/", messages.new_message, name="new_message"),
    path("messages/flagged/", messages.flagged, name="flagged_messages"),
    path("messages/<uuid:conversation_uuid>/", messages.conversation, name="conversation"),
    path("messages/m/<int:message_id>/flag/", messages.flag_message, name="flag_message"),
    path(
        "messages/m/<int:message_id>/moderation/",
        messages.moderate_message,
        name="moderate_message",
    ),
    path("courses/<slug:slug>/", views.course_space, name="course_space"),
    path(
        "courses/<slug:slug>/lessons/<uuid:lesson_uuid>/",
        lesson_views.lesson_discussion,
        name="lesson_discussion",
    ),
    path("c/<slug:slug>/", views.community, name="community"),
    path("c/<slug:slug>/join/", views.join, name="join"),
    path("c/<slug:slug>/leave/", views.leave, name="leave"),
    path("c/<slug:slug>/email/", views.email_settings, name="email"),
    path("c/<slug:slug>/new/", views.new_thread, name="new_thread"),
    path("c/<slug:slug>/read/", views.mark_read, name="mark_read"),
    path("c/<slug:slug>/resources/", views.resource_library, name="resources"),
    path("c/<slug:slug>/moderation/", moderation.queue, name="queue"),
    path("c/<slug:slug>/suspension/", moderation.suspend, name="suspend"),
    path("c/<slug:slug>/members/", membership_views.members, name="members"),
    path(
        "c/<slug:slug>/members/<slug:handle>/removal/",
        membership_views.remove_member,
        name="remove_member",
    ),
    path(
        "c/<slug:slug>/requests/<int:membership_id>/",
        moderation.approve_member,
        name="approve_member",
    ),
    path("c/<slug:slug>/invitations/", moderation.invite, name="invite"),
    path(
        "c/<slug:slug>/invitations/<int:membership_id>/withdrawal/",
        moderation.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("t/<uuid:thread_uuid>/", thread_views.thread, name="thread"),
    path("t/<uuid:thread_uuid>/reply/", views.reply, name="reply"),
    path("t/<uuid:thread_uuid>/subscription/", views.subscription, name="subscription"),
    path("t/<uuid:thread_uuid>/moderation/", moderation.moderate_thread, name="moderate_thread"),
    path("posts/<int:post_id>/edit/", views.edit_post, name="edit_post"),
    path("posts/<int:post_id>/delete/", post_views.delete_post, name="delete_post"),
    path("posts/<int:post_id>/history/", views.history, name="history"),
    path("posts/<int:post_id>/flag/", moderation.flag, name="flag"),
    path("posts/<int:post_id>/reaction/", views.react, name="react"),
    path("posts/<int:post_id>/accept/", views.accept, name="accept"),
    path("posts/<int:post_id>/moderation/", moderation.moderate_post, name="moderate_post"),
    path("attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    path("resources/<int:resource_id>/file/", views.resource_file, name="resource_file"),
    path("resources/<int:resource_id>/curation/", views.curate, name="curate"),
]
