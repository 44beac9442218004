from django.urls import path

from praxis.catalog import version_views, views

app_name = "catalog"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("my-learning/", views.my_learning, name="my_learning"),
    path("<slug:slug>/", views.course, name="course"),
    path("<slug:slug>/enrolment/", views.enrol, name="enrol"),
    path("<slug:slug>/versions/", version_views.course_versions, name="versions"),
    path("<slug:slug>/versions/<int:number>/", version_views.course_version, name="version"),
    path("<slug:slug>/withdrawal/", views.withdraw, name="withdraw"),
    path("<slug:slug>/updates-seen/", views.updates_seen, name="updates_seen"),
    path("<slug:slug>/lessons/<uuid:lesson_uuid>/", views.lesson, name="lesson"),
    path(
        "<slug:slug>/lessons/<uuid:lesson_uuid>/completion/",
        views.complete_lesson,
        name="complete_lesson",
    ),
    path(
        "<slug:slug>/lessons/<uuid:lesson_uuid>/files/<int:file_id>/",
        views.lesson_file,
        name="lesson_file",
    ),
]
