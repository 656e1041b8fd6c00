from django.urls import path

from . import near_me, views

app_name = "hub"

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/<str:keep_id>/", views.project_detail, name="project_detail"),
    path("near-me/", near_me.near_me, name="near_me"),
]
