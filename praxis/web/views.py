"""The site shell: home page and language switching."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html")


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness check for load balancers; also the cheapest page, the ceiling in benchmarks."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
