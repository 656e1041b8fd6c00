from django.urls import path

from . import views

app_name = "hub_alerts"

urlpatterns = [
    path("alerts/", views.alert_list, name="alert_list"),
    path("alerts/new/", views.alert_create, name="alert_create"),
    path("alerts/<int:pk>/delete/", views.alert_delete, name="alert_delete"),
]
