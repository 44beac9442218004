"""How searches read their indexes: the planner settings `index_first` holds for its block."""

import pytest
from django.db import connection

from praxis.core.text_index import index_first

pytestmark = pytest.mark.django_db


def _settings() -> tuple[str, ...]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_hashjoin'),"
            " current_setting('enable_mergejoin'), current_setting('jit')"
        )
        return tuple(cursor.fetchone())


def test_the_search_plans_hold_inside_the_block_only() -> None:
    if connection.vendor != "postgresql":
        # SQLite has no planner settings: the block only runs what it holds.
        with index_first():
            assert connection.cursor().execute("SELECT 1").fetchone() == (1,)
        return
    before = _settings()
    with index_first():
        # No table read whole, no hash or merge join, nothing compiled before it runs.
        assert _settings() == ("off", "off", "off", "off")
        with index_first():
            assert _settings() == ("off", "off", "off", "off")
    assert _settings() == before
