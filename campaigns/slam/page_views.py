"""What the Slam's pages show: an edition's phase, timeline and criteria, and the visitor's own
part in it, a personal piece (the landing page shows the current edition)."""

from campaigns.page_views import CampaignEditionView, CampaignLandingView

from . import selectors
from .models import SlamPhase


def edition_context(edition) -> dict:
    phase = edition.phase()
    return {
        "edition": edition,
        "phase": phase,
        "phase_label": SlamPhase(phase).label,
        "timeline": selectors.timeline(edition),
        "criteria": list(edition.criteria.all()),
        "shows_gallery": phase in (SlamPhase.VOTING, SlamPhase.VOTE_CLOSED, SlamPhase.RESULTS),
        "shows_results": phase == SlamPhase.RESULTS or edition.vote_has_closed(),
    }


class EditionView(CampaignEditionView):
    shown_edition = None  # what the page's shared copy follows (models.SharedUntilNextPhase)

    def edition_context(self, edition):
        self.shown_edition = edition
        return edition_context(edition)


class LandingView(CampaignLandingView, EditionView):
    editions = selectors
