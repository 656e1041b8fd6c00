from django.urls import path

from .views import moderation, search, spaces, threads

app_name = "community"

urlpatterns = [
    path("community/search/", search.search, name="search"),
    path("community/spaces/<slug:slug>/", spaces.space_detail, name="space"),
    path("community/spaces/<slug:slug>/join/", spaces.space_join, name="join"),
    path("community/spaces/<slug:slug>/leave/", spaces.space_leave, name="leave"),
    path("community/spaces/<slug:slug>/invitation/", spaces.invitation_answer, name="invitation"),
    path(
        "community/spaces/<slug:slug>/notifications/",
        spaces.space_subscription,
        name="space_subscription",
    ),
    path("community/spaces/<slug:slug>/people.json", spaces.mention_candidates, name="mentions"),
    path("community/spaces/<slug:slug>/new/", threads.thread_create, name="thread_create"),
    path("community/spaces/<slug:slug>/members/", moderation.members, name="members"),
    path(
        "community/spaces/<slug:slug>/members/<int:pk>/decide/",
        moderation.membership_decide,
        name="membership_decide",
    ),
    path(
        "community/spaces/<slug:slug>/members/<int:pk>/remove/",
        moderation.membership_remove,
        name="membership_remove",
    ),
    path("community/spaces/<slug:slug>/moderation/", moderation.moderation, name="moderation"),
    path("community/spaces/<slug:slug>/moderation/log/", moderation.moderation_log, name="log"),
    path("community/threads/<int:pk>/", threads.thread_detail, name="thread"),
    path("community/threads/<int:pk>/unread/", threads.thread_unread, name="thread_unread"),
    path("community/threads/<int:pk>/reply/", threads.post_reply, name="reply"),
    path(
        "community/threads/<int:pk>/notifications/",
        threads.thread_subscription,
        name="thread_subscription",
    ),
    path("community/threads/<int:pk>/moderate/", moderation.thread_toggle, name="thread_toggle"),
    path("community/threads/<int:pk>/move/", moderation.thread_move, name="thread_move"),
    path("community/threads/<int:pk>/merge/", moderation.thread_merge, name="thread_merge"),
    path("community/posts/<int:pk>/edit/", threads.post_edit, name="post_edit"),
    path("community/posts/<int:pk>/delete/", threads.post_delete, name="post_delete"),
    path("community/posts/<int:pk>/like/", threads.post_like, name="post_like"),
    path("community/posts/<int:pk>/accept/", threads.post_accept, name="post_accept"),
    path("community/posts/<int:pk>/history/", threads.post_history, name="post_history"),
    path("community/posts/<int:pk>/flag/", threads.post_flag, name="post_flag"),
    path("community/posts/<int:pk>/moderate/", moderation.post_moderate, name="post_moderate"),
    path("community/files/<int:pk>/", threads.attachment, name="attachment"),
    path("community/stored/<path:name>", threads.stored_file, name="stored_file"),
]
