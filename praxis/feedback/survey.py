"""The end-of-course survey: the same few statements for every course, each answered on a
five-point scale of agreement, so that courses can be compared."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

QUESTIONS: dict[str, Promise] = {
    "relevant": _("The course was relevant to my work."),
    "clear": _("The content was clear and well organised."),
    "apply": _("I will apply what I learned."),
    "recommend": _("I would recommend this course to a colleague."),
}

SCALE: dict[int, Promise] = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Neither agree nor disagree"),
    4: _("Agree"),
    5: _("Strongly agree"),
}

# Fewer answers than this in a cell are never shown as a number: with so few, the course team
# could tell who answered what.
SMALL_CELL = 5
