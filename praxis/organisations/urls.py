from django.urls import path

from praxis.organisations import onboarding_views as onboarding
from praxis.organisations import partnership_views as partnerships
from praxis.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("regions/", views.regions, name="regions"),
    path("networks/", views.networks, name="networks"),
    path("networks/<slug:slug>/", partnerships.network, name="network"),
    path(
        "networks/<slug:slug>/membership/",
        partnerships.network_membership,
        name="network_membership",
    ),
    path("mine/", views.my_memberships, name="mine"),
    path("import/", views.import_csv, name="import"),
    path("invitations/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("apply/", onboarding.apply, name="apply"),
    path("applications/", onboarding.applications, name="applications"),
    path(
        "applications/<int:application_id>/decision/",
        onboarding.decide,
        name="decide_application",
    ),
    path("<slug:slug>/", views.organisation, name="organisation"),
    path("<slug:slug>/logo/<str:filename>", views.logo, name="logo"),
    path("<slug:slug>/membership-request/", views.request_to_join, name="request_to_join"),
    path("<slug:slug>/manage/", views.manage, name="manage"),
    path("<slug:slug>/partnerships/", partnerships.partnerships, name="partnerships"),
    path(
        "<slug:slug>/partnerships/<uuid:partnership_uuid>/move/",
        partnerships.move,
        name="move_partnership",
    ),
    path(
        "<slug:slug>/invitations/<int:invitation_id>/withdrawal/",
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path(
        "<slug:slug>/members/<int:membership_id>/",
        views.decide_membership,
        name="decide_membership",
    ),
]
