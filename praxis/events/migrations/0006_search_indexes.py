"""PostgreSQL: indexes for the search of events and sessions by substring (praxis.core.
text_index.fields_match): a trigram index over each searched field folded (an event's title,
summary and venue, a session's title and description) and a partial index of the rows whose
field holds Chinese characters, which Chinese terms are looked for among. With them a word few
texts hold is found without folding every row's text, and the statistics PostgreSQL keeps of
each folded field let it see when a word is common. The folding function and the extensions
come from catalog 0012. Nothing on other databases."""

from django.db import migrations

from praxis.core.migration_sql import per_database
from praxis.core.text_index import has_cjk_sql

FIELDS = {
    "events_event": ("title", "summary", "venue"),
    "events_session": ("title", "description"),
}


def _creating() -> list[str]:
    statements = []
    for table, fields in FIELDS.items():
        for field in fields:
            text = f"({field})::text"  # as text_index.MatchesAny spells the field
            statements += [
                f"CREATE INDEX {table}_{field}_folded ON {table}"
                f" USING gin (praxis_fold({text}) gin_trgm_ops)",
                f"CREATE INDEX {table}_{field}_chinese ON {table} (id) WHERE {has_cjk_sql(text)}",
            ]
        statements.append(f"ANALYZE {table}")
    return statements


def _dropping() -> list[str]:
    return [
        f"DROP INDEX IF EXISTS {table}_{field}_{kind}"
        for table, fields in FIELDS.items()
        for field in fields
        for kind in ("folded", "chinese")
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_canonical_language_tags"),
        ("catalog", "0012_search_indexes"),
    ]

    operations = [per_database({"postgresql": _creating()}, {"postgresql": _dropping()})]
