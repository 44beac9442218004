"""Factories for communities, memberships, threads and posts."""

import factory

from praxis.accounts.tests.factories import UserFactory
from praxis.community.models import Community, MemberProfile, Membership, Post, Thread


class CommunityFactory(factory.django.DjangoModelFactory[Community]):
    class Meta:
        model = Community

    slug = factory.Sequence(lambda n: f"community-{n}")
    name = factory.Sequence(lambda n: f"Infection prevention practitioners {n}")
    description = "Practitioners sharing what works on the ward."
    languages = factory.LazyFunction(lambda: ["en"])
    hold_first_posts = False


class MemberProfileFactory(factory.django.DjangoModelFactory[MemberProfile]):
    class Meta:
        model = MemberProfile
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory)
    handle = factory.Sequence(lambda n: f"member-{n}")


def _profile(membership: Membership, create: bool, extracted: str | None, **kwargs: object) -> None:
    if create:
        MemberProfileFactory.create(
            user=membership.user, **({"handle": extracted} if extracted else {})
        )


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    """An active member, with a community profile (handle) and enough approved posts not to
    count as new; pass approved_posts=0 for a new member."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory)
    approved_posts = 5
    email = Membership.Email.NEVER

    profile = factory.PostGeneration(_profile)


class ModeratorFactory(MembershipFactory):
    role = Membership.Role.MODERATOR


class ThreadFactory(factory.django.DjangoModelFactory[Thread]):
    class Meta:
        model = Thread

    community = factory.SubFactory(CommunityFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"How do you audit hand hygiene? ({n})")
    language = "en"


class PostFactory(factory.django.DjangoModelFactory[Post]):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SelfAttribute("thread.author")
    position = factory.Sequence(lambda n: n + 1)
    body = "We observe one ward a week with the five moments form."
    body_html = "<p>We observe one ward a week with the five moments form.</p>"
