from django.urls import path

from praxis.authoring import views

app_name = "authoring"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("courses/<slug:slug>/", views.extend_course, name="extend_course"),
    path("drafts/<str:key>/", views.draft, name="draft"),
    path("drafts/<str:key>/lessons/<uuid:lesson_key>/", views.lesson, name="lesson"),
    path("drafts/<str:key>/comments/", views.comment, name="comment"),
    path("drafts/<str:key>/comments/<int:comment_id>/resolution/", views.resolve, name="resolve"),
    path("drafts/<str:key>/review/", views.review, name="review"),
    path("drafts/<str:key>/history/", views.history, name="history"),
]
