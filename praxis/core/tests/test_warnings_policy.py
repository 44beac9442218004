"""The suite turns warnings into errors; a third-party notice that does not concern Praxis is let
through by its exact message, category and module only."""

import warnings

import pytest

HARFBUZZ_NOTICE = (
    "HarfBuzz-Subset will be required by future versions of WeasyPrint. "
    "Please install this library with your package manager."
)


def _warn(message: str, module: str) -> None:
    warnings.warn_explicit(message, DeprecationWarning, f"{module}.py", 1, module=module)


def test_weasyprint_notice_about_harfbuzz_subset_does_not_fail_a_test() -> None:
    _warn(HARFBUZZ_NOTICE, "weasyprint.text.ffi")


@pytest.mark.parametrize(
    ("message", "module"),
    [
        ("Some other deprecation.", "weasyprint.text.ffi"),
        (HARFBUZZ_NOTICE, "praxis.credentials.exports"),
    ],
)
def test_any_other_warning_still_fails_a_test(message: str, module: str) -> None:
    with pytest.raises(DeprecationWarning):
        _warn(message, module)
