"""Who may see the site shell's own pages."""

from praxis.core.permissions import Rule, is_staff

# The pattern library is for the staff who build and review pages.
view_design_system = Rule("web.view_design_system", check=is_staff)
