"""The personal pieces of the Slam's pages (portal.core.personal)."""

from django.template.loader import render_to_string

from portal.core.personal import piece

from .selectors import my_votes, part_in_edition


def _votes_of(request, edition_id: int) -> set[int]:
    """The applications the person voted for in the edition, asked once per request however
    many videos the gallery shows."""
    kept = getattr(request, "_slam_votes", None)
    if kept is None or kept[0] != edition_id:
        kept = request._slam_votes = (
            edition_id,
            set(my_votes(edition=edition_id, user=request.user).values()),
        )
    return kept[1]


@piece("slam_vote", same_for_visitors=True)
def slam_vote(request, *, edition: int, application: int, public_id, project: str) -> str:
    """A video's vote button, and "Your vote" on the one the person chose; nothing for
    visitors, whom the page asks to sign in."""
    if not request.user.is_authenticated:
        return ""
    return render_to_string(
        "slam/components/vote.html",
        {
            "voted": application in _votes_of(request, edition),
            "public_id": public_id,
            "project": project,
        },
        request=request,
    )


@piece("slam_edition_links", same_for_visitors=True)
def slam_edition_links(request, *, edition: int, year: int) -> str:
    """An edition's links to the jury's pages for its jurors and to "My applications" for
    those who applied; nothing for anyone else."""
    if not request.user.is_authenticated:
        return ""
    return render_to_string(
        "slam/components/edition_links.html",
        {"year": year, **part_in_edition(edition=edition, user=request.user)},
        request=request,
    )
