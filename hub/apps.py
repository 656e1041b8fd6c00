from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    """What the hub's parts share: themes, the projects and partners of keep.eu, who
    publishes for which programme, and the sections a programme's page and the home page
    gather from every part."""

    name = "hub"
    label = "hub"
    verbose_name = _("Hub")

    def ready(self):
        from portal.core import navigation

        from . import near_me, search, sections, selectors, sitemaps

        def programme_projects(programme, request, rows):
            projects = rows[0]
            return {"programme": programme, "projects": projects} if projects else None

        sections.register_programme_section(
            key="projects",
            order=50,
            template="hub/projects/programme_section.html",
            reads=lambda programme, request: [selectors.projects_of_programme(programme=programme)],
            build=programme_projects,
            title=_("Projects"),
        )
        near_me.register_sections()
        search.register()
        sitemaps.register()
        navigation.register_view_section(url_name="hub:project_list", title=_("Projects"), order=40)
