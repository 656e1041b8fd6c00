app_name = "hub_news"

urlpatterns = []
