from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "hub.news"
    label = "hub_news"
    verbose_name = _("News and stories")

    def ready(self):
        from hub import sections

        from .sections import home_stories, programme_news

        sections.register_programme_section(
            key="news",
            order=20,
            template="hub/news/programme_section.html",
            build=programme_news,
            title=_("News and stories"),
        )
        sections.register_home_section(
            key="stories", order=10, template="hub/news/home_section.html", build=home_stories
        )
