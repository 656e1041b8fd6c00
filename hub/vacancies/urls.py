app_name = "hub_vacancies"

urlpatterns = []
