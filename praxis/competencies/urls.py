from django.urls import path

from praxis.competencies import views

app_name = "competencies"

urlpatterns = [
    path("", views.frameworks, name="frameworks"),
    path("import/", views.import_case, name="import"),
    path("<slug:slug>/", views.framework, name="framework"),
    path("<slug:slug>/case.json", views.case_package, name="case"),
]
