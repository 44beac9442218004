"""Certificates print a course's title in its own script, with a font that has its glyphs."""

import subprocess

import pytest
from django.test import Client

from praxis.accounts.models import User
from praxis.credentials.services import issue_credential
from praxis.credentials.tests.conftest import MakeAchievement
from praxis.credentials.tests.test_cpd import pdf_text

pytestmark = pytest.mark.django_db


def pdf_fonts(pdf: bytes) -> str:
    """The fonts a PDF embeds, as poppler's pdffonts lists them (Debian: poppler-utils)."""
    listed = subprocess.run(
        ["pdffonts", "-"],  # noqa: S607 - poppler from the system
        input=pdf,
        capture_output=True,
        check=True,
    )
    return listed.stdout.decode()


@pytest.mark.parametrize(
    ("language", "title", "font"),
    [
        ("bn", "হাতের পরিচ্ছন্নতা", "Noto-Sans-Bengali"),
        ("hi", "हाथों की स्वच्छता", "Noto-Sans-Devanagari"),
        ("ur", "ہاتھوں کی صفائی", "Noto-Nastaliq-Urdu"),
        ("am", "የእጅ ንጽህና", "Noto-Sans-Ethiopic"),
    ],
)
def test_a_certificate_prints_the_title_in_a_font_of_its_script(
    client: Client,
    learner: User,
    make_achievement: MakeAchievement,
    language: str,
    title: str,
    font: str,
) -> None:
    achievement = make_achievement(f"course:{language}", name=title, language=language)
    credential = issue_credential(learner, achievement)
    pdf = client.get(f"/credentials/{credential.uuid}.pdf").content
    fonts = pdf_fonts(pdf)
    # The script's own font is used, and embedded: the title prints on any reader's machine.
    row = next(line.split() for line in fonts.splitlines() if font in line)
    assert row[-5:-2] == ["yes", "yes", "yes"]  # embedded, subset, with a Unicode map
    # No glyph came from a fallback font: the sans and mono fonts of the rest of the page and
    # the script's own are all there is.
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()}
    assert names <= {"Noto-Sans", "Noto-Sans-Bold", "DejaVu-Sans-Mono", font, f"{font}-Bold"}
    if language != "ur":
        # Extraction reorders the marks of complex scripts, but each letter of the title is
        # there. (Nastaliq's joined forms do not map back to their letters one by one.)
        letters = {character for character in title if character.isalpha()}
        assert letters <= set(pdf_text(pdf))
