from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("programmes/<slug:slug>/requests/", views.programme_requests, name="programme_requests"),
    path("accounts/profile/", views.profile_edit, name="profile"),
    path("accounts/demo-personas/<slug:key>/", views.persona_sign_in, name="persona_sign_in"),
    path("accounts/my-data/", views.my_data, name="my_data"),
    path("accounts/my-data/export/", views.my_data_export, name="my_data_export"),
    path("accounts/my-data/delete/", views.account_delete, name="account_delete"),
    path("people/<str:public_id>/", views.profile_public, name="profile_public"),
    path("accounts/affiliations/", views.affiliation_list, name="affiliations"),
    path(
        "accounts/affiliations/<int:pk>/withdraw/",
        views.affiliation_withdraw,
        name="affiliation_withdraw",
    ),
]
