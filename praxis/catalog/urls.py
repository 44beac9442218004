from django.urls import path

from praxis.catalog import media_views, version_views, views

app_name = "catalog"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("my-learning/", views.my_learning, name="my_learning"),
    path("lesson-images/<str:filename>", media_views.lesson_image, name="lesson_image"),
    path("files/<uuid:key>/", media_views.attachment, name="attachment"),
    path("<slug:slug>/", views.course, name="course"),
    path("<slug:slug>/enrolment/", views.enrol, name="enrol"),
    path("<slug:slug>/versions/", version_views.course_versions, name="versions"),
    path("<slug:slug>/versions/<int:number>/", version_views.course_version, name="version"),
    path("<slug:slug>/withdrawal/", views.withdraw, name="withdraw"),
    path("<slug:slug>/updates-seen/", views.updates_seen, name="updates_seen"),
    path("<slug:slug>/lessons/<uuid:lesson_uuid>/", views.lesson, name="lesson"),
    path(
        "<slug:slug>/lessons/<uuid:lesson_uuid>/tool-launch/",
        views.launch_tool,
        name="launch_tool",
    ),
    path(
        "<slug:slug>/lessons/<uuid:lesson_uuid>/completion/",
        views.complete_lesson,
        name="complete_lesson",
    ),
    path("<slug:slug>/image/<str:filename>", media_views.course_image, name="course_image"),
    path(
        "<slug:slug>/lessons/<uuid:lesson_uuid>/recordings/<str:kind>/",
        media_views.lesson_recording,
        name="lesson_recording",
    ),
    path(
        "<slug:slug>/lessons/<uuid:lesson_uuid>/captions/<str:language>.vtt",
        media_views.lesson_captions,
        name="lesson_captions",
    ),
    path(
        "<slug:slug>/lessons/<uuid:lesson_uuid>/files/<int:file_id>/",
        views.lesson_file,
        name="lesson_file",
    ),
]
