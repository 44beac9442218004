"""Praxis's compact copy of the language names gives what the `language_data` package gives."""

import subprocess
import sys

from language_data.name_data import CODE_TO_NAMES

from praxis.core import language_names
from praxis.core.languages import autonym, language_name


def test_the_file_is_the_installed_packages_table() -> None:
    # When this fails after an upgrade of language_data: python -m praxis.core.language_names
    assert language_names.NAMES_FILE.read_bytes() == language_names.encode(CODE_TO_NAMES)


def test_every_code_has_the_packages_names() -> None:
    for code, names in CODE_TO_NAMES.items():
        assert language_names.code_to_names(code) == names, code
    assert language_names.code_to_names("qqq") == {}


def test_languages_are_named_as_before() -> None:
    assert language_name("pt-BR", "fr") == "Portugais (Brésil)"
    assert language_name("zh-Hans", "ar") == "الصينية (المبسطة)"
    assert autonym("sr-Cyrl") == "Српски (ћирилица)"
    assert autonym("sw-KE") == "Kiswahili (Kenya)"


def test_naming_a_language_leaves_the_packages_table_unloaded() -> None:
    program = (
        "import sys, django; django.setup();"
        "from praxis.core.languages import language_name, load_language_names;"
        "load_language_names(); print(language_name('bn', 'ru'));"
        "print('language_data.name_data' in sys.modules)"
    )
    shown = subprocess.run(  # noqa: S603 - this Python, a fixed program
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "praxis.settings", "PATH": ""},
    ).stdout.split("\n")
    assert shown[:2] == ["Бенгальский", "False"]
