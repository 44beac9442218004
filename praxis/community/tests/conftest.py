"""Fixtures for the community tests: uploads go to a temporary folder; a community with a
moderator, a member and a thread."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from praxis.community.models import Community, Membership, Thread
from praxis.community.services import posting
from praxis.community.tests.factories import CommunityFactory, MembershipFactory, ModeratorFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class Space:
    community: Community
    moderator: Any
    member: Any
    member_ship: Membership
    thread: Thread


@pytest.fixture
def space(db: Any) -> Space:
    """An open community with a moderator, an established member, and a thread by the member."""
    community = CommunityFactory()
    moderator = ModeratorFactory(community=community, profile="mod").user
    membership = MembershipFactory(community=community, profile="amina")
    thread = posting.start_thread(
        membership.user, community, title="Alcohol rub shortages", body="What do you use?"
    )
    return Space(community, moderator, membership.user, membership, thread)
