"""Work done in a forked copy of the process, so that what it imports and builds is not kept.

`make run`'s master (praxis/demo/wsgi.py) prepares the database and the demo before gunicorn
forks the workers, which share the master's memory. The preparation imports what serving never
needs (every migration, the demo's content, the migration executor: about 26 MB); done in a
child that exits, none of it stays in the master. The child is a fork, not a new interpreter,
so Django is not started a second time.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable

from django.db import connections


def run_in_child(work: Callable[[], object], failure: str) -> None:
    """Run `work` in a forked child and wait for it; SystemExit(`failure`) when it fails."""
    connections.close_all()  # the child must not share a connection with its parent
    sys.stdout.flush()
    sys.stderr.flush()
    child = os.fork()
    if child == 0:
        status = 0
        try:
            work()
        except BaseException:  # any failure, even Ctrl-C, ends the child with a status
            traceback.print_exc()
            status = 1
        finally:
            connections.close_all()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)  # never back into the caller's code: the parent carries on
    _pid, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(failure)
