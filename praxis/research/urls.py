from django.urls import path

from praxis.research import views

app_name = "research"

urlpatterns = [
    path("consent/", views.consent_page, name="consent"),
    path("projects/", views.project_list, name="projects"),
    path("projects/new/", views.project_new, name="project_new"),
    path("projects/<uuid:uuid>/", views.project_detail, name="project"),
    path("projects/<uuid:uuid>/decide/", views.project_decide, name="project_decide"),
    path("projects/<uuid:uuid>/export/", views.project_export, name="project_export"),
    path("exports/<uuid:uuid>/", views.export_detail, name="export"),
    path("exports/<uuid:uuid>/progress/", views.export_progress, name="export_progress"),
    path("exports/<uuid:uuid>/<str:fmt>/", views.export_download, name="export_download"),
    path("experiments/", views.experiment_list, name="experiments"),
    path("experiments/new/", views.experiment_new, name="experiment_new"),
    path("experiments/<uuid:uuid>/", views.experiment_detail, name="experiment"),
    path("experiments/<uuid:uuid>/variants/", views.experiment_variant, name="experiment_variant"),
    path("experiments/<uuid:uuid>/state/", views.experiment_state, name="experiment_state"),
    path("analytics/", views.analytics_page, name="analytics"),
    path("analytics/<slug:key>.csv", views.analytics_csv, name="analytics_csv"),
]
