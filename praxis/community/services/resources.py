"""The resource library of a community: files and links contributed by members, published by
moderators (a moderator's own contributions are published at once)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from praxis.community import search
from praxis.community.models import Community, Resource
from praxis.community.permissions import moderate_community
from praxis.community.services import membership as memberships
from praxis.community.services.audit import log_action
from praxis.community.services.posting import check_attachments
from praxis.core.errors import NotAuthenticated, ValidationFailed
from praxis.core.languages import LanguageTagProblem, standard_tag
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require

MAX_TOPICS = 8


@transaction.atomic
def contribute_resource(
    user: Person,
    community: Community,
    *,
    title: str,
    description: str,
    language: str,
    url: str = "",
    file: Any = None,
    topics: list[str] | None = None,
) -> Resource:
    """Add a link or a file to the library; it waits for a moderator unless one added it."""
    if not signed_in(user):
        raise NotAuthenticated()
    memberships._membership(user, community)
    fields: dict[str, list[Any]] = {}
    if not title.strip() or len(title) > 200:
        fields["title"] = [_("Give a title of up to 200 characters.")]
    if not description.strip() or len(description) > 4000:
        fields["description"] = [_("Describe the resource in up to 4,000 characters.")]
    try:
        language = standard_tag(language)
    except LanguageTagProblem as problem:
        fields["language"] = [problem.message]
    parts = urlsplit(url.strip())
    if url and (parts.scheme not in {"http", "https"} or not parts.netloc):
        fields["url"] = [_("Give the full web address, starting with https://.")]
    if bool(url) == bool(file):
        fields["url"] = [_("Give either a link or a file.")]
    if fields:
        raise ValidationFailed(fields=fields)
    checked = check_attachments([file])[0] if file else None
    clean_topics = [t.strip()[:60] for t in (topics or []) if t.strip()][:MAX_TOPICS]
    resource = Resource(
        community=community,
        contributed_by=user,
        title=title.strip(),
        description=description.strip(),
        url=url.strip(),
        topics=clean_topics,
        language=language,
        status=Resource.Status.PUBLISHED
        if moderate_community.allows(user, community)
        else Resource.Status.PROPOSED,
    )
    if checked is not None:
        resource.content_type = checked.content_type
        resource.file.save(checked.name, checked.upload, save=False)
    resource.save()
    search.index_resource(resource)
    return resource


@transaction.atomic
def curate_resource(
    moderator: Person, resource: Resource, status: str, reason: str = ""
) -> Resource:
    """Publish a proposed resource, or remove one."""
    require(moderate_community, moderator, resource.community)
    if status not in {Resource.Status.PUBLISHED, Resource.Status.REMOVED}:
        raise ValidationFailed(fields={"status": [_("Choose publish or remove.")]})
    resource.status = status
    resource.save(update_fields=["status", "updated_at"])
    search.index_resource(resource)
    if status == Resource.Status.REMOVED:
        log_action(
            moderator,
            resource.community,
            "hide",
            member=resource.contributed_by,
            reason=reason
            or str(_("Removed from the library: %(title)s") % {"title": resource.title}),
        )
    return resource
