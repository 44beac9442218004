"""WSGI entry point (gunicorn praxis.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")
application = get_wsgi_application()
