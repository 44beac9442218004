"""What moderators do: review held posts and flags, hide, lock, pin, move, suspend, accept,
invite and remove members. Each action checks that the moderator moderates the community
concerned, is logged with its reason, and is shown to the member it concerns."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import User
from praxis.community import notices, search
from praxis.community.models import (
    Community,
    Flag,
    MemberProfile,
    Membership,
    ModerationAction,
    Post,
    Thread,
)
from praxis.community.permissions import moderate_community
from praxis.community.services import counts
from praxis.community.services.audit import log_action
from praxis.community.services.posting import publish
from praxis.core.errors import Conflict, ErrorCode, PermissionDenied, ValidationFailed
from praxis.core.people import Person
from praxis.core.permissions import is_staff, require
from praxis.notifications.services import notify

MAX_SUSPENSION_DAYS = 365
Kind = ModerationAction.Kind


def _reason(reason: str, *, required: bool = True) -> str:
    reason = reason.strip()
    if required and not reason:
        raise ValidationFailed(fields={"reason": [_("Give a reason: the member will see it.")]})
    if len(reason) > 500:
        raise ValidationFailed(fields={"reason": [_("Keep the reason under 500 characters.")]})
    return reason


def _locked_post(post: Post) -> Post:
    return (
        Post.objects.select_for_update()
        .select_related("thread__community", "author")
        .get(pk=post.pk)
    )


def _resolve_flags(post: Post) -> None:
    Flag.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=timezone.now())


@transaction.atomic
def approve_post(moderator: Person, post: Post) -> Post:
    """Let a held post through: it appears and notifies as if just posted."""
    post = _locked_post(post)
    require(moderate_community, moderator, post.thread.community)
    if post.status != Post.Status.HELD:
        raise ValidationFailed(fields={"post": [_("This post is not waiting for review.")]})
    post.status = Post.Status.VISIBLE
    post.save(update_fields=["status", "updated_at"])
    publish(post)
    log_action(moderator, post.thread.community, Kind.APPROVE, member=post.author, post=post)
    return post


@transaction.atomic
def hide_post(moderator: Person, post: Post, reason: str) -> Post:
    """Take a post out of view (an opening post hides its thread), with a reason."""
    reason = _reason(reason)
    post = _locked_post(post)
    community = post.thread.community
    require(moderate_community, moderator, community)
    was_visible = post.status == Post.Status.VISIBLE
    post.status = Post.Status.HIDDEN
    post.save(update_fields=["status", "updated_at"])
    thread = post.thread
    if post.position == 0:
        Thread.objects.filter(pk=thread.pk).update(is_visible=False)
        thread.is_visible = False
        if was_visible:
            counts.add(community.pk, threads=-1)
    elif was_visible:
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") - 1)
    search.index_thread(thread)
    _resolve_flags(post)
    log_action(moderator, community, Kind.HIDE, member=post.author, post=post, reason=reason)
    return post


@transaction.atomic
def unhide_post(moderator: Person, post: Post, reason: str = "") -> Post:
    """Show a hidden post again."""
    post = _locked_post(post)
    require(moderate_community, moderator, post.thread.community)
    if post.status != Post.Status.HIDDEN:
        raise ValidationFailed(fields={"post": [_("This post is not hidden.")]})
    post.status = Post.Status.VISIBLE
    post.save(update_fields=["status", "updated_at"])
    thread = post.thread
    if post.position == 0:
        Thread.objects.filter(pk=thread.pk).update(is_visible=True)
        thread.is_visible = True
        counts.add(thread.community_id, threads=1)
    else:
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") + 1)
    search.index_thread(thread)
    log_action(
        moderator,
        thread.community,
        Kind.UNHIDE,
        member=post.author,
        post=post,
        reason=_reason(reason, required=False),
    )
    return post


@transaction.atomic
def dismiss_flags(moderator: Person, post: Post) -> None:
    """The flags on a post were looked at and need nothing more."""
    post = _locked_post(post)
    require(moderate_community, moderator, post.thread.community)
    _resolve_flags(post)
    log_action(moderator, post.thread.community, Kind.DISMISS, post=post)


@transaction.atomic
def set_locked(moderator: Person, thread: Thread, locked: bool, reason: str = "") -> Thread:
    """Lock a thread (no more replies) or unlock it."""
    thread = (
        Thread.objects.select_for_update().select_related("community", "author").get(pk=thread.pk)
    )
    require(moderate_community, moderator, thread.community)
    thread.is_locked = locked
    thread.save(update_fields=["is_locked", "updated_at"])
    log_action(
        moderator,
        thread.community,
        Kind.LOCK if locked else Kind.UNLOCK,
        member=thread.author,
        thread=thread,
        reason=_reason(reason, required=False),
    )
    return thread


@transaction.atomic
def set_pinned(moderator: Person, thread: Thread, pinned: bool) -> Thread:
    """Pin a thread to the top of its community's list, or unpin it."""
    thread = Thread.objects.select_for_update().select_related("community").get(pk=thread.pk)
    require(moderate_community, moderator, thread.community)
    thread.is_pinned = pinned
    thread.save(update_fields=["is_pinned", "updated_at"])
    log_action(moderator, thread.community, Kind.PIN if pinned else Kind.UNPIN, thread=thread)
    return thread


