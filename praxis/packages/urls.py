from django.urls import path

from praxis.packages import views

app_name = "packages"

urlpatterns = [
    path("play/<str:token>/", views.player, name="player"),
    path("play/<str:token>/commit/<str:sco>", views.commit, name="commit"),
    path("play/<str:token>/navigate/<str:sco>", views.navigate, name="navigate"),
    path("play/<str:token>/content/<path:path>", views.content, name="content"),
    path("play/<str:token>/launch/<int:position>", views.launch_unit, name="launch"),
    path(
        "play/<str:token>/h5p/<str:session>/statements",
        views.h5p_statement,
        name="h5p_statements",
    ),
    path(
        "play/<str:token>/h5p/<str:session>/data/<str:data_type>/<str:part>",
        views.h5p_user_data,
        name="h5p_user_data",
    ),
    path("cmi5/fetch/<str:fetch>", views.cmi5_fetch, name="cmi5_fetch"),
]
