"""Joining and leaving communities, course spaces, handles, e-mail settings and unsubscribing."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from praxis.catalog.models import Course
from praxis.community import notices, search
from praxis.community.models import (
    Community,
    Draft,
    MemberProfile,
    Membership,
    Thread,
    ThreadSubscription,
)
from praxis.community.permissions import is_enrolled, read_community
from praxis.community.queries import hosts_community_named
from praxis.community.services import counts
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from praxis.core.languages import LanguageTagProblem, standard_tag
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require
from praxis.core.signed_links import SignedLink
from praxis.notifications.services import mark_read_about
from praxis.organisations.models import Organisation
from praxis.organisations.permissions import manage_organisation

UNSUBSCRIBE_SALT = "praxis.community.unsubscribe"
UNSUBSCRIBE_MAX_AGE = timedelta(days=60)
UNSUBSCRIBE_LINK = SignedLink(
    UNSUBSCRIBE_SALT,
    key_type=int,
    invalid=partial(
        ValidationFailed,
        ErrorCode.UNSUBSCRIBE_LINK_INVALID,
        _("This unsubscribe link is not valid."),
    ),
    max_age=UNSUBSCRIBE_MAX_AGE,
    expired=partial(
        ValidationFailed,
        ErrorCode.UNSUBSCRIBE_LINK_EXPIRED,
        _("This link has expired. Change your e-mail settings on the community's page."),
    ),
    key_name="m",  # the form these links have had from the first
)
# A community names the few languages it speaks; more would say nothing.
MAX_LANGUAGES = 12
HANDLE_MAX = 30
NAME_TAKEN = _("This organisation already hosts a community of this name: choose another name.")


def ensure_profile(user: Person) -> MemberProfile:
    """The person's community profile, created with a handle made from their name."""
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    base = slugify(user.full_name)[:HANDLE_MAX].strip("-") or "member"
    if len(base) < 2:  # a handle needs two characters to be mentioned
        base = f"{base}-member"
    for number in range(1, 1000):
        handle = base if number == 1 else f"{base}-{number}"
        try:
            with transaction.atomic():
                return MemberProfile.objects.create(user=user, handle=handle)
        except IntegrityError:
            continue
    return MemberProfile.objects.create(user=user, handle=f"member-{user.pk}")


def _activate(community: Community, user: Person, role: str = Membership.Role.MEMBER) -> Membership:
    membership, created = Membership.objects.get_or_create(
        community=community, user=user, defaults={"role": role}
    )
    if not created and membership.status != Membership.Status.ACTIVE:
        membership.status = Membership.Status.ACTIVE
        membership.save(update_fields=["status", "updated_at"])
        created = True
    if created:
        counts.add(community.pk, members=1)
    ensure_profile(user)
    return membership


@transaction.atomic
def create_community(
    *,
    slug: str,
    name: str,
    description: str = "",
    kind: str = Community.Kind.TOPIC,
    access: str = Community.Access.OPEN,
    languages: list[str] | None = None,
    host: Any = None,
    moderators: list[Any] | None = None,
) -> Community:
    """A new community (staff, through the back office or the demo), indexed for search."""
    community = Community.objects.create(
        slug=slug,
        name=name,
        description=description,
        kind=kind,
        access=access,
        languages=languages or ["en"],
        host=host,
    )
    for moderator in moderators or []:
        _activate(community, moderator, Membership.Role.MODERATOR)
    search.index_community(community)
    return community


@transaction.atomic
def open_community(
    user: Person,
    host: Organisation,
    *,
    name: str,
    description: str,
    kind: str,
    access: str,
    languages: list[str],
) -> Community:
    """A partner's admin opens a community hosted by their organisation and becomes its first
    moderator. Bad input changes nothing."""
    require(manage_organisation, user, host)
    # Two requests opening the same community at once: the second waits, then finds the first.
    list(Organisation.objects.select_for_update().filter(pk=host.pk).values_list("pk"))
    name, description = name.strip(), description.strip()
    errors: dict[str, list[Any]] = {}
    taken = False
    if not 3 <= len(name) <= 200:
        errors["name"] = [_("Give the community a name (3 to 200 characters).")]
    elif hosts_community_named(host, name):
        taken = True
        errors["name"] = [NAME_TAKEN]
    if len(description) > 4000:
        errors["description"] = [_("Keep the description under 4,000 characters.")]
    if kind not in Community.Kind.values or kind == Community.Kind.COURSE:
        errors["kind"] = [_("Choose one of the options.")]
    if access not in Community.Access.values:
        errors["access"] = [_("Choose one of the options.")]
    try:
        if (
            not isinstance(languages, list | tuple)
            or not languages
            or len(languages) > MAX_LANGUAGES
        ):
            raise LanguageTagProblem(
                ErrorCode.INVALID_LANGUAGE_TAG, _("Choose the languages the community speaks.")
            )
        languages = list(dict.fromkeys(standard_tag(code) for code in languages))
    except LanguageTagProblem as problem:
        errors["languages"] = [problem.message]
    if taken and len(errors) == 1:
        raise Conflict(ErrorCode.COMMUNITY_EXISTS, NAME_TAKEN, fields=errors)
    if errors:
        raise ValidationFailed(fields=errors)
    base = slugify(name)[:100].strip("-") or "community"
    slug, number = base, 1
    while Community.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return create_community(
        slug=slug,
        name=name,
        description=description,
        kind=kind,
        access=access,
        languages=list(dict.fromkeys(languages)),
        host=host,
        moderators=[user],
    )


