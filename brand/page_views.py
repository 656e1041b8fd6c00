"""What the brand pages show: the book's chapters and the asset library with its filters."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from portal.core import access, cache
from portal.core.access import AccessLevel
from portal.core.pages import PageView
from portal.core.query import query_form, query_page

from .forms import LibraryFilterForm
from .selectors import (
    brand_book_chapters,
    brand_sections,
    groups_opening_assets,
    library_filter_choices,
    library_page,
)


class BrandLandingView(PageView):
    def get_context(self, context):
        context["sections"] = brand_sections(landing=self.source, user=self.request.user)
        return context


class BrandBookView(PageView):
    def get_context(self, context):
        context["chapters"] = brand_book_chapters(chapter=self.page)
        return context


LOCK_LABELS = {
    AccessLevel.REGISTERED: _("For registered users"),
    AccessLevel.PROGRAMME_STAFF: _("For programme staff"),
}
SIGN_IN_FOR_ACCESS = _("Sign in to download it")
CONFIRM_EMAIL_FOR_ACCESS = _("Confirm your e-mail address to download it")
AFFILIATION_FOR_ACCESS = _("Ask for a programme affiliation to download it")


def lock_help(request, audience: access.Audience) -> dict:
    """For each level the library shows locked: what the lock says and the way to get access,
    for everyone of `audience` (signing in, confirming the address, or a programme
    affiliation)."""
    if not audience.signed_in:
        login = f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
        ways = dict.fromkeys(LOCK_LABELS, (SIGN_IN_FOR_ACCESS, login))
    elif not audience.verified:
        ways = dict.fromkeys(LOCK_LABELS, (CONFIRM_EMAIL_FOR_ACCESS, reverse("account_email")))
    else:
        affiliations = reverse("accounts:affiliations")
        ways = {AccessLevel.PROGRAMME_STAFF: (AFFILIATION_FOR_ACCESS, affiliations)}
    return {
        level: {"label": LOCK_LABELS[level], "action": action, "url": url}
        for level, (action, url) in ways.items()
    }


def library_audience(user) -> access.Audience:
    """Who sees the same library as `user`: the same access to assets, counting only the
    groups some asset is for."""
    if not user.is_authenticated:
        return access.ANONYMOUS_AUDIENCE
    return access.audience_of(user, groups_that_matter=groups_opening_assets())


class AssetLibraryView(PageView):
    audience_of = "brand.page_views.library_audience"

    def get_context(self, context):
        request = self.request
        audience = cache.audience_shown(request, self.audience_of)
        form = query_form(LibraryFilterForm, request, **library_filter_choices(audience=audience))
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form
        assets = library_page(audience=audience, filters=filters, page=query_page(request))
        help_by_level = lock_help(request, audience)
        for asset in assets:
            asset.lock = help_by_level.get(asset.access_level) if asset.locked else None
        context["audience"] = audience
        context["assets"] = assets
        context["filtered"] = bool(filters and any(filters.values()))
        return context
