# ruff: noqa: E501 — lesson prose keeps each paragraph on one line, so Markdown never breaks CJK text.
"""A course still being written: a draft, kept out of the catalogue."""

from decimal import Decimal

from praxis.demo.outline import CourseText, Theme

THEME = Theme(
    key="community-home-visits",
    level="introductory",
    hours=Decimal("1.5"),
    topics=("primary-health-care", "maternal-newborn-health"),
    organisations=("himalayan-rural-health",),
    draft=True,
)

THEME.courses["en"] = CourseText(
    title="Home visits by community health workers (draft)",
    summary="How community health workers plan, carry out and record home visits to newborns and their families. This course is still being written.",
    objectives=(
        "Plan home visits in the first week after birth",
        "Check mother and newborn for danger signs at home",
        "Record each visit and refer when needed",
    ),
    outline="""
# Planning visits
## Who to visit and when
Visit every newborn at home on the first day if the baby was born at home, and within the first week in any case, ideally on days 3 and 7. Plan your route the evening before and carry your checklist, scale and thermometer.

- Prioritise small babies and mothers who had a difficult birth.
- Tell the family when you will come.

# During the visit
## Checking mother and baby
Greet the family, wash your hands, then check the baby's breathing, temperature, feeding and cord, and ask the mother about bleeding, fever and pain. Refer at once if you find a danger sign.

1. Record what you found on the visit form.
2. Agree on the date of the next visit.
""",
)
