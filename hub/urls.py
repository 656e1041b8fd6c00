from django.urls import path

from . import views

app_name = "hub"

urlpatterns = [
    path("projects/", views.project_list, name="project_list"),
    path("projects/<str:keep_id>/", views.project_detail, name="project_detail"),
]
