"""The Slam's screens in the admin: the vote audit, for site staff."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from portal.core.page_languages import originals

from . import access, selectors
from .models import SlamEditionPage


def vote_audit(request, year=None):
    """Staff only (admin URL): how the votes came in, to spot stuffing before results."""
    if not access.may_see_vote_audit(request.user):
        raise PermissionDenied
    if year is None:
        edition = originals(SlamEditionPage.objects.order_by("-year")).first()
        if edition is None:
            raise Http404
    else:
        edition = get_object_or_404(SlamEditionPage, year=year)
    return render(
        request,
        "slam/admin/vote_audit.html",
        {
            "edition": edition,
            "header_title": _("Slam %(year)s: vote audit") % {"year": edition.year},
            **selectors.vote_audit(edition=edition),
        },
    )
