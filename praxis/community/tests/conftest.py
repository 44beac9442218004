"""Fixtures for the community tests: uploads go to a temporary folder; a community with a
moderator, a member and a thread."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.community.models import Community, Membership, Thread
from praxis.community.services import posting
from praxis.community.tests.factories import CommunityFactory, MembershipFactory, ModeratorFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class Space:
    community: Community
    moderator: User
    member: User
    member_ship: Membership
    thread: Thread


@pytest.fixture
def space(db: None) -> Space:
    """An open community with a moderator, an established member, and a thread by the member."""
    community = CommunityFactory.create()
    moderator = ModeratorFactory.create(community=community, profile="mod").user
    membership = MembershipFactory.create(community=community, profile="amina")
    thread = posting.start_thread(
        membership.user, community, title="Alcohol rub shortages", body="What do you use?"
    )
    return Space(community, moderator, membership.user, membership, thread)
