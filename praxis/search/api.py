"""The search API: the same search as /search/, as JSON grouped by kind."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router

from praxis.core.schemas import errors
from praxis.search import queries
from praxis.search.schemas import ResultOut, SearchOut

router = Router(tags=["search"])


@router.get("/search", response={200: SearchOut, **errors(400)}, auth=None)
def search(request: HttpRequest, q: str = "", language: str = "") -> SearchOut:
    """Courses, lessons, events, sessions, communities, threads, resources and partners the
    caller may see matching `q`; courses in `language` (default: the request's) first."""
    results = queries.search_everything(request.user, q, language or get_language() or "en")
    groups = {
        kind: [
            ResultOut(title=r.title, url=r.url, language=r.language, context=r.context[:200])
            for r in results.groups.get(kind, [])
        ]
        for kind, _label in queries.KINDS
    }
    return SearchOut(query=results.query, suggestion=results.suggestion, **groups)
