"""What the home page shows: the services and the dates worth knowing."""

from portal.core.pages import PageView

from .selectors import home_services, home_upcoming_items


class HomeView(PageView):
    def get_context(self, context):
        home = self.page
        context["services"] = home_services(home=home, user=self.request.user)
        context["upcoming_items"] = home_upcoming_items(home=home)
        context["hero_cta_url"] = home.hero_cta_page.url if home.hero_cta_page_id else ""
        return context
