"""Everyone shares one copy of the Slam's public pages (the landing page, an edition's page,
the gallery), each person's parts filled in as personal pieces (campaigns.slam.pieces), kept
until something is published or the edition moves on to its next phase, whichever comes
first: what the pages say (the phase, whether the vote is open) follows the edition's
timeline, not a publish."""

from django.utils import timezone
from django.utils.cache import patch_vary_headers

from portal.core import cache, personal

# A copy is not worth keeping when the edition's next phase is closer than this.
_TOO_SOON = 1


def _seconds_until_next_phase(edition) -> int | None:
    """How long a copy showing `edition` may be kept: until its next phase begins; None
    without an edition or after its last phase (until the next publish)."""
    now = timezone.now()
    change = edition.next_phase_starts(now) if edition is not None else None
    return int((change - now).total_seconds()) if change else None


def serve_shared_until_next_phase(request, render, *, shown_edition):
    """The page `render()` makes, from the shared copy when there is one for `request`, else
    rendered once for everyone and kept until the next phase of `shown_edition()` (the edition
    the render showed)."""
    if not cache.shared_copy_serves(request, signed_in=True):
        return render()
    response = cache.cached_page_response(request)
    if response is not None:
        return response
    with personal.rendering_for_everyone(request) as shared:
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    seconds = _seconds_until_next_phase(shown_edition())
    if seconds is not None and seconds < _TOO_SOON:
        # The page is about to change: only this request gets it, with its own pieces.
        response.content = personal.fill(request, response.content, shared.token, shared.pieces)
        patch_vary_headers(response, ("Cookie",))
        return response
    cache.store_page_response(request, response, timeout=seconds, shared=shared, signed_in=True)
    return response
