"""The hooks the organisations app asks; higher apps import these declarations and answer them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from praxis.core.hooks import Notification, Query

if TYPE_CHECKING:
    from praxis.organisations.models import Organisation
    from praxis.organisations.queries import Section


@Query
def page_sections(*, organisation: Organisation) -> Section | None:
    """A section of the organisation's public page, or None (catalog: the courses it
    co-created)."""
    raise NotImplementedError


@Notification
def changed(*, organisation: Organisation) -> None:
    """The organisation's public description changed; sent inside the change's transaction
    (catalog: its cached pages show organisations' names)."""
