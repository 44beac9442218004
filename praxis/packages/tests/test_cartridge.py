"""Reading Common Cartridges: every item kind mapped or reported, pages made Markdown without
their scripts, and what is malformed or unsafe refused whole."""

import io

import pytest

from praxis.packages.archive import Archive
from praxis.packages.cartridge import Entry, page_markdown, read_cartridge
from praxis.packages.errors import PackageRefused
from praxis.packages.markdown_from_html import to_markdown, to_text
from praxis.packages.tests import cartridges
from praxis.packages.tests.crafting import zip_of
from praxis.packages.tests.test_qti import XXE


def _read(content: bytes) -> tuple[Archive, object]:
    archive = Archive(io.BytesIO(content))
    return archive, read_cartridge(archive)


def test_every_kind_of_item_becomes_a_module_entry_or_a_reason() -> None:
    archive = Archive(io.BytesIO(cartridges.every_kind()))
    read = read_cartridge(archive)
    assert (read.version, read.title) == ("1.3", "Infection prevention basics")
    assert [module.title for module in read.modules] == ["Week 1: hands"]
    entries = read.modules[0].entries
    assert [(e.kind, e.title) for e in entries] == [
        ("page", "Why hands matter"),
        ("link", "WHO guidelines"),
        ("discussion", "Your ward"),
        ("quiz", "Check yourself"),
    ]
    assert entries[1].url == "https://www.who.int/publications/hand-hygiene"
    quiz = entries[3]
    assert [(q.kind, q.points) for q in quiz.questions] == [
        ("single", 2),
        ("multiple", 2),
        ("true_false", 2),
        ("short_text", 2),
    ]
    single = quiz.questions[0]
    assert single.stem == "When do you clean your hands?"
    assert single.feedback == "Five moments."
    assert [(o["text"], o["correct"], o["feedback"]) for o in single.options] == [
        ("Before touching", True, ""),
        ("Never", False, "Never is never right."),
    ]
    assert [o["correct"] for o in quiz.questions[1].options] == [True, True, False]
    assert [o["correct"] for o in quiz.questions[2].options] == [False, True]
    assert quiz.questions[3].answer_key == {"accepted": ["20", "twenty"]}
    assert [(s.identifier, s.reason) for s in read.skipped] == [
        ("q-essay", "unsupported_interaction"),
        ("q-no-answer", "no_correct_response"),
        ("i-lti", "lti_link"),
        ("i-bad-link", "unsafe_link"),
        ("i-bank", "unsupported_resource"),
    ]
    assert read.skipped[2].message.startswith("An LTI link is not imported")


def test_a_page_becomes_markdown_without_scripts_and_keeps_its_files() -> None:
    archive = Archive(io.BytesIO(cartridges.every_kind()))
    page = read_cartridge(archive).modules[0].entries[0]
    asked: list[tuple[str, bool, str]] = []

    def keep(path: str, image: bool, text: str) -> str | None:
        asked.append((path, image, text))
        return f"![{text}](/kept/{path})" if image else None

    markdown, not_kept = page_markdown(archive, page, keep)
    assert asked == [
        ("week1/moments.png", True, "The five moments"),
        ("web_resources/poster.pdf", False, "poster"),
    ]
    assert not_kept == ["web_resources/poster.pdf"]
    assert "# Five moments" in markdown
    assert "Clean your **hands** before *touching* a patient." in markdown
    assert "- Before touching\n- After touching" in markdown
    assert "![The five moments](/kept/week1/moments.png)" in markdown
    assert "[the campaign](https://www.who.int/campaigns/world-hand-hygiene-day)" in markdown
    assert "<td>Before</td>" in markdown
    for unsafe in ("script", "stolen", "color", "onclick", "javascript"):
        assert unsafe not in markdown
    assert "Do not follow" in markdown


def test_text_that_looks_like_markdown_stays_text() -> None:
    markdown = to_markdown("<p>Use *two* [drops] <b>_now_</b></p>", lambda *a: None)
    assert markdown == r"Use \*two\* \[drops\] **\_now\_**"


