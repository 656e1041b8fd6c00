from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "hub.news"
    label = "hub_news"
    verbose_name = _("News and stories")

    def ready(self):
        from hub import sections
        from portal.core import navigation

        from .models import NewsIndexPage
        from .sections import home_reads, home_stories, programme_news, programme_reads

        navigation.register_site_page("news", NewsIndexPage)
        sections.register_programme_section(
            key="news",
            order=20,
            template="hub/news/programme_section.html",
            reads=programme_reads,
            build=programme_news,
            title=_("News and stories"),
        )
        sections.register_home_section(
            key="stories",
            order=10,
            template="hub/news/home_section.html",
            reads=home_reads,
            build=home_stories,
        )
