"""Hours, CPD credits and progress written as each language counts them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from praxis.catalog.templatetags.catalog_tags import cpd_credits, hours


@pytest.mark.parametrize(
    ("amount", "written"),
    [
        ("1", "ساعة واحدة"),
        ("2", "ساعتان"),
        ("3", "3 ساعات"),
        ("11", "11 ساعة"),
    ],
)
def test_arabic_hours_take_the_dual_and_plural_forms(amount: str, written: str) -> None:
    with translation.override("ar"):
        assert hours(Decimal(amount)) == written


def test_arabic_half_hours_and_two_credits() -> None:
    with translation.override("ar"):
        assert "ساعتان" not in hours(Decimal("2.5"))  # a fraction is not the dual
        assert cpd_credits(Decimal("2")) == "ساعتا تطوير مهني مستمر"
        assert cpd_credits(Decimal("5")) == "5 ساعات تطوير مهني مستمر"


def test_a_learner_sees_their_progress_as_a_french_percentage() -> None:
    template = Template('{% include "catalog/_progress.html" with progress=progress %}')
    progress = {"completed": 1, "total": 3, "percent": 33}
    with translation.override("fr"):
        shown = template.render(Context({"progress": progress}))
    assert "<span>33\u202f%</span>" in shown
