from django.urls import path

from . import views

app_name = "cooperation_day"

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
]
