"""Check the interface translations before compiling them: untranslated and fuzzy entries,
placeholders and HTML tags that differ from the source, translations long enough to break a
layout (the rules: praxis.core.message_checks). Exits with status 1 when any error is found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from praxis.core.message_checks import Problem, check_catalogue


class Command(BaseCommand):
    help = (
        "Check the .po translation files: untranslated, fuzzy, wrong placeholders (errors) and "
        "translations much longer than their source (warnings)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-l",
            "--locale",
            action="append",
            default=[],
            help="A locale to check, as its folder is named (pt_BR, zh_Hans); repeatable. "
            "Default: every locale found.",
        )
        parser.add_argument(
            "--locale-dir",
            action="append",
            default=[],
            help="A folder holding <locale>/LC_MESSAGES/*.po (default: LOCALE_PATHS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folders = [Path(p) for p in options["locale_dir"] or settings.LOCALE_PATHS]
        wanted = {name.replace("-", "_") for name in options["locale"]}
        catalogues = sorted(
            path
            for folder in folders
            for path in folder.glob("*/LC_MESSAGES/*.po")
            if not wanted or path.parent.parent.name in wanted
        )
        missing = wanted - {path.parent.parent.name for path in catalogues}
        if missing:
            raise CommandError(f"No catalogue for: {', '.join(sorted(missing))}")
        errors = 0
        for path in catalogues:
            problems = check_catalogue(path)
            for problem in problems:
                self.stdout.write(str(problem))
            errors += sum(problem.error for problem in problems)
            self.stdout.write(self._summary(path, problems))
        if errors:
            raise CommandError(f"{errors} error(s) in the translations", returncode=1)

    @staticmethod
    def _summary(path: Path, problems: list[Problem]) -> str:
        count = {kind: sum(p.kind == kind for p in problems) for kind in _KINDS}
        return (
            f"{path.parent.parent.name} ({path.name}): {count['untranslated']} untranslated, "
            f"{count['fuzzy']} fuzzy, {count['placeholders']} with wrong placeholders, "
            f"{count['too_long']} much longer than the source"
        )


_KINDS = ("untranslated", "fuzzy", "placeholders", "too_long")
