from django.urls import path

from praxis.feedback import views

app_name = "feedback"

urlpatterns = [
    path("courses/<slug:slug>/", views.course_feedback, name="course"),
    path("courses/<slug:slug>/rating/", views.rate, name="rate"),
    path("courses/<slug:slug>/survey/", views.survey, name="survey"),
    path("courses/<slug:slug>/survey/results/", views.survey_results, name="results"),
]
