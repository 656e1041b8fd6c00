from django.urls import path

from . import near_me

app_name = "hub"

urlpatterns = [
    path("near-me/", near_me.near_me, name="near_me"),
]
