from wagtail import hooks

from .viewsets import VacancyViewSet


@hooks.register("register_admin_viewset")
def register_vacancy_viewset():
    return VacancyViewSet("vacancies")
