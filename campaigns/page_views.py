"""The views both campaigns' pages share: an edition's page, and the front page that shows the
current edition and the archive of the others."""

from portal.core.pages import PageView


class CampaignEditionView(PageView):
    """An edition's page. Each campaign says what its edition pages show."""

    def edition_context(self, edition) -> dict:
        raise NotImplementedError

    def get_context(self, context):
        context.update(self.edition_context(self.source))
        return context


class CampaignLandingView(PageView):
    """The newest live edition, with what its own page shows, and the archive of the others.
    `editions` is the campaign's selectors module (`live_editions()`, newest first); a
    campaign's landing view also inherits its edition view."""

    editions = None

    def get_context(self, context):
        edition, *past = self.editions.live_editions() or [None]
        if edition is not None:
            context.update(self.edition_context(edition))
        context["past_editions"] = past
        return context
