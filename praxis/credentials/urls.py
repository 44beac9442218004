from django.urls import path

from praxis.credentials import views

app_name = "credentials"

urlpatterns = [
    path("", views.wallet, name="wallet"),
    path("verify/", views.verify, name="verify"),
    path("status/<str:purpose>", views.status_list, name="status_list"),
    path("achievements/<uuid:uuid>", views.achievement, name="achievement"),
    path("cpd/", views.cpd_record, name="cpd"),
    path("cpd/activities/", views.add_activity, name="add_activity"),
    path("cpd/activities/<int:pk>/deletion/", views.delete_activity, name="delete_activity"),
    path("cpd/activities/<int:pk>/evidence", views.cpd_evidence, name="cpd_evidence"),
    path("cpd/record.csv", views.cpd_csv, name="cpd_csv"),
    path("cpd/record.pdf", views.cpd_pdf, name="cpd_pdf"),
    path("<uuid:uuid>", views.credential, name="credential"),
    path("<uuid:uuid>.json", views.credential_json, name="credential_json"),
    path("<uuid:uuid>.pdf", views.credential_pdf, name="credential_pdf"),
    path("<uuid:uuid>/status/", views.change_status, name="change_status"),
]