@transaction.atomic
def join(user: Person, community: Community) -> Membership:
    """Join an open community, or ask to join one by request. Invitation-only ones refuse."""
    if not signed_in(user):
        raise NotAuthenticated()
    if community.course is not None:
        course_membership = open_course_space(user, community.course)[1]
        if course_membership is None:
            raise PermissionDenied(ErrorCode.NOT_ENROLLED, _("Enrol in the course to join."))
        return course_membership
    existing = Membership.objects.filter(community=community, user=user).first()
    if existing is not None and existing.status == Membership.Status.ACTIVE:
        raise Conflict(
            ErrorCode.ALREADY_IN_COMMUNITY, _("You are already a member of this community.")
        )
    invited = existing is not None and existing.status == Membership.Status.INVITED
    if community.access == Community.Access.OPEN or invited:
        membership = _activate(community, user)
        if invited:
            _invitation_answered(user, community)
        return membership
    if community.access == Community.Access.REQUEST:
        membership, _created = Membership.objects.update_or_create(
            community=community, user=user, defaults={"status": Membership.Status.REQUESTED}
        )
        return membership
    raise PermissionDenied(
        ErrorCode.MEMBERSHIP_CLOSED, _("This community is open to invited members only.")
    )


@transaction.atomic
def leave(user: Person, community: Community) -> None:
    """Leave a community (posts stay, e-mail stops), or decline an invitation to it."""
    declined, _by_kind = Membership.objects.filter(
        community=community, user=user, status=Membership.Status.INVITED
    ).delete()
    if declined:
        _invitation_answered(user, community)
    updated = Membership.objects.filter(
        community=community, user=user, status=Membership.Status.ACTIVE
    ).update(status=Membership.Status.LEFT)
    if updated:
        counts.add(community.pk, members=-1)


def _invitation_answered(user: Person, community: Community) -> None:
    """The invitation's notice has done its work once the invitation is accepted or declined."""
    link = reverse("community:community", args=[community.slug])
    mark_read_about(user, link, [notices.invitation])


@transaction.atomic
def ensure_course_space(course: Course) -> Community:
    """The discussion space of `course`, created the first time someone needs it."""
    existing = Community.objects.filter(course=course).first()
    if existing is not None:
        return existing
    community = Community.objects.create(
        slug=f"course-{course.slug}"[:120],
        name=course.title,
        description=course.summary[:4000],
        kind=Community.Kind.COURSE,
        access=Community.Access.INVITATION,
        languages=[course.language],
        course=course,
        hold_first_posts=False,  # enrolled learners are known to the academy already
    )
    search.index_community(community)
    return community


@transaction.atomic
def open_course_space(user: Person, course: Course) -> tuple[Community, Membership | None]:
    """The course's space, with the user's membership when they are enrolled (made now)."""
    community = ensure_course_space(course)
    require(read_community, user, community)
    if not is_enrolled(user, community):
        return community, None  # staff read without joining
    return community, _activate(community, user)


def _membership(user: Person, community: Community) -> Membership:
    membership = Membership.objects.filter(
        community=community, user=user, status=Membership.Status.ACTIVE
    ).first()
    if membership is None:
        raise PermissionDenied(ErrorCode.NOT_A_MEMBER, _("Join this community first."))
    return membership


@transaction.atomic
def set_email(user: Person, community: Community, frequency: str) -> Membership:
    """How often the member hears of new posts by e-mail: immediately, daily, weekly, never."""
    if frequency not in Membership.Email.values:
        raise ValidationFailed(fields={"email": [_("Choose one of the options.")]})
    membership = _membership(user, community)
    membership.email = frequency
    membership.save(update_fields=["email", "updated_at"])
    return membership


@transaction.atomic
def set_thread_subscription(user: Person, thread: Thread, level: str) -> None:
    """Follow or mute a thread; "default" goes back to the community's setting."""
    require(read_community, user, thread.community)
    if not signed_in(user):
        raise NotAuthenticated()
    if level == "default":
        ThreadSubscription.objects.filter(thread=thread, user=user).delete()
        return
    if level not in ThreadSubscription.Level.values:
        raise ValidationFailed(fields={"level": [_("Choose one of the options.")]})
    ThreadSubscription.objects.update_or_create(thread=thread, user=user, defaults={"level": level})


def unsubscribe_token(membership: Membership) -> str:
    """A signed token that stops a member's e-mail from one community without logging in."""
    return UNSUBSCRIBE_LINK.token(membership.pk)


def membership_for_token(token: str) -> Membership:
    """The membership a token names; refuses an altered or expired token."""
    key = UNSUBSCRIBE_LINK.key(token)
    membership = Membership.objects.select_related("community", "user").filter(pk=key).first()
    if membership is None:
        raise NotFound()
    return membership


@transaction.atomic
def unsubscribe(token: str) -> Membership:
    """Stop all e-mail from the token's community to its member."""
    membership = membership_for_token(token)
    membership.email = Membership.Email.NEVER
    membership.save(update_fields=["email", "updated_at"])
    return membership


@transaction.atomic
def save_draft(
    user: Person, community: Community, thread: Thread | None, title: str, body: str
) -> Draft:
    """Keep what the member is writing, so that a dropped connection loses nothing."""
    if not signed_in(user):
        raise NotAuthenticated()
    require(read_community, user, community)
    if len(body) > 20000 or len(title) > 200:
        raise ValidationFailed(fields={"body": [_("This text is too long.")]})
    draft, _created = Draft.objects.update_or_create(
        user=user, community=community, thread=thread, defaults={"title": title, "body": body}
    )
    return draft


def discard_draft(user: Person, community: Community, thread: Thread | None) -> None:
    Draft.objects.filter(user=user, community=community, thread=thread).delete()
