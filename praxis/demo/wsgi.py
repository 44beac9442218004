"""`make run`'s WSGI entry point: the site, with the database and the demo prepared first.

gunicorn loads it once in its master process (`--preload`), so Django starts once for both the
preparation and the workers it forks: a second `make run` is serving within seconds.
"""

import ctypes
import gc
import os

from django.core.management import call_command
from django.db import connections

from praxis.demo.forked import run_in_child
from praxis.wsgi import application


def release_free_heap() -> None:
    """Give the C heap's free pages back to the system (glibc's `malloc_trim`; nothing where the
    C library has none): the master would keep them resident for nothing, and a worker that
    allocates there later gets a fresh page instead of a copy of the master's."""
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is not None:
        trim(0)


# In a forked child: the migrations and the demo's content it imports stay out of the master.
run_in_child(
    lambda: call_command("prepare_demo"), "Preparing the database and the demo failed (see above)."
)
# The workers are forked from this process: none may inherit its database connection.
connections.close_all()
# What the master made so far (Django, the apps, the views) is shared with the workers page by
# page until one writes to it. A full garbage collection writes to every object it visits,
# copying the whole shared heap into each worker; frozen objects are never visited.
gc.collect()
gc.freeze()
release_free_heap()
print(f"Serving http://127.0.0.1:{os.environ.get('PORT', '8000')}/ (Ctrl-C to stop)", flush=True)

__all__ = ["application"]
