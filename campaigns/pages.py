"""The page type both campaigns' front pages are made of."""

from django.utils.translation import gettext_lazy as _

from portal.core.pages import LandingPageBase


class CampaignLandingPage(LandingPageBase):
    """The front page of a yearly campaign: its current edition and the archive of the past
    ones (campaigns.page_views.CampaignLandingView, templates/campaigns/landing_page.html)."""

    shares_signed_in_cache = True  # every personal part is a piece

    class Meta:
        abstract = True


EDITION_YEAR_TAKEN = _("There is already an edition for this year.")


def edition_year_taken(edition) -> bool:
    """Whether another edition of the same campaign has `edition`'s year in its language (its
    translations share its year)."""
    return (
        type(edition)
        .objects.filter(year=edition.year, locale_id=edition.locale_id)
        .exclude(pk=edition.pk)
        .exists()
    )
