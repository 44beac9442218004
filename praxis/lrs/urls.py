"""/xapi/: the Learning Record Store's resources (trailing slashes tolerated, and repeated
slashes after /xapi/, which content joining its endpoint ("…/xapi/") with "/statements"
sends)."""

from django.urls import re_path

from praxis.lrs.views.documents import activity_profile_view, agent_profile_view, state_view
from praxis.lrs.views.resources import about_view, activities_view, agents_view
from praxis.lrs.views.statements import statements_view

app_name = "xapi"
urlpatterns = [
    re_path(r"^(?:/*)about/?$", about_view, name="about"),
    re_path(r"^(?:/*)statements/?$", statements_view, name="statements"),
    re_path(r"^(?:/*)activities/state/?$", state_view, name="state"),
    re_path(r"^(?:/*)activities/profile/?$", activity_profile_view, name="activity_profile"),
    re_path(r"^(?:/*)activities/?$", activities_view, name="activities"),
    re_path(r"^(?:/*)agents/profile/?$", agent_profile_view, name="agent_profile"),
    re_path(r"^(?:/*)agents/?$", agents_view, name="agents"),
]
