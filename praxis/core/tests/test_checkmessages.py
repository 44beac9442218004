"""`manage.py checkmessages`: what a translator is told about a catalogue before compiling it."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""


def catalogue(folder: Path, locale: str, entries: str) -> Path:
    path = folder / locale / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + entries, encoding="utf-8")
    return path


def check(folder: Path, *locales: str) -> tuple[str, int]:
    """(what the command printed, its exit status)."""
    out = StringIO()
    options = [arg for locale in locales for arg in ("-l", locale)]
    try:
        call_command("checkmessages", *options, locale_dir=[str(folder)], stdout=out)
    except CommandError as error:
        return out.getvalue() + str(error), error.returncode
    return out.getvalue(), 0


GOOD = """#, python-format
msgid "Hello %(name)s"
msgstr "Olá %(name)s"

msgid "Read <a href=\\"/terms/\\">the terms</a>"
msgstr "Leia <a href=\\"/terms/\\">os termos</a>"

#, python-format
msgid "%(count)d lesson"
msgid_plural "%(count)d lessons"
msgstr[0] "%(count)d lição"
msgstr[1] "%(count)d lições"

msgid "Save"
msgstr "Salvar"
"""


def test_a_complete_catalogue_passes(tmp_path: Path) -> None:
    catalogue(tmp_path, "pt_BR", GOOD)
    printed, status = check(tmp_path)
    assert status == 0
    assert "pt_BR (django.po): 0 untranslated, 0 fuzzy, 0 with wrong placeholders" in printed
    assert "error" not in printed


def test_untranslated_and_fuzzy_entries_are_errors(tmp_path: Path) -> None:
    path = catalogue(
        tmp_path,
        "sw",
        """msgid "Courses"
msgstr ""

#, fuzzy
msgid "Events"
msgstr "Matukio"

#, python-format
msgid "%(count)d lesson"
msgid_plural "%(count)d lessons"
msgstr[0] "somo %(count)d"
msgstr[1] ""
""",
    )
    printed, status = check(tmp_path, "sw")
    assert status == 1
    assert f"{path}:6: error: untranslated: 'Courses'" in printed
    assert "error: fuzzy: 'Events'" in printed
    assert "error: untranslated: '%(count)d lesson'" in printed
    assert "sw (django.po): 2 untranslated, 1 fuzzy" in printed
    assert "3 error(s) in the translations" in printed


@pytest.mark.parametrize(
    ("msgid", "msgstr", "detail"),
    [
        ("Hello %(name)s", "Olá %(nome)s", "unknown placeholders %(nome)"),
        ("Hello %(name)s", "Olá", "missing placeholders %(name)"),
        ("%s of %d", "%d de %s", "unnamed placeholders %d%s instead of %s%d"),
        ("Hello {name}", "Olá {nome}", "fields {nome} instead of {name}"),
        ("Read <strong>this</strong>", "Leia isto", "HTML tags differ"),
        ("Read <a href='/x'>this</a>", "Leia <a href='/x'>isto", "HTML tags differ"),
    ],
)
def test_placeholders_that_differ_from_the_source_are_errors(
    tmp_path: Path, msgid: str, msgstr: str, detail: str
) -> None:
    flag = "#, python-format\n" if "%" in msgid else ""
    catalogue(tmp_path, "pt_BR", f'{flag}msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    printed, status = check(tmp_path)
    assert status == 1
    assert "error: placeholders" in printed
    assert detail in printed


def test_a_plural_form_may_leave_out_the_count_but_not_invent_one(tmp_path: Path) -> None:
    catalogue(
        tmp_path,
        "ar",
        """#, python-format
msgid "%(count)d file"
msgid_plural "%(count)d files"
msgstr[0] "ملف واحد"
msgstr[1] "%(number)d ملفات"
""",
    )
    printed, status = check(tmp_path)
    assert status == 1
    assert "unknown placeholders %(number)" in printed
    assert "missing" not in printed


def test_a_literal_percent_sign_is_no_placeholder(tmp_path: Path) -> None:
    catalogue(
        tmp_path,
        "fr",
        '#, python-format\nmsgid "%(score)s%% correct"\nmsgstr "%(score)s %% de réponses justes"\n',
    )
    assert check(tmp_path)[1] == 0


def test_a_much_longer_translation_is_a_warning_with_its_rule(tmp_path: Path) -> None:
    # "Save" is 4 characters: up to 2 × 4 + 10 = 18 pass; 19 and more are flagged.
    catalogue(
        tmp_path,
        "de",
        'msgid "Save"\nmsgstr "Speichern Sie das!"\n\nmsgid "Next"\nmsgstr "Weiter zur nächsten"\n',
    )
    printed, status = check(tmp_path)
    assert status == 0
    assert "warning: too_long (longer than 2 × the source + 10 characters): 'Next'" in printed
    assert "'Save'" not in printed
    assert "1 much longer than the source" in printed


def test_one_locale_is_checked_alone_and_an_unknown_one_is_refused(tmp_path: Path) -> None:
    catalogue(tmp_path, "pt_BR", GOOD)
    catalogue(tmp_path, "sw", 'msgid "Courses"\nmsgstr ""\n')
    printed, status = check(tmp_path, "pt-BR")
    assert status == 0
    assert "sw" not in printed
    printed, status = check(tmp_path, "xx")
    assert status == 1
    assert "No catalogue for: xx" in printed


def test_the_shipped_catalogues_have_no_errors() -> None:
    out = StringIO()
    call_command("checkmessages", stdout=out)
    assert "ar (django.po): 0 untranslated, 0 fuzzy, 0 with wrong placeholders" in out.getvalue()
