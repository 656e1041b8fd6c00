from django.urls import path

from . import views
from .feeds import NewsAtomFeed, NewsRssFeed

app_name = "hub_news"

urlpatterns = [
    path("news/feed.rss", NewsRssFeed(), name="feed_rss"),
    path("news/feed.atom", NewsAtomFeed(), name="feed_atom"),
    path("news/new/", views.article_create, name="article_create"),
    path("news/manage/<int:pk>/edit/", views.article_edit, name="article_edit"),
]
