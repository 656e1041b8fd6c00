"""What the home page and the accessibility statement show and do."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from hub.sections import home_sections_with
from portal.core.forms import submitted
from portal.core.pages import PageView
from portal.core.query import query_text
from portal.core.ratelimit import over_limit, too_many_requests

from .forms import AccessibilityFeedbackForm
from .selectors import (
    HomeServices,
    accessibility_statement_sections,
    home_upcoming_items,
    upcoming_reads,
)
from .services import accessibility_feedback_submit

FEEDBACK_SENT = _("Thank you: your feedback has reached the editors, who answer by e-mail.")


class HomeView(PageView):
    def get_context(self, context):
        home = self.source
        services = HomeServices(home=home, user=self.request.user)
        upcoming = upcoming_reads(home=home)
        # What the hub's parts register for the home page (hub.sections), in their order, read
        # in one query with the services' pages and what "Coming up" is made of.
        context["hub_sections"], rows = home_sections_with(self.request, *services.reads, *upcoming)
        context["services"] = services.built(rows[: len(services.reads)])
        context["upcoming_items"] = home_upcoming_items(rows[len(services.reads) :])
        context["hero_cta_url"] = home.hero_cta_page.url if home.hero_cta_page_id else ""
        return context


class AccessibilityStatementView(PageView):
    """The statement, and its feedback form: anyone may send feedback."""

    form = None

    def _blank_form(self) -> AccessibilityFeedbackForm:
        user, initial = self.request.user, {}
        if user.is_authenticated:
            initial = {"name": user.get_full_name(), "email": user.email}
        concerned = query_text(self.request, "page", max_length=500)
        if concerned.startswith("/") and not concerned.startswith("//"):
            initial["page_concerned"] = concerned
        return AccessibilityFeedbackForm(initial=initial)

    def post(self):
        request, statement = self.request, self.source
        if over_limit(
            request,
            action="accessibility-feedback",
            limit=settings.ACCESSIBILITY_FEEDBACK_PER_HOUR,
            window_seconds=3600,
        ):
            return too_many_requests(request)
        form = AccessibilityFeedbackForm(request.POST)

        def send(data):
            accessibility_feedback_submit(
                statement=statement,
                sender=request.user,
                name=data["name"],
                email=data["email"],
                page_concerned=data["page_concerned"],
                problem=data["problem"],
            )
            # The thank-you message heads the main content (without a fragment of its own the
            # browser would keep the form's #feedback).
            return f"{statement.url}#main"

        response = submitted(request, form, send, success=FEEDBACK_SENT)
        if response is not None:
            return response
        self.form = form
        return self.render()

    def get_context(self, context):
        context["feedback_form"] = self.form or self._blank_form()
        context["non_accessible_sections"] = accessibility_statement_sections(self.source)
        return context