@transaction.atomic
def move_thread(moderator: Person, thread: Thread, target: Community, reason: str) -> Thread:
    """Move a thread to another community; the moderator must moderate both."""
    reason = _reason(reason)
    thread = (
        Thread.objects.select_for_update().select_related("community", "author").get(pk=thread.pk)
    )
    source = thread.community
    require(moderate_community, moderator, source)
    require(moderate_community, moderator, target)
    if target.pk == source.pk:
        raise ValidationFailed(fields={"target": [_("Choose another community.")]})
    thread.community = target
    thread.save(update_fields=["community", "updated_at"])
    if thread.is_visible:
        counts.add(source.pk, threads=-1)
        counts.add(target.pk, threads=1)
    search.index_thread(thread)
    for community in (source, target):
        log_action(
            moderator,
            community,
            Kind.MOVE,
            member=thread.author if community == target else None,
            thread=thread,
            reason=reason,
        )
    return thread


@transaction.atomic
def suspend_member(
    moderator: Person, community: Community, member: Person, days: int, reason: str
) -> Membership:
    """Stop a member posting in the community for `days` days, or with 0 lift their current
    suspension (logged as its own action; refused when they are not suspended). A suspension
    that is lifted or replaced by a new one is marked as ended now in the log."""
    reason = _reason(reason)
    require(moderate_community, moderator, community)
    if not isinstance(days, int) or not 0 <= days <= MAX_SUSPENSION_DAYS:
        raise ValidationFailed(
            fields={"days": [_("Give a number of days from 0 to 365.")]},
        )
    membership = (
        Membership.objects.select_for_update().filter(community=community, user=member).first()
    )
    if membership is None:
        raise ValidationFailed(ErrorCode.NOT_A_MEMBER, _("This person is not a member here."))
    if membership.role == Membership.Role.MODERATOR or member.is_staff:
        raise ValidationFailed(fields={"member": [_("Moderators cannot be suspended here.")]})
    now = timezone.now()
    if not days and not membership.is_suspended:
        raise ValidationFailed(fields={"days": [_("This member is not suspended.")]})
    until = now + timedelta(days=days) if days else None
    membership.suspended_until = until
    membership.save(update_fields=["suspended_until", "updated_at"])
    ModerationAction.objects.filter(
        community=community, member=member, kind=Kind.SUSPEND, until__gt=now, ended_at=None
    ).update(ended_at=now)
    log_action(
        moderator,
        community,
        Kind.SUSPEND if days else Kind.UNSUSPEND,
        member=member,
        reason=reason,
        until=until,
    )
    return membership


@transaction.atomic
def approve_member(moderator: Person, membership: Membership) -> Membership:
    """Accept a request to join a community by request."""
    membership = (
        Membership.objects.select_for_update()
        .select_related("community", "user")
        .get(pk=membership.pk)
    )
    require(moderate_community, moderator, membership.community)
    if membership.status != Membership.Status.REQUESTED:
        raise ValidationFailed(fields={"member": [_("This person has not asked to join.")]})
    membership.status = Membership.Status.ACTIVE
    membership.save(update_fields=["status", "updated_at"])
    counts.add(membership.community_id, members=1)
    log_action(moderator, membership.community, Kind.APPROVE_MEMBER, member=membership.user)
    return membership


def _invitee(who: str) -> tuple[User | None, bool]:
    """The person `who` names (an @handle or an e-mail address) and whether it was an address."""
    who = who.strip()
    if not who or len(who) > 254:
        raise ValidationFailed(
            fields={"who": [_("Give the member's handle or the e-mail address of their account.")]}
        )
    if "@" in who.lstrip("@"):
        return User.objects.filter(email__iexact=who, is_active=True).first(), True
    profile = (
        MemberProfile.objects.select_related("user")
        .filter(handle=who.lstrip("@").lower(), user__is_active=True)
        .first()
    )
    if profile is None:
        raise ValidationFailed(
            ErrorCode.UNKNOWN_HANDLE,
            fields={
                "who": [_("No member has the handle @%(handle)s.") % {"handle": who.lstrip("@")}]
            },
        )
    return profile.user, False


