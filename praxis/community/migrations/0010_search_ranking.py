"""On PostgreSQL, the community search rows gain `ranking`: the title (A) and the opening of the
text (B) in the row's language, which scores the matches that `document` finds without reading
each whole thread (praxis.community.search). Filled here from the rows there are. Nothing on other
databases."""

from django.db import migrations

from praxis.community.search import RANKED_BODY_CHARS
from praxis.core.migration_sql import per_database
from praxis.core.text_search import POSTGRES_CONFIGS

CONFIG = (
    "(CASE lower(split_part(language, '-', 1))"
    + "".join(f" WHEN '{tag}' THEN '{name}'" for tag, name in sorted(POSTGRES_CONFIGS.items()))
    + " ELSE 'simple' END)::regconfig"
)
BODY = f"left(substr(content, length(title) + 2), {RANKED_BODY_CHARS})"


class Migration(migrations.Migration):
    dependencies = [("community", "0009_search_chinese_index")]

    operations = [
        per_database(
            {
                "postgresql": [
                    "ALTER TABLE community_search ADD COLUMN ranking tsvector NOT NULL DEFAULT ''",
                    f"UPDATE community_search SET ranking ="
                    f" setweight(to_tsvector({CONFIG}, title), 'A')"
                    f" || setweight(to_tsvector({CONFIG}, {BODY}), 'B')",
                ]
            },
            {"postgresql": ["ALTER TABLE community_search DROP COLUMN IF EXISTS ranking"]},
        )
    ]
