"""Who may import frameworks and who sees a learner's competency profile."""

from praxis.core.people import Person
from praxis.core.permissions import Rule, is_staff

manage_frameworks = Rule("competencies.manage", check=is_staff)

# The object is the learner whose profile is asked for.
see_profile: Rule[Person] = Rule(
    "competencies.see_profile", check=lambda viewer, learner: viewer.pk == learner.pk
)
