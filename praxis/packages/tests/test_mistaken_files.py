"""A picture, a PDF, an office document or text sent where a package or a QTI item was expected
is refused saying what it is and what the form reads; what is not plainly another kind goes on
to the package checks as before."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from praxis.packages.errors import PackageRefused
from praxis.packages.mistaken_files import CONTENT_PACKAGE
from praxis.packages.models import Package
from praxis.packages.qti_import import read_upload
from praxis.packages.services import import_package, inspect_package
from praxis.packages.tests import crafting, qti_items
from praxis.packages.tests.mistaken_files import CONTENT_TYPES, KINDS, picture

QTI_BANK = "A QTI question bank is a .zip package or one .xml item file."
PACKAGE = "A SCORM, cmi5, xAPI or H5P package is a .zip or .h5p file."


def _refused_qti(name: str, content: bytes) -> PackageRefused:
    with pytest.raises(PackageRefused) as refused:
        read_upload(SimpleUploadedFile(name, content))
    return refused.value


def _refused_package(name: str, content: bytes) -> PackageRefused:
    with pytest.raises(PackageRefused) as refused:
        inspect_package(SimpleUploadedFile(name, content), expected=CONTENT_PACKAGE)
    return refused.value


@pytest.mark.parametrize(("name", "content", "kind"), KINDS)
def test_a_qti_import_says_what_kind_of_file_was_sent(name: str, content: bytes, kind: str) -> None:
    refused = _refused_qti(name, content)
    assert refused.code == "file_type_not_allowed"
    assert str(refused.message) == f"“{name}” is {kind}. {QTI_BANK}"
    assert refused.fields == {"file": [refused.message]}


@pytest.mark.parametrize(("name", "content", "kind"), KINDS)
def test_a_package_import_says_what_kind_of_file_was_sent(
    name: str, content: bytes, kind: str
) -> None:
    refused = _refused_package(name, content)
    assert refused.code == "file_type_not_allowed"
    assert str(refused.message) == f"“{name}” is {kind}. {PACKAGE}"


def test_a_manifest_sent_alone_is_told_to_be_an_xml_file() -> None:
    refused = _refused_package("imsmanifest.xml", crafting.SCORM_12_MANIFEST.encode())
    assert str(refused.message) == f"“imsmanifest.xml” is an XML file. {PACKAGE}"


def test_bytes_of_no_known_kind_are_not_called_xml() -> None:
    noise = bytes([0, 159, 146, 150, 1, 2, 3]) * 10
    refused = _refused_qti("export.bin", noise)
    assert refused.code == "file_type_not_allowed"
    assert str(refused.message) == f"“export.bin” is a file of another kind. {QTI_BANK}"
    # A package form has only zips to read: such bytes are told not to be one.
    assert _refused_package("export.bin", noise).code == "package_not_a_zip"


def test_long_text_is_told_text_wherever_its_start_is_cut() -> None:
    # Three bytes a letter: the first bytes read end inside one.
    refused = _refused_qti("notes.txt", "ữ".encode() * 2000)
    assert str(refused.message) == f"“notes.txt” is a plain text file. {QTI_BANK}"


def test_an_empty_file_is_told_empty() -> None:
    refused = _refused_qti("item.xml", b"")
    assert refused.code == "file_empty"
    assert str(refused.message) == f"“item.xml” is an empty file. {QTI_BANK}"


def test_the_name_shown_is_the_files_own_and_a_nameless_file_is_this_file() -> None:
    refused = _refused_qti("C:\\Users\\amina\\Desktop\\<ward>.png", picture("PNG"))
    assert str(refused.message).startswith("“ward.png” is a PNG image.")
    with pytest.raises(PackageRefused) as nameless:
        read_upload(io.BytesIO(picture("PNG")))
    assert str(nameless.value.message) == f"This file is a PNG image. {QTI_BANK}"


def test_xml_items_and_packages_are_read_as_before() -> None:
    utf8 = "\ufeff" + qti_items.CHOICE
    assert len(read_upload(SimpleUploadedFile("a.xml", utf8.encode())).questions) == 1
    wide = qti_items.CHOICE.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert len(read_upload(SimpleUploadedFile("a.xml", wide.encode("utf-16"))).questions) == 1
    package = qti_items.package({"items/a.xml": qti_items.CHOICE})
    assert len(read_upload(SimpleUploadedFile("bank.zip", package)).questions) == 1
    inspected = inspect_package(io.BytesIO(crafting.scorm_12()), expected=CONTENT_PACKAGE)
    assert inspected[1].kind == "scorm12"
    # A package made from slides may keep the slides' own parts beside its manifest.
    from_slides = crafting.zip_of(
        {
            "imsmanifest.xml": crafting.SCORM_12_MANIFEST.format(launch="index.html"),
            "index.html": crafting.SCO_12,
            "[Content_Types].xml": CONTENT_TYPES,
            "ppt/presentation.xml": "<p/>",
        }
    )
    inspected = inspect_package(io.BytesIO(from_slides), expected=CONTENT_PACKAGE)
    assert inspected[1].kind == "scorm12"


@pytest.mark.django_db
def test_without_a_form_to_name_the_package_checks_answer_as_they_did() -> None:
    """The cmi5 conformance import speaks to a test suite that knows the `package_…` codes."""
    with pytest.raises(PackageRefused) as refused:
        import_package(io.BytesIO(picture("PNG")), by=None)
    assert refused.value.code == "package_not_a_zip"
    with pytest.raises(PackageRefused) as refused:
        import_package(
            SimpleUploadedFile("ward.png", picture("PNG")), by=None, expected=CONTENT_PACKAGE
        )
    assert refused.value.code == "file_type_not_allowed"
    assert not Package.objects.exists()
