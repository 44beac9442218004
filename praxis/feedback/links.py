"""The course page's line on the course's rating, answering the query
`praxis.catalog.hooks.shared_course_links` with (label, URL): the average and count, and the way to
the reviews and to the learner's own rating."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from praxis.catalog.models import Course
from praxis.feedback.queries import rating_summary


def course_rating_link(*, course: Course) -> tuple[str | Promise, str]:
    """(label, URL) of the course's feedback page, its label the average rating and count."""
    summary = rating_summary(course)
    url = reverse("feedback:course", args=[course.slug])
    if summary.average is None:
        return _("Ratings and reviews: none yet"), url
    label = ngettext(
        "Rated %(average)s of 5 by %(count)d learner: ratings and reviews",
        "Rated %(average)s of 5 by %(count)d learners: ratings and reviews",
        summary.count,
    ) % {"average": number_format(summary.average, 1), "count": summary.count}
    return label, url
