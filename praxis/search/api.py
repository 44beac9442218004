"""The search API: the same search as /search/, as JSON grouped by kind."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Router

from praxis.core.api import built, json_answer, json_text
from praxis.core.people import signed_in
from praxis.core.schemas import errors
from praxis.search import queries
from praxis.search.schemas import ResultOut, SearchOut

router = Router(tags=["search"])


@router.get("/search", response={200: SearchOut, **errors(400)}, auth=None)
def search(request: HttpRequest, q: str = "", language: str = "") -> HttpResponse:
    """Courses, lessons, events, sessions, communities, threads, resources and partners the
    caller may see matching `q`; courses in `language` (default: the request's) first."""
    language = language or get_language() or "en"
    if signed_in(request.user):
        return built(request, _answer(request, q, language))
    # Every caller without a session or token asking the same gets the same answer, kept as
    # long as what the query found (queries.search_everything).
    return json_answer(
        queries.kept(
            ("api", language, q),
            lambda: json_text(request, _answer(request, q, language).model_dump()),
        ),
        kept=True,
    )


def _answer(request: HttpRequest, q: str, language: str) -> SearchOut:
    results = queries.search_everything(request.user, q, language)
    groups = {
        kind: [
            ResultOut(title=r.title, url=r.url, language=r.language, context=r.context[:200])
            for r in results.groups.get(kind, [])
        ]
        for kind, _label in queries.KINDS
    }
    return SearchOut(
        query=results.query, suggestion=results.suggestion, left_out=results.left_out, **groups
    )
