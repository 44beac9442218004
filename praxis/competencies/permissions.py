"""Who may import frameworks and who sees a learner's competency profile."""

from praxis.core.permissions import Rule, is_staff

manage_frameworks = Rule("competencies.manage", check=is_staff, login_required=True)

# The object is the learner whose profile is asked for.
see_profile = Rule(
    "competencies.see_profile",
    check=lambda viewer, learner: viewer.pk == learner.pk,
    login_required=True,
)
