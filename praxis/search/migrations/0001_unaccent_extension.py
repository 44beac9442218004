"""PostgreSQL's unaccent extension, with which the search folds accents in tables searched
without an index (events, sessions, lessons, partners). Nothing on other databases."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []

    operations = [UnaccentExtension()]
