from django.urls import path
from django.views.decorators.http import require_GET

from . import views
from .feeds import CallAtomFeed, CallFeed

app_name = "hub_calls"

urlpatterns = [
    path("calls/", views.call_list, name="call_list"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/deadlines.ics", views.deadline_calendar, name="calendar"),
    path("calls/feed.rss", require_GET(CallFeed()), name="feed_rss"),
    path("calls/feed.atom", require_GET(CallAtomFeed()), name="feed_atom"),
    path("calls/<slug:programme_slug>/<slug:slug>/", views.call_detail, name="call_detail"),
    path("calls/<slug:programme_slug>/<slug:slug>/edit/", views.call_edit, name="call_edit"),
]
