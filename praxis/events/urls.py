from django.urls import path

from praxis.events import (
    abstract_views,
    organiser_views,
    reviewer_views,
    settings_views,
    track_views,
    views,
)

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("mine/", views.my_events, name="mine"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("time-zone/", views.set_time_zone, name="time_zone"),
    path("feeds/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("new/", settings_views.new_event, name="new"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", settings_views.edit_event, name="edit"),
    path("<slug:slug>/event.ics", views.event_ics, name="event_ics"),
    path("<slug:slug>/registration/", views.register, name="register"),
    path("<slug:slug>/cancellation/", views.cancel, name="cancel"),
    path("<slug:slug>/ticket/", views.ticket, name="ticket"),
    path("<slug:slug>/ticket.svg", views.ticket_qr, name="ticket_qr"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/timetable/", views.timetable, name="timetable"),
    path("<slug:slug>/sessions/<uuid:session_uuid>.ics", views.session_ics, name="session_ics"),
    path("<slug:slug>/check-in/", organiser_views.check_in, name="check_in"),
    path(
        "<slug:slug>/check-in/counts.json",
        organiser_views.attendance_counts,
        name="attendance_counts",
    ),
    path("<slug:slug>/registrants/", organiser_views.registrants, name="registrants"),
    path("<slug:slug>/registrants.csv", organiser_views.registrants_csv, name="registrants_csv"),
    path("<slug:slug>/badges.pdf", organiser_views.badges, name="badges"),
    path("<slug:slug>/messages/", organiser_views.message, name="message"),
    path(
        "<slug:slug>/sessions/<uuid:session_uuid>/",
        organiser_views.session_manage,
        name="session_manage",
    ),
    path(
        "<slug:slug>/materials/<uuid:material_uuid>/",
        organiser_views.material_file,
        name="material_file",
    ),
    path(
        "<slug:slug>/materials/<uuid:material_uuid>/edit/",
        organiser_views.material_manage,
        name="material_manage",
    ),
    path("<slug:slug>/abstracts/new/", abstract_views.submit_abstract, name="submit_abstract"),
    path("<slug:slug>/abstracts/review/", abstract_views.review, name="review"),
    path("<slug:slug>/abstracts/reviewers/", reviewer_views.reviewers, name="reviewers"),
    path(
        "<slug:slug>/abstracts/reviewers/<int:track_id>/",
        reviewer_views.track_reviewers,
        name="track_reviewers",
    ),
    path(
        "<slug:slug>/abstracts/invitations/<str:token>/",
        reviewer_views.reviewer_invitation,
        name="reviewer_invitation",
    ),
    path("<slug:slug>/tracks/", track_views.tracks, name="tracks"),
    path("<slug:slug>/tracks/<int:track_id>/", track_views.track, name="track"),
    path("<slug:slug>/exhibition/", views.exhibition, name="exhibition"),
    path("<slug:slug>/exhibition/<int:exhibitor_id>/", views.booth, name="booth"),
]
