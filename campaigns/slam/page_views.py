"""What the Slam's pages show: an edition's phase, timeline and criteria, and the visitor's own
part in it (the landing page shows the current edition)."""

from campaigns.page_views import CampaignEditionView, CampaignLandingView

from . import access, selectors
from .models import SlamPhase


def edition_context(request, edition) -> dict:
    phase = edition.phase()
    return {
        "edition": edition,
        "phase": phase,
        "phase_label": SlamPhase(phase).label,
        "timeline": selectors.timeline(edition),
        "criteria": list(edition.criteria.all()),
        "shows_gallery": phase in (SlamPhase.VOTING, SlamPhase.VOTE_CLOSED, SlamPhase.RESULTS),
        "shows_results": phase == SlamPhase.RESULTS or edition.vote_has_closed(),
        "is_juror": access.juror_of(edition, request.user) is not None,
        "my_applications": selectors.applications_of(edition=edition, user=request.user),
    }


class EditionView(CampaignEditionView):
    shown_edition = None  # what the page's shared copy follows (models.SharedUntilNextPhase)

    def edition_context(self, edition):
        self.shown_edition = edition
        return edition_context(self.request, edition)


class LandingView(CampaignLandingView, EditionView):
    editions = selectors
