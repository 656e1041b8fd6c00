"""A person's saved searches: saving one from a listing, the list of them, deleting one.
Who is told what, and when, is the engine's (`services.alerts_send`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from portal.accounts import roles
from portal.core.access import VERIFIED_EMAIL_NEEDED

from . import selectors, services
from .forms import SavedSearchForm
from .models import SavedSearch

SAVED = gettext_lazy(
    "Your search is saved: we will tell you when something new matches it, as your "
    "e-mail preferences say."
)
ALREADY_SAVED = gettext_lazy("You had already saved this search.")
DELETED = gettext_lazy("The saved search “%(name)s” is deleted; you will hear no more about it.")


def _next_url(request, value: str) -> str:
    """`value` when it is an address on this site; the saved searches page otherwise."""
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def alert_create(request):
    # Signed out, the person is sent to sign in and then back to the listing they were on
    # (not here: this address only takes the button's POST).
    if not request.user.is_authenticated:
        return redirect_to_login(_next_url(request, request.POST.get("next", "")) or "/")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SavedSearchForm(request.POST)
    back = _next_url(request, request.POST.get("next", "")) or "hub_alerts:alert_list"
    if not roles.has_verified_email(request.user):
        messages.error(request, VERIFIED_EMAIL_NEEDED)
        return redirect(back)
    if not form.is_valid():
        refused = services.UNKNOWN_KIND if "kind" in form.errors else services.MALFORMED_QUERY
        return _not_saved(request, [str(refused)])
    try:
        _saved, created = services.saved_search_create(
            user=request.user, kind=form.cleaned_data["kind"], query=form.cleaned_data["query"]
        )
    except ValidationError as error:
        if error.code == "too_many":
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        return _not_saved(request, error.messages)
    messages.success(request, SAVED if created else ALREADY_SAVED)
    return redirect(back)


def _not_saved(request, errors: list[str]):
    """A request no button of the portal sends (a kind nobody offers, filters that are not
    a listing's): said plainly, with the way back."""
    return render(request, "hub/alerts/not_saved.html", {"errors": errors}, status=400)


@login_required
@require_GET
def alert_list(request):
    return render(
        request,
        "hub/alerts/alert_list.html",
        {"saved_searches": selectors.saved_searches_for(user=request.user)},
    )


@login_required
@require_POST
def alert_delete(request, pk):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    name = saved.name
    services.saved_search_delete(saved_search=saved)
    messages.success(request, DELETED % {"name": name})
    return redirect(_next_url(request, request.POST.get("next", "")) or "hub_alerts:alert_list")
