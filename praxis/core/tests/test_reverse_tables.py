"""The tables `reverse()` reads are built once for every language, unless a route is translated."""

from django.conf import settings as site_settings
from django.http import HttpResponse
from django.urls import URLResolver, get_resolver, include, path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from pytest_django import Settings

from praxis.core.reverse_tables import build_reverse_tables


def _view(request: object) -> HttpResponse:
    return HttpResponse()


# A URL configuration with a translated route, read by the second test.
urlpatterns = [
    path(_("about/"), _view, name="about"),
    path("courses/", include(([path("<slug:slug>/", _view, name="course")], "courses"))),
]


def test_every_language_reverses_with_the_same_tables() -> None:
    build_reverse_tables()
    root = get_resolver()
    built = root._reverse_dict[site_settings.LANGUAGE_CODE]
    for code, _name in site_settings.LANGUAGES:
        assert root._reverse_dict[code] is built, code
    addresses = {}
    for code in ("en", "ar", "zh-hans"):
        with translation.override(code):
            addresses[code] = reverse("catalog:course", kwargs={"slug": "hand-hygiene"})
    assert set(addresses.values()) == {"/courses/hand-hygiene/"}
    # Nor did reversing into a namespace in another language build a table of its own.
    assert all(
        len({id(table) for table in resolver._reverse_dict.values()}) == 1
        for resolver in _resolvers(root)
    )


def test_a_translated_route_keeps_a_table_per_language(settings: Settings) -> None:
    settings.ROOT_URLCONF = __name__
    build_reverse_tables()
    assert "ar" not in get_resolver()._reverse_dict
    with translation.override("en"):
        assert reverse("courses:course", kwargs={"slug": "a"}) == "/courses/a/"
        assert reverse("about") == "/about/"


def _resolvers(resolver: URLResolver) -> list[URLResolver]:
    nested = [p for p in resolver.url_patterns if isinstance(p, URLResolver)]
    return [resolver, *(r for n in nested for r in _resolvers(n))]
