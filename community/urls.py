from django.urls import path

from . import views

app_name = "community"

urlpatterns = [
    path("community/search/", views.search, name="search"),
    path("community/spaces/<slug:slug>/", views.space_detail, name="space"),
    path("community/spaces/<slug:slug>/join/", views.space_join, name="join"),
    path("community/spaces/<slug:slug>/leave/", views.space_leave, name="leave"),
    path("community/spaces/<slug:slug>/invitation/", views.invitation_answer, name="invitation"),
    path(
        "community/spaces/<slug:slug>/notifications/",
        views.space_subscription,
        name="space_subscription",
    ),
    path("community/spaces/<slug:slug>/people.json", views.mention_candidates, name="mentions"),
    path("community/spaces/<slug:slug>/new/", views.thread_create, name="thread_create"),
    path("community/spaces/<slug:slug>/members/", views.members, name="members"),
    path(
        "community/spaces/<slug:slug>/members/<int:pk>/decide/",
        views.membership_decide,
        name="membership_decide",
    ),
    path(
        "community/spaces/<slug:slug>/members/<int:pk>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path("community/spaces/<slug:slug>/moderation/", views.moderation, name="moderation"),
    path("community/spaces/<slug:slug>/moderation/log/", views.moderation_log, name="log"),
    path("community/threads/<int:pk>/", views.thread_detail, name="thread"),
    path("community/threads/<int:pk>/unread/", views.thread_unread, name="thread_unread"),
    path("community/threads/<int:pk>/reply/", views.post_reply, name="reply"),
    path(
        "community/threads/<int:pk>/notifications/",
        views.thread_subscription,
        name="thread_subscription",
    ),
    path("community/threads/<int:pk>/moderate/", views.thread_toggle, name="thread_toggle"),
    path("community/threads/<int:pk>/move/", views.thread_move, name="thread_move"),
    path("community/threads/<int:pk>/merge/", views.thread_merge, name="thread_merge"),
    path("community/posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("community/posts/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("community/posts/<int:pk>/like/", views.post_like, name="post_like"),
    path("community/posts/<int:pk>/accept/", views.post_accept, name="post_accept"),
    path("community/posts/<int:pk>/history/", views.post_history, name="post_history"),
    path("community/posts/<int:pk>/flag/", views.post_flag, name="post_flag"),
    path("community/posts/<int:pk>/moderate/", views.post_moderate, name="post_moderate"),
    path("community/files/<int:pk>/", views.attachment, name="attachment"),
    path("community/stored/<path:name>", views.stored_file, name="stored_file"),
]
