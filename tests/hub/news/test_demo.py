"""The demo's news and stories."""

import pytest

from hub.news.demo import seed_news
from hub.news.models import ArticlePage, NewsIndexPage
from portal.accounts.models import Programme
from portal.home.demo import seed_programmes
from tests.factories.hub import ProjectFactory
from tests.factories.news import make_article

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_thirty_articles_once_and_links_projects_it_finds(client, home):
    seed_programmes()
    ita_slo = Programme.objects.get(acronym="ITA-SLO")
    healthnet = ProjectFactory(acronym="GO-HEALTH", programme=ita_slo)

    assert seed_news(home) == 30
    assert seed_news(home) == 0

    index = NewsIndexPage.objects.get()
    assert index.slug == "news" and index.show_in_menus
    articles = ArticlePage.objects.child_of(index).live()
    assert articles.count() == 30
    assert {article.kind for article in articles} == {"news", "story"}
    assert (
        len({programme.pk for article in articles for programme in article.programmes.all()}) > 10
    )
    assert all(article.lead_image_alt for article in articles if article.lead_image_id)
    story = articles.get(projects=healthnet)
    assert story.kind == "story"
    assert client.get(index.url).status_code == 200
    assert "The project: GO-HEALTH" in client.get(story.url).content.decode()


def test_the_admin_edits_an_article(client, home, staff_user, news_index, programme_a, health):
    article = make_article(news_index, programmes=[programme_a], themes=[health])
    client.force_login(staff_user)
    response = client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert "Lead image" in response.content.decode()
