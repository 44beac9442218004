"""The search page: one form, results grouped by kind."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from praxis.core.errors import ValidationFailed
from praxis.search import queries
from praxis.search.forms import SearchForm


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    status = 200
    if form.is_valid() and form.cleaned_data["q"]:
        try:
            results = queries.search_everything(
                request.user, form.cleaned_data["q"], get_language() or "en"
            )
        except ValidationFailed as refusal:
            form.add_error("q", str(refusal.message))
            status = 400
    elif form.is_bound and not form.is_valid():
        status = 400
    return render(request, "search/search.html", {"form": form, "results": results}, status=status)
