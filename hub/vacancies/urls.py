from django.urls import path

from . import feeds, views

app_name = "hub_vacancies"

urlpatterns = [
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("vacancies/feed.rss", feeds.VacancyRssFeed(), name="feed_rss"),
    path("vacancies/feed.atom", feeds.VacancyAtomFeed(), name="feed_atom"),
    path("vacancies/new/", views.vacancy_create, name="vacancy_create"),
    path("vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/<str:slug>/", views.vacancy_detail, name="vacancy_detail"),
]
