"""The search page: one form, results grouped by kind."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie

from praxis.accounts.shared_pages import sees_the_shared_page
from praxis.core import fragments
from praxis.core.errors import ValidationFailed
from praxis.search import queries
from praxis.search.forms import SearchForm


@require_GET
@vary_on_cookie  # a visitor with a session sees their own header and results
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    if not (form.is_valid() and form.cleaned_data["q"]):
        status = 400 if form.is_bound and not form.is_valid() else 200
        return _response(request, form, None, status)
    try:
        if sees_the_shared_page(request, query=True):
            # Every visitor without a session searching for the same words in the same
            # language sees the same page, kept as long as what its query found; it links back
            # to the search written the one normal way (`q` alone).
            q = form.cleaned_data["q"]
            back = f"{request.path}?{urlencode({'q': q})}"
            return fragments.kept_response(
                queries.kept(
                    ("page", get_language() or "en", q),
                    lambda: _render(request, form, _results(request, form), back),
                ),
                request,
            )
        return _response(request, form, _results(request, form), 200)
    except ValidationFailed as refusal:
        form.add_error("q", str(refusal.message))
        return _response(request, form, None, 400)


def _results(request: HttpRequest, form: SearchForm) -> queries.Results:
    return queries.search_everything(request.user, form.cleaned_data["q"], get_language() or "en")


def _render(
    request: HttpRequest, form: SearchForm, results: queries.Results | None, back: str = ""
) -> str:
    context = {"form": form, "results_html": _results_html(results), "language_next": back}
    return render_to_string("search/search.html", context, request)


def _results_html(results: queries.Results | None) -> SafeString:
    """The results as every reader of the language sees them, rendered once for the same
    results (their whole text is the key): a signed-in reader's page is rendered around them."""
    if results is None:
        return SafeString()
    html = queries.kept(
        ("results", get_language() or "en", repr(results)),
        lambda: render_to_string("search/_results.html", {"results": results}),
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own template, which escapes


def _response(
    request: HttpRequest, form: SearchForm, results: queries.Results | None, status: int
) -> HttpResponse:
    return HttpResponse(_render(request, form, results), status=status)
