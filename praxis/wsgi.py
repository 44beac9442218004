"""WSGI entry point (gunicorn praxis.wsgi)."""

import gc
import os

from django.conf import settings
from django.contrib.auth.password_validation import get_default_password_validators
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver
from django.utils import translation

from praxis.core.hooks import require_answered
from praxis.core.languages import load_language_names


def start() -> WSGIHandler:
    """The site, with Django set up and every hook it declares answered (ImproperlyConfigured
    otherwise: the site does not start half wired)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
    site = get_wsgi_application()
    require_answered()
    # Import the URL configuration, and the views it imports, now rather than on the first
    # request: workers forked by `gunicorn --preload` then share it instead of each importing it.
    get_resolver().url_patterns  # noqa: B018 - evaluated for its import
    # What each process would otherwise build on its first page, once per worker: the table
    # `reverse()` reads (built per language; about 2 MB for the default one), the list of common
    # passwords the password fields' help and checks read (1.5 MB), the language names.
    with translation.override(settings.LANGUAGE_CODE):
        get_resolver().reverse_dict  # noqa: B018 - evaluated to build it
    get_default_password_validators()
    load_language_names()
    # What start-up made lives as long as the process. Left to the collector, each of its full
    # collections walked all of it (about 5 ms, paid by whichever request was running); frozen,
    # it is never visited again, and a worker forked from a master that froze it never writes
    # to those pages to do so.
    gc.collect()
    gc.freeze()
    return site


application = start()
