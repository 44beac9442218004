"""On PostgreSQL, a partial index of the community search rows holding Chinese characters,
among which a Chinese term is looked for as a substring (praxis.core.text_index). Nothing on
other databases."""

from django.db import migrations

from praxis.core.migration_sql import per_database
from praxis.core.text_index import has_cjk_sql

INDEX = "community_search_chinese"


class Migration(migrations.Migration):
    dependencies = [("community", "0008_search_language_tags")]

    operations = [
        per_database(
            {
                "postgresql": [
                    f"CREATE INDEX {INDEX} ON community_search (key) WHERE {has_cjk_sql('content')}"
                ]
            },
            {"postgresql": [f"DROP INDEX IF EXISTS {INDEX}"]},
        )
    ]
