from django.urls import path

from praxis.web import offline_app, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("design/", views.design, name="design"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("robots.txt", views.robots, name="robots"),
    path("readyz", views.readyz, name="readyz"),
    path("language", views.choose_language, name="language"),
    path("data-saver", views.choose_data_saver, name="data_saver"),
    path("manifest.webmanifest", offline_app.manifest, name="manifest"),
    path("sw.js", offline_app.service_worker, name="service_worker"),
    path("offline/", offline_app.offline, name="offline"),
]
