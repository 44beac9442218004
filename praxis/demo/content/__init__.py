"""The demo ecosystem's content: one module per course theme, plus partners, topics and people.

The text is written for the demo, in each course's own language; it is not translated through
gettext (makemessages ignores this folder).
"""

from praxis.demo.content import (
    antimicrobial_stewardship,
    emergency_triage,
    hand_hygiene,
    home_visits,
    leading_a_health_team,
    mental_health_first_aid,
    outbreak_investigation,
    safe_childbirth,
    vaccine_cold_chain,
)
from praxis.demo.outline import Theme

THEMES: tuple[Theme, ...] = (
    hand_hygiene.THEME,
    vaccine_cold_chain.THEME,
    emergency_triage.THEME,
    mental_health_first_aid.THEME,
    safe_childbirth.THEME,
    antimicrobial_stewardship.THEME,
    outbreak_investigation.THEME,
    leading_a_health_team.THEME,
    home_visits.THEME,
)
