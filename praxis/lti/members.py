"""Names and Role Provisioning Services 2.0: the members of a course a tool may know of.

A tool learns only of learners who opened it from the course and still follow the course,
under the pseudonym it knows them by; names and e-mail addresses only when it is trusted with
them. Praxis creates no pseudonym for someone the tool has not met.
"""

from __future__ import annotations

from typing import Any

from praxis.core.errors import NotFound
from praxis.lti import hooks
from praxis.lti.claims import LEARNER, absolute, identity
from praxis.lti.models import Launch, Subject, Tool


def memberships(tool: Tool, context_id: str) -> dict[str, Any]:
    """The membership container of `context_id` as `tool` may see it."""
    launch = (
        Launch.objects.filter(
            tool=tool, context__id=context_id, used_at__isnull=False, link__isnull=False
        )
        .order_by("-created_at")
        .first()
    )
    if launch is None:
        raise NotFound()
    following: set[int] = set().union(*hooks.context_learners.ask(context_id=context_id))
    met = Launch.objects.filter(
        tool=tool, context__id=context_id, used_at__isnull=False, link__isnull=False
    ).values_list("learner_id", flat=True)
    subjects = (
        Subject.objects.filter(tool=tool, learner_id__in=set(met) & following)
        .select_related("learner")
        .order_by("id")
    )
    return {
        "id": absolute("lti:memberships", context_id),
        "context": {
            "id": context_id,
            "label": launch.context.get("label", ""),
            "title": launch.context.get("title", ""),
        },
        "members": [
            {
                "status": "Active",
                "user_id": subject.sub,
                "roles": [LEARNER],
                **identity(tool, subject.learner),
            }
            for subject in subjects
        ],
    }
