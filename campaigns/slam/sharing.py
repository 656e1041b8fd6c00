"""Everyone shares one copy of the Slam's public pages (the landing page, an edition's page,
the gallery), each person's parts filled in as personal pieces (campaigns.slam.pieces), kept
until something is published or the edition moves on to its next phase, whichever comes
first: what the pages say (the phase, whether the vote is open) follows the edition's
timeline, not a publish."""

from django.utils import timezone

from portal.core import cache


def serve_shared_until_next_phase(request, render, *, shown_edition):
    """The page `render()` makes, shared with everyone (portal.core.cache.serve_shared) and
    kept until the next phase of `shown_edition()`, the edition the render showed (without
    one, or after its last phase, until the next publish)."""

    def keep_for():
        edition = shown_edition()
        if edition is None:
            return None
        return cache.seconds_until(edition.next_phase_starts(timezone.now()))

    return cache.serve_shared(request, render, signed_in=True, keep_for=keep_for)
