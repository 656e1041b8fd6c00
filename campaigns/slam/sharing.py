"""Anonymous visitors share one copy of the Slam's public pages (the landing page, an
edition's page, the gallery), kept until something is published or the edition moves on to
its next phase, whichever comes first: what the pages say (the phase, whether the vote is
open) follows the edition's timeline, not a publish."""

from django.utils import timezone

from portal.core import cache


def share_until_next_phase(request, response, edition) -> None:
    """Keep `response` for anonymous visitors until `edition`'s next phase begins (without an
    edition, or after its last phase, until the next publish)."""
    if not cache.request_is_cacheable(request):
        return
    now = timezone.now()
    change = edition.next_phase_starts(now) if edition is not None else None
    seconds = int((change - now).total_seconds()) if change else None
    if seconds is not None and seconds < 1:
        return  # the page is about to change: not worth keeping
    cache.store_page_response(request, response, timeout=seconds)
