"""Publishing news and stories from the portal's form: who may, for which programme, and what
is recorded."""

from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from hub.news.forms import UNKNOWN_PROJECTS
from hub.news.models import LEAD_IMAGE_NEEDS_ALT, ArticlePage
from tests.factories import UserFactory
from tests.factories.news import make_article
from tests.factories.users import TEST_TOTP_SECRET, AffiliationFactory
from tests.helpers import png_upload, submission_token_in

pytestmark = pytest.mark.django_db

CREATE = reverse("hub_news:article_create")


def _edit_url(article) -> str:
    return reverse("hub_news:article_edit", args=[article.pk])


def _form(client, programmes, **overrides) -> dict:
    token = submission_token_in(client.get(CREATE))
    data = {
        "title": "Ambulances cross the Karst border",
        "kind": "story",
        "date": "2026-03-12",
        "summary": "Crews from Trieste and Sežana now answer each other's calls.",
        "body": "First paragraph.\n\nSecond paragraph,\nwith a line break.",
        "programmes": [programme.pk for programme in programmes],
        "projects": "",
        "countries": ["IT", "SI"],
        "lead_image_alt": "",
        "lead_image_credit": "",
        "submission_token": token,
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor(db):
    return UserFactory(wagtail_admin=True, totp_secret=TEST_TOTP_SECRET)


# Who may open the form ---------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, news_index):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "who", ["user_without_affiliation", "controller", "pending_secretariat", "unverified"]
)
def test_people_who_do_not_publish_are_refused(client, news_index, programme_a, who):
    if who == "user_without_affiliation":
        person = UserFactory()
    elif who == "controller":
        person = AffiliationFactory(programme=programme_a, function="controller").user
    elif who == "pending_secretariat":
        person = AffiliationFactory(programme=programme_a, status="pending").user
    else:
        person = AffiliationFactory(programme=programme_a, user=UserFactory(verified=False)).user
    client.force_login(person)
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"title": "x"}).status_code == 403
    assert not ArticlePage.objects.exists()


def test_the_form_offers_only_the_programmes_one_publishes_for(
    client, news_index, secretariat_a, programme_a, programme_b
):
    client.force_login(secretariat_a)
    response = client.get(CREATE)
    assert response.status_code == 200
    offered = list(response.context["form"].fields["programmes"].queryset)
    assert offered == [programme_a]


# Publishing ----------------------------------------------------------------------------------


def test_a_communication_officer_publishes_a_story_recorded_in_their_name(
    client, news_index, communication_officer_a, programme_a, project_a, health
):
    client.force_login(communication_officer_a)
    data = _form(client, [programme_a], projects=" 30401 ", themes=[health.pk])
    data["lead_image_file"] = png_upload("karst.png", size=(800, 450))
    data["lead_image_alt"] = "Two ambulances side by side at the border crossing"
    data["lead_image_credit"] = "© ZD Sežana"

    response = client.post(CREATE, data)

    article = ArticlePage.objects.get()
    assert response.status_code == 302 and response.url == article.url
    assert article.live and article.owner == communication_officer_a
    assert article.kind == "story" and article.date == date(2026, 3, 12)
    assert list(article.programmes.all()) == [programme_a]
    assert list(article.projects.all()) == [project_a]
    assert list(article.themes.all()) == [health]
    assert [country.code for country in article.countries] == ["IT", "SI"]
    assert article.get_parent().specific == news_index
    assert article.lead_image.uploaded_by_user == communication_officer_a
    assert article.body[0].value.source == (
        "<p>First paragraph.</p>\n<p>Second paragraph,<br>\nwith a line break.</p>"
    )
    revision = article.latest_revision
    assert revision.user == communication_officer_a
    actions = set(
        PageLogEntry.objects.filter(page=article, user=communication_officer_a).values_list(
            "action", flat=True
        )
    )
    assert {"wagtail.edit", "wagtail.publish"} <= actions
    page = client.get(article.url)
    assert "Your article is published." in page.content.decode()


def test_the_same_form_sent_twice_publishes_once(client, news_index, secretariat_a, programme_a):
    client.force_login(secretariat_a)
    data = _form(client, [programme_a])
    first = client.post(CREATE, data)
    second = client.post(CREATE, data)
    assert first.url == second.url
    assert ArticlePage.objects.count() == 1


def test_a_secretariat_publishing_for_another_programme_is_refused(
    client, news_index, secretariat_a, programme_a, programme_b
):
    client.force_login(secretariat_a)
    response = client.post(CREATE, _form(client, [programme_b]))
    assert response.status_code == 200
    assert "programmes" in response.context["form"].errors
    assert not ArticlePage.objects.exists()


def test_an_editor_publishes_for_any_programme(
    client, news_index, editor, programme_a, programme_b
):
    client.force_login(editor)
    response = client.post(CREATE, _form(client, [programme_a, programme_b], kind="news"))
    assert response.status_code == 302
    assert set(ArticlePage.objects.get().programmes.all()) == {programme_a, programme_b}


