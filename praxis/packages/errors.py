"""Why a package was refused: one stable code per kind of problem, with a translated message."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode, ValidationFailed

MESSAGES: dict[ErrorCode, Promise] = {
    ErrorCode.PACKAGE_NOT_A_ZIP: _("The file is not a zip archive, or it is damaged."),
    ErrorCode.PACKAGE_UNSAFE_PATH: _(
        "The package holds a file whose path leaves the package (an absolute path or “..”)."
    ),
    ErrorCode.PACKAGE_SYMLINK: _(
        "The package holds a symbolic link; packages may hold files only."
    ),
    ErrorCode.PACKAGE_TOO_MANY_FILES: _("The package holds too many files."),
    ErrorCode.PACKAGE_TOO_LARGE: _("The package is too large once unpacked."),
    ErrorCode.PACKAGE_COMPRESSION_RATIO: _(
        "A file in the package is compressed far more than real content is (a zip bomb)."
    ),
    ErrorCode.PACKAGE_MANIFEST_TOO_LARGE: _("The package's manifest is too large."),
    ErrorCode.PACKAGE_MANIFEST_INVALID: _("The package's manifest is not valid."),
    ErrorCode.PACKAGE_UNKNOWN_KIND: _(
        "No SCORM, cmi5, xAPI, H5P or Common Cartridge manifest was found at the package's root."
    ),
    ErrorCode.PACKAGE_LAUNCH_OUTSIDE: _("The manifest launches a file outside the package."),
    ErrorCode.PACKAGE_LAUNCH_MISSING: _("The manifest launches a file the package does not hold."),
    ErrorCode.PACKAGE_NOTHING_TO_LAUNCH: _("The manifest names nothing to launch."),
    ErrorCode.QTI_INVALID_XML: _(
        "A file is not well-formed XML, or it declares a DTD or entities, which are refused."
    ),
    ErrorCode.QTI_NOT_QTI: _(
        "This is not a QTI question file or package: upload a QTI 2.1 or 3.0 zip with its "
        "imsmanifest.xml, or one assessmentItem XML file."
    ),
    ErrorCode.QTI_NO_ITEMS: _("The package's manifest names no question items."),
    ErrorCode.QTI_TOO_MANY_ITEMS: _("The package holds more than 200 question items."),
    ErrorCode.QTI_ITEM_TOO_LARGE: _("The question file is too large."),
    ErrorCode.CARTRIDGE_NOT_A_CARTRIDGE: _(
        "This is not an IMS Common Cartridge: its imsmanifest.xml is missing or is not a"
        " Common Cartridge 1.1, 1.2 or 1.3 manifest."
    ),
    ErrorCode.PACKAGE_IS_CARTRIDGE: _(
        "This is a Common Cartridge: import it with “Import a Common Cartridge”, which makes its"
        " modules, lessons and quizzes part of the draft."
    ),
    ErrorCode.CARTRIDGE_BAD_REFERENCE: _(
        "The cartridge's organisation names a resource its manifest does not hold."
    ),
    ErrorCode.CARTRIDGE_EMPTY: _("The cartridge's organisation holds nothing to import."),
    ErrorCode.CARTRIDGE_TOO_MANY_ITEMS: _(
        "The cartridge holds more than 300 items; import it in parts."
    ),
    ErrorCode.PACKAGE_H5P_LIBRARY_MISSING: _(
        "The H5P content needs a library the package does not hold. Export it again with its"
        " libraries included."
    ),
}


# A QTI question package is not a lesson: its questions go into a quiz.
QTI_PACKAGE_AS_LESSON = _(
    "This is a QTI question package, not a lesson: open a quiz of the draft and import its"
    " questions under “Exchange questions (QTI)”."
)


class PackageRefused(ValidationFailed):
    """An upload that is not a package Praxis can safely keep; nothing of it is stored.
    `message`, when given, says more than the code's own message does."""

    def __init__(
        self, code: ErrorCode, detail: str = "", *, message: str | Promise | None = None
    ) -> None:
        message = MESSAGES[code] if message is None else message
        if detail:
            message = _("%(reason)s (%(detail)s)") % {"reason": message, "detail": detail}
        super().__init__(code, message, fields={"file": [message]})
