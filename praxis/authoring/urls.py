from django.urls import path

from praxis.authoring import (
    cartridge_views,
    case_views,
    lesson_views,
    media_views,
    qti_views,
    quiz_views,
    tool_views,
    views,
)

app_name = "authoring"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("review-queue/", views.review_queue, name="review_queue"),
    path("courses/<slug:slug>/", views.extend_course, name="extend_course"),
    path("drafts/<str:key>/", views.draft, name="draft"),
    path("drafts/<str:key>/lessons/<uuid:lesson_key>/", lesson_views.lesson, name="lesson"),
    path(
        "drafts/<str:key>/lessons/<uuid:lesson_key>/media/",
        lesson_views.lesson_media,
        name="lesson_media",
    ),
    path(
        "drafts/<str:key>/course.imscc",
        cartridge_views.export_view,
        name="export_cartridge",
    ),
    path(
        "drafts/<str:key>/cartridge-import/",
        cartridge_views.import_report,
        name="cartridge_report",
    ),
    path("tool-content/<uuid:launch>/", tool_views.tool_content, name="tool_content"),
    path("drafts/<str:key>/image/<str:filename>", media_views.image_file, name="image_file"),
    path("drafts/<str:key>/quizzes/", quiz_views.add_quiz, name="add_quiz"),
    path("drafts/<str:key>/quizzes/<uuid:quiz_key>/", quiz_views.quiz, name="quiz"),
    path("drafts/<str:key>/quizzes/<uuid:quiz_key>/move/", quiz_views.move_quiz, name="move_quiz"),
    path(
        "drafts/<str:key>/quizzes/<uuid:quiz_key>/qti.zip",
        qti_views.export_qti,
        name="export_qti",
    ),
    path(
        "drafts/<str:key>/quizzes/<uuid:quiz_key>/qti-import/",
        qti_views.import_report,
        name="qti_report",
    ),
    path(
        "drafts/<str:key>/quizzes/<uuid:quiz_key>/questions/<uuid:question_key>/",
        quiz_views.question,
        name="question",
    ),
    path("drafts/<str:key>/cases/", case_views.add_case, name="add_case"),
    path("drafts/<str:key>/cases/<uuid:case_key>/", case_views.case, name="case"),
    path("drafts/<str:key>/competencies/", quiz_views.alignments, name="alignments"),
    path("drafts/<str:key>/comments/", views.comment, name="comment"),
    path("drafts/<str:key>/comments/<int:comment_id>/resolution/", views.resolve, name="resolve"),
    path("drafts/<str:key>/review/", views.review, name="review"),
    path("drafts/<str:key>/history/", views.history, name="history"),
]