def test_mistakes_are_shown_next_to_their_fields_with_what_was_typed_kept(
    client, news_index, secretariat_a, programme_a
):
    client.force_login(secretariat_a)
    data = _form(client, [programme_a], projects="99999, 30401", title="Kept headline")
    data["lead_image_file"] = png_upload("photo.png")

    response = client.post(CREATE, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["projects"] == [UNKNOWN_PROJECTS % {"ids": "99999, 30401"}]
    assert form.errors["lead_image_alt"] == [LEAD_IMAGE_NEEDS_ALT]
    html = response.content.decode()
    assert 'value="Kept headline"' in html
    assert 'id="id_projects_error"' in html or "errorlist" in html
    assert not ArticlePage.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("fake.png", b"<html><script>alert(1)</script></html>"),
        ("polyglot.png", b"GIF89a<script>alert(1)</script>"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_an_upload_that_is_not_an_image_is_refused_by_content(
    client, news_index, secretariat_a, programme_a, name, content
):
    client.force_login(secretariat_a)
    data = _form(client, [programme_a], lead_image_alt="A photo")
    data["lead_image_file"] = png_upload(name, content=content)
    response = client.post(CREATE, data)
    assert response.status_code == 200
    assert "lead_image_file" in response.context["form"].errors
    assert not ArticlePage.objects.exists()


# Editing -------------------------------------------------------------------------------------


def test_staff_edit_their_programmes_articles_as_a_new_revision(
    client, news_index, secretariat_a, programme_a
):
    article = make_article(news_index, programmes=[programme_a], title="Old headline")
    client.force_login(secretariat_a)
    form = client.get(_edit_url(article))
    assert form.status_code == 200
    assert form.context["form"].initial["title"] == "Old headline"
    assert article.title in form.content.decode()  # the list of their programmes' articles

    data = _form(client, [programme_a], title="New headline", kind="news")
    data["submission_token"] = submission_token_in(form)
    response = client.post(_edit_url(article), data)

    article.refresh_from_db()
    assert response.status_code == 302
    assert article.title == "New headline"
    assert article.revisions.count() == 2
    assert article.latest_revision.user == secretariat_a


def test_editing_keeps_the_blocks_added_in_the_admin(
    client, news_index, secretariat_a, programme_a
):
    article = make_article(news_index, programmes=[programme_a])
    article.body.append(("quote", {"quote": "We are one region.", "attribution": "A mayor"}))
    article.save_revision().publish()
    client.force_login(secretariat_a)
    data = _form(client, [programme_a], body="Rewritten.")
    data["submission_token"] = submission_token_in(client.get(_edit_url(article)))
    client.post(_edit_url(article), data)
    article.refresh_from_db()
    assert [block.block_type for block in article.body] == ["rich_text", "quote"]
    assert article.body[0].value.source == "<p>Rewritten.</p>"


def test_staff_of_another_programme_may_not_edit(client, news_index, secretariat_a, programme_b):
    article = make_article(news_index, programmes=[programme_b])
    client.force_login(secretariat_a)
    assert client.get(_edit_url(article)).status_code == 403
    assert client.post(_edit_url(article), {"title": "Taken over"}).status_code == 403


def test_an_article_shared_with_another_programme_is_edited_by_editors_only(
    client, news_index, secretariat_a, editor, programme_a, programme_b
):
    article = make_article(news_index, programmes=[programme_a, programme_b])
    client.force_login(secretariat_a)
    assert client.get(_edit_url(article)).status_code == 403
    client.force_login(editor)
    assert client.get(_edit_url(article)).status_code == 200


def test_editing_an_unknown_article_is_a_404(client, editor):
    client.force_login(editor)
    assert client.get(reverse("hub_news:article_edit", args=[987654])).status_code == 404


# What people type is shown back as text ------------------------------------------------------

PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_typed_html_cannot_run_on_the_article_or_the_listing(
    client, news_index, secretariat_a, programme_a
):
    client.force_login(secretariat_a)
    data = _form(
        client,
        [programme_a],
        title=f"Title {PAYLOAD}",
        summary=f"Summary {PAYLOAD}",
        body=f'<p>Body <a href="javascript:alert(3)">link</a></p>\n\n{PAYLOAD}',
        lead_image_alt=f"Alt {PAYLOAD}",
        lead_image_credit=f"Credit {PAYLOAD}",
    )
    data["lead_image_file"] = png_upload()
    assert client.post(CREATE, data).status_code == 302
    article = ArticlePage.objects.get()
    client.logout()

    for url in (article.url, news_index.url, reverse("hub_news:feed_rss")):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        assert "javascript:alert" not in html, url
    html = client.get(article.url).content.decode()
    assert "Credit &lt;img src=x" in html
    assert "Title &lt;img" in html
