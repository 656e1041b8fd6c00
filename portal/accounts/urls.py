from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("programmes/<slug:slug>/requests/", views.programme_requests, name="programme_requests"),
    path("accounts/affiliations/", views.affiliation_list, name="affiliations"),
    path(
        "accounts/affiliations/<int:pk>/withdraw/",
        views.affiliation_withdraw,
        name="affiliation_withdraw",
    ),
]
