app_name = "hub_calls"

urlpatterns = []
