"""The notices the communities send (praxis.notifications.kinds): replies, mentions, accepted
answers and moderation outcomes, each worded for what happened."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from praxis.notifications.kinds import Delivery, kind


@kind(label=_("Someone mentions you"), default=Delivery.IN_APP)
def mention(*, actor: str, thread: str) -> str:
    return gettext("%(actor)s mentioned you in “%(thread)s”") % {"actor": actor, "thread": thread}


@kind(label=_("Replies in threads you follow"), default=Delivery.IN_APP)
def reply(*, actor: str, thread: str) -> str:
    return gettext("%(actor)s replied in a thread you follow: “%(thread)s”") % {
        "actor": actor,
        "thread": thread,
    }


@kind(label=_("Your answer is accepted"), default=Delivery.IN_APP)
def accepted(*, actor: str, thread: str) -> str:
    return gettext("%(actor)s accepted your answer in “%(thread)s”") % {
        "actor": actor,
        "thread": thread,
    }


def _in_thread(action: str) -> str | None:
    return {
        "approve": gettext("A moderator approved your post in “%(thread)s”; it is now visible."),
        "hide": gettext("A moderator hid your post in “%(thread)s”."),
        "unhide": gettext("A moderator showed your post in “%(thread)s” again."),
        "edit": gettext("A moderator edited your post in “%(thread)s”."),
        "lock": gettext("A moderator locked your thread “%(thread)s”."),
        "unlock": gettext("A moderator unlocked your thread “%(thread)s”."),
        "move": gettext("A moderator moved your thread “%(thread)s”."),
    }.get(action)


def _in_community(action: str) -> str:
    return {
        "hide": gettext("A moderator hid your contribution in %(community)s."),
        "suspend": gettext("A moderator suspended you in %(community)s."),
        "approve_member": gettext("Your request to join %(community)s was accepted."),
        "remove_member": gettext("A moderator removed you from %(community)s."),
    }.get(action) or gettext("A moderator acted on your contribution in %(community)s.")


@kind(label=_("Moderation of your contributions"), default=Delivery.IN_APP)
def moderation(*, action: str, community: str, thread: str = "") -> str:
    text = (_in_thread(action) if thread else None) or _in_community(action)
    return text % {"thread": thread, "community": community}


@kind(label=_("Invitations to communities"), default=Delivery.EMAIL)
def invitation(*, actor: str, community: str) -> str:
    return gettext("%(actor)s invited you to join %(community)s") % {
        "actor": actor,
        "community": community,
    }


@kind(label=_("Private messages"), default=Delivery.EMAIL)
def direct_message(*, actor: str) -> str:
    return gettext("%(actor)s sent you a private message") % {"actor": actor}
