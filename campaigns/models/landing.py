from django.utils.translation import gettext_lazy as _

from portal.core.pages import LandingPageBase


class CooperationDayLandingPage(LandingPageBase):
    """/cooperation-day/: the current edition, with its map, and the archive of past ones."""

    subpage_types = ["campaigns.CooperationDayEditionPage"]

    class Meta:
        verbose_name = _("Cooperation Day landing page")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import current_edition, edition_events_context, past_editions

        context = super().get_context(request, *args, **kwargs)
        edition = current_edition()
        if edition is not None:
            context.update(edition_events_context(edition=edition, params=request.GET))
        context["past_editions"] = past_editions(current=edition)
        return context


class SlamLandingPage(LandingPageBase):
    """/slam/: the current edition and the archive; the hall of fame is linked from here."""

    subpage_types = ["campaigns.SlamEditionPage"]
    shares_anonymous_cache = False  # the current edition's vote changes without a publish

    class Meta:
        verbose_name = _("Interreg Slam landing page")

    def get_context(self, request, *args, **kwargs):
        from ..slam_selectors import current_slam_edition, edition_context, past_slam_editions

        context = super().get_context(request, *args, **kwargs)
        edition = current_slam_edition()
        if edition is not None:
            context.update(edition_context(edition=edition, user=request.user))
        context["past_editions"] = past_slam_editions(current=edition)
        return context
