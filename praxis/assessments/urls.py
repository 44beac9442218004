from django.urls import path

from praxis.assessments import views

app_name = "assessments"

urlpatterns = [
    path("quizzes/course/<slug:slug>/", views.course_quizzes, name="course_quizzes"),
    path("quizzes/<uuid:quiz_uuid>/", views.quiz, name="quiz"),
    path("quizzes/<uuid:quiz_uuid>/attempts/", views.start, name="start"),
    path("quizzes/<uuid:quiz_uuid>/analysis/", views.analysis, name="analysis"),
    path("attempts/<uuid:attempt_uuid>/", views.attempt, name="attempt"),
    path("grades/", views.my_grades, name="grades"),
    path("grades/<slug:slug>/", views.course_grades, name="course_grades"),
    path("my-competencies/", views.my_competencies, name="my_competencies"),
    path("my-competencies/gaps/", views.my_gaps, name="my_gaps"),
    path("pathways/", views.pathways, name="pathways"),
    path("pathways/<slug:slug>/", views.pathway, name="pathway"),
]
