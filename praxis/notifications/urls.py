from django.urls import path

from praxis.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.centre, name="centre"),
    path("<int:notice_id>/read/", views.read, name="read"),
    path("preferences/", views.preferences, name="preferences"),
]
