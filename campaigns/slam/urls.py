from django.urls import path

from . import views

app_name = "slam"

urlpatterns = [
    path("slam/apply/", views.application_form, name="apply"),
    path("slam/applications/", views.my_applications, name="my_applications"),
    path("slam/applications/<str:public_id>/", views.application_form, name="application_edit"),
    path("slam/applications/<str:public_id>/video/", views.video_form, name="video"),
    path("slam/jury/", views.jury_queue, name="jury"),
    path("slam/jury/ranking/", views.jury_ranking, name="ranking"),
    path("slam/jury/<str:public_id>/", views.jury_review, name="review"),
    path("slam/gallery/", views.gallery, name="gallery"),
    path("slam/vote/<str:public_id>/", views.vote, name="vote"),
    path("slam/results/<int:year>/", views.results, name="results"),
    path("slam/hall-of-fame/", views.hall_of_fame, name="hall_of_fame"),
]
