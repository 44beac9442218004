from django.urls import path

from praxis.lti import ags_views, tool_views, views
from praxis.lti.tool_side import views as tool_side

app_name = "lti"

urlpatterns = [
    path("authorize", views.authorize, name="authorize"),
    path("jwks.json", views.jwks, name="jwks"),
    path("token", views.token, name="token"),
    path("contexts/<str:context>/lineitems", ags_views.line_items, name="line_items"),
    path("contexts/<str:context>/memberships", ags_views.memberships, name="memberships"),
    path("lineitems/<uuid:key>", ags_views.line_item, name="line_item"),
    path("lineitems/<uuid:key>/scores", ags_views.scores, name="scores"),
    path("lineitems/<uuid:key>/results", ags_views.results, name="results"),
    path("tools/", tool_views.tools, name="tools"),
    path("tool/login", tool_side.tool_login, name="tool_login"),
    path("tool/launch", tool_side.tool_launch, name="tool_launch"),
    path("tool/deep-linking/<str:key>/", tool_side.tool_deep_linking, name="tool_deep_linking"),
    path("platforms/", tool_side.platforms, name="platforms"),
]
