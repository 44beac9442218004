"""WSGI entry point (gunicorn praxis.wsgi)."""

import gc
import os
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_backends
from django.contrib.auth.password_validation import get_default_password_validators
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.urls import get_resolver
from django.utils.module_loading import import_string

from praxis.core.hooks import require_answered
from praxis.core.languages import load_language_names
from praxis.core.reverse_tables import build_reverse_tables


def start() -> WSGIHandler:
    """The site, with Django set up and every hook it declares answered (ImproperlyConfigured
    otherwise: the site does not start half wired)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
    site = get_wsgi_application()
    require_answered()
    # Import the URL configuration, and the views it imports, now rather than on the first
    # request: workers forked by `gunicorn --preload` then share it instead of each importing it.
    get_resolver().url_patterns  # noqa: B018 - evaluated for its import
    # What each process would otherwise build on its first page, once per worker: the tables
    # `reverse()` reads (about 2 MB, the same for every language), the list of common passwords
    # the password fields' help and checks read (1.5 MB), the language names.
    build_reverse_tables()
    get_default_password_validators()
    load_language_names()
    # And what the first pages import: the template engine (every library of template tags, the
    # loaders, the context processors), the SQL compiler, the cache, message, session and
    # authentication backends the settings name (about 3 MB in each worker otherwise).
    for engine in engines.all():
        if isinstance(engine, DjangoTemplates):
            engine.engine.template_loaders  # noqa: B018 - evaluated for its imports
            engine.engine.template_context_processors  # noqa: B018 - the same
    import_module(connection.ops.compiler_module)
    for name in (
        *(cache["BACKEND"] for cache in settings.CACHES.values()),
        settings.MESSAGE_STORAGE,
        settings.SESSION_SERIALIZER,
    ):
        import_string(name)
    get_backends()
    # What start-up made lives as long as the process. Left to the collector, each of its full
    # collections walked all of it (about 5 ms, paid by whichever request was running); frozen,
    # it is never visited again, and a worker forked from a master that froze it never writes
    # to those pages to do so.
    gc.collect()
    gc.freeze()
    return site


application = start()
