from django.urls import path

from . import slam_views, views

app_name = "campaigns"

urlpatterns = [
    path("cooperation-day/events.geojson", views.events_geojson, name="events_geojson"),
    path("cooperation-day/events.ics", views.events_ics, name="events_ics"),
    path("cooperation-day/events/new/", views.event_create, name="event_create"),
    path("cooperation-day/events/<str:public_id>/", views.event_detail, name="event_detail"),
    path(
        "cooperation-day/events/<str:public_id>/calendar.ics",
        views.event_calendar,
        name="event_calendar",
    ),
    path("cooperation-day/events/<str:public_id>/sign-up/", views.sign_up, name="sign_up"),
    path(
        "cooperation-day/sign-up/<str:token>/confirm/",
        views.sign_up_confirm,
        name="sign_up_confirm",
    ),
    path(
        "cooperation-day/sign-up/<str:token>/cancel/",
        views.sign_up_cancel,
        name="sign_up_cancel",
    ),
    path("cooperation-day/my-events/", views.my_events, name="my_events"),
    path("cooperation-day/my-events/<str:public_id>/", views.event_edit, name="event_edit"),
    path(
        "cooperation-day/my-events/<str:public_id>/submit/",
        views.event_submit,
        name="event_submit",
    ),
    path(
        "cooperation-day/my-events/<str:public_id>/attendees/",
        views.event_attendees,
        name="event_attendees",
    ),
    path(
        "cooperation-day/my-events/<str:public_id>/report/",
        views.event_report,
        name="event_report",
    ),
    path("cooperation-day/take-part/", views.participation, name="participation"),
    path("slam/apply/", slam_views.application_form, name="slam_apply"),
    path("slam/applications/", slam_views.my_applications, name="slam_my_applications"),
    path(
        "slam/applications/<str:public_id>/",
        slam_views.application_form,
        name="slam_application_edit",
    ),
    path("slam/applications/<str:public_id>/video/", slam_views.video_form, name="slam_video"),
    path("slam/jury/", slam_views.jury_queue, name="slam_jury"),
    path("slam/jury/ranking/", slam_views.jury_ranking, name="slam_ranking"),
    path("slam/jury/<str:public_id>/", slam_views.jury_review, name="slam_review"),
    path("slam/gallery/", slam_views.gallery, name="slam_gallery"),
    path("slam/vote/<str:public_id>/", slam_views.vote, name="slam_vote"),
    path("slam/results/<int:year>/", slam_views.results, name="slam_results"),
    path("slam/hall-of-fame/", slam_views.hall_of_fame, name="slam_hall_of_fame"),
]
