"""WSGI entry point (gunicorn praxis.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from praxis.core.languages import load_language_names

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
application = get_wsgi_application()
# Import the URL configuration, and the views it imports, now rather than on the first request:
# workers forked by `gunicorn --preload` then share it instead of each importing it again.
get_resolver().url_patterns  # noqa: B018 - evaluated for its import
load_language_names()