@transaction.atomic
def invite(moderator: Person, community: Community, who: str) -> Membership | None:
    """Invite a person, named by handle or by their account's e-mail address, to join a
    community: they are told, see the community and join with one click (even one by
    invitation only). A person who asked to join is accepted at once. Returns None, changing
    nothing, for an address with no account, so that the answer does not tell a moderator
    which addresses have one. Inviting again does not tell the person twice."""
    require(moderate_community, moderator, community)
    if community.course_id is not None:
        raise ValidationFailed(
            ErrorCode.MEMBERSHIP_CLOSED,
            _("A course's discussion space is open to the course's learners, without invitation."),
        )
    person, by_address = _invitee(who)
    if person is None:
        return None
    membership = (
        Membership.objects.select_for_update().filter(community=community, user=person).first()
    )
    if membership is not None and membership.status == Membership.Status.ACTIVE:
        if by_address:
            return None
        raise Conflict(ErrorCode.ALREADY_IN_COMMUNITY, _("This person is already a member."))
    if membership is not None and membership.status == Membership.Status.INVITED:
        return membership
    if membership is not None and membership.status == Membership.Status.REQUESTED:
        return approve_member(moderator, membership)
    membership, _created = Membership.objects.update_or_create(
        community=community,
        user=person,
        defaults={"status": Membership.Status.INVITED, "role": Membership.Role.MEMBER},
    )
    log_action(moderator, community, Kind.INVITE, member=person, tell_member=False)
    notify(
        person,
        notices.invitation,
        reverse("community:community", args=[community.slug]),
        actor=moderator.full_name,
        community=community.name,
    )
    return membership


@transaction.atomic
def withdraw_invitation(moderator: Person, membership: Membership) -> None:
    """Take back an invitation not yet accepted."""
    membership = (
        Membership.objects.select_for_update()
        .select_related("community", "user")
        .get(pk=membership.pk)
    )
    require(moderate_community, moderator, membership.community)
    if membership.status != Membership.Status.INVITED:
        raise ValidationFailed(fields={"member": [_("This person has no open invitation.")]})
    membership.delete()
    log_action(
        moderator,
        membership.community,
        Kind.WITHDRAW_INVITATION,
        member=membership.user,
        tell_member=False,
    )


def may_remove(moderator: Person, community: Community, membership: Membership) -> bool:
    """Whether `moderator` (who moderates `community`) is offered to remove this member: not
    themselves, not another moderator unless they are staff, nobody from a course's space."""
    return (
        community.course_id is None
        and membership.user_id != moderator.pk
        and (membership.role != Membership.Role.MODERATOR or is_staff(moderator))
    )


@transaction.atomic
def remove_member(
    moderator: Person, community: Community, member: Person, reason: str
) -> Membership:
    """End a member's membership, with the reason, if one is given, that they are shown: they
    no longer read a community that is not open, nor post in it, nor hear of it by e-mail. A
    moderator removes neither themselves nor another moderator (staff may, but never the last
    one); a course's space takes no removal (its members are the course's learners)."""
    require(moderate_community, moderator, community)
    reason = _reason(reason, required=False)
    if community.course_id is not None:
        raise ValidationFailed(
            ErrorCode.MEMBERSHIP_CLOSED,
            _("A course's space is open to the course's learners: suspend a member instead."),
        )
    if member.pk == moderator.pk:
        raise ValidationFailed(
            fields={"member": [_("You cannot remove yourself: leave the community instead.")]}
        )
    membership = (
        Membership.objects.select_for_update()
        .filter(community=community, user=member, status=Membership.Status.ACTIVE)
        .first()
    )
    if membership is None:
        raise ValidationFailed(ErrorCode.NOT_A_MEMBER, _("This person is not a member here."))
    if membership.role == Membership.Role.MODERATOR:
        if not is_staff(moderator):
            raise PermissionDenied(message=_("Only the academy's staff can remove a moderator."))
        moderators = Membership.objects.select_for_update().filter(
            community=community, role=Membership.Role.MODERATOR, status=Membership.Status.ACTIVE
        )
        if len(moderators) <= 1:
            raise Conflict(
                message=_("A community keeps at least one moderator: appoint another one first.")
            )
    membership.status = Membership.Status.LEFT
    membership.role = Membership.Role.MEMBER
    membership.save(update_fields=["status", "role", "updated_at"])
    counts.add(community.pk, members=-1)
    log_action(moderator, community, Kind.REMOVE_MEMBER, member=member, reason=reason)
    return membership