def test_cartridge_1_1_is_read_as_well() -> None:
    _archive, read = _read(cartridges.every_kind(cartridges.CC11))
    assert read.version == "1.1"  # type: ignore[attr-defined]  # a cartridge read, not a package kind


def _with(**changes: str | bytes) -> bytes:
    files = cartridges.files()
    files.update(changes)
    return zip_of(files)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (zip_of({"index.html": "<p>hello</p>"}), "cartridge_not_a_cartridge"),
        (
            zip_of(
                {"imsmanifest.xml": '<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"/>'}
            ),
            "cartridge_not_a_cartridge",
        ),
        (_with(**{"imsmanifest.xml": "<manifest"}), "package_manifest_invalid"),
        (_with(**{"imsmanifest.xml": XXE}), "package_manifest_invalid"),
        (_with(**{"links/who.xml": XXE}), "package_manifest_invalid"),
        (_with(**{"quiz/assessment.xml": "<questestinterop>"}), "package_manifest_invalid"),
        (zip_of({**cartridges.files(), "../evil.html": "x"}), "package_unsafe_path"),
        (b"PK\x03\x04broken", "package_not_a_zip"),
    ],
)
def test_what_is_not_a_valid_cartridge_is_refused(content: bytes, code: str) -> None:
    with pytest.raises(PackageRefused) as refused:
        _read(content)
    assert refused.value.code == code


def test_a_missing_file_or_unknown_resource_is_refused() -> None:
    files = cartridges.files()
    del files["topics/ward.xml"]
    with pytest.raises(PackageRefused) as missing:
        _read(zip_of(files))
    assert missing.value.code == "package_launch_missing"
    dangling = cartridges.files(extra_items='<item identifier="x" identifierref="nowhere"/>')
    with pytest.raises(PackageRefused) as unknown:
        _read(zip_of(dangling))
    assert unknown.value.code == "cartridge_bad_reference"
    outside = cartridges.files(
        extra_resources='<resource identifier="o" type="webcontent" href="../../etc/passwd"/>'
    )
    with pytest.raises(PackageRefused) as leaving:
        _read(zip_of(outside))
    assert leaving.value.code == "package_launch_outside"


def test_a_huge_or_crowded_cartridge_is_refused(settings: object) -> None:
    many = "".join(
        f'<item identifier="p{n}" identifierref="r-page"><title>P{n}</title></item>'
        for n in range(301)
    )
    with pytest.raises(PackageRefused) as crowded:
        _read(zip_of(cartridges.files(extra_items=many)))
    assert crowded.value.code == "cartridge_too_many_items"
    files = cartridges.files()
    files["week1/hands.html"] = "<p>" + "a" * (3 * 1024 * 1024) + "</p>"
    with pytest.raises(PackageRefused) as huge:
        _read(zip_of(files))
    assert huge.value.code in {"package_manifest_too_large", "package_compression_ratio"}


def test_an_organisation_with_nothing_is_refused() -> None:
    empty = cartridges.MANIFEST.replace(
        cartridges.MANIFEST[
            cartridges.MANIFEST.index("<organizations>") : cartridges.MANIFEST.index("<resources>")
        ],
        "<organizations/>",
    ).format(namespace=cartridges.CC13, extra_items="", extra_resources="")
    with pytest.raises(PackageRefused) as refused:
        _read(zip_of({**cartridges.files(), "imsmanifest.xml": empty}))
    assert refused.value.code == "cartridge_empty"


def test_a_page_link_to_another_page_keeps_its_text() -> None:
    archive = Archive(io.BytesIO(cartridges.every_kind()))
    page = Entry(kind="page", identifier="p", title="P", text='<a href="hands.html">Back</a>')
    page.path = "week1/other.html"
    markdown, not_kept = page_markdown(archive, page, lambda *a: "never")
    assert (markdown, not_kept) == ("Back", [])


def test_question_text_stays_plain_text() -> None:
    assert to_text("<p>Which <b>two</b> are *right*?</p><ul><li>A</li><li>B</li></ul>") == (
        "Which two are *right*?\n\n- A\n- B"
    )
