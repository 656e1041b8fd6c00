"""The page type both campaigns' front pages are made of."""

from portal.core.pages import LandingPageBase


class CampaignLandingPage(LandingPageBase):
    """The front page of a yearly campaign: its current edition and the archive of the past
    ones (campaigns.page_views.CampaignLandingView, templates/campaigns/landing_page.html)."""

    class Meta:
        abstract = True
