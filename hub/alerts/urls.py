app_name = "hub_alerts"

urlpatterns = []
