"""The view both campaigns' front pages share."""

from portal.core.pages import PageView


class CampaignLandingView(PageView):
    """The newest live edition, with what its own page shows, and the archive of the others.
    Each campaign says where its editions come from."""

    def current_edition(self):
        raise NotImplementedError

    def past_editions(self, *, current) -> list:
        raise NotImplementedError

    def edition_context(self, edition) -> dict:
        raise NotImplementedError

    def get_context(self, context):
        edition = self.current_edition()
        if edition is not None:
            context.update(self.edition_context(edition))
        context["past_editions"] = self.past_editions(current=edition)
        return context
