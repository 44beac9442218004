from django.urls import path

from praxis.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("design/", views.design, name="design"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("readyz", views.readyz, name="readyz"),
    path("language", views.choose_language, name="language"),
]
