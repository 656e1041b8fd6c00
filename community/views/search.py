"""Search in the spaces someone may read."""

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from portal.core.cache import kept_for_person
from portal.core.query import query_form, query_page

from .. import access, selectors
from ..forms import SearchForm
from ..models import Space
from ..versions import reader_versions
from .common import _render


@login_required
@require_GET
@kept_for_person(reader_versions)
def search(request):
    viewer = access.for_user(request.user)
    readable = viewer.readable_ids()
    spaces = list(Space.objects.filter(pk__in=readable).order_by("position", "name"))
    form = query_form(SearchForm, request, spaces=spaces)
    results = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        chosen = [space.pk for space in spaces if not data["space"] or space.slug == data["space"]]
        results = selectors.search(
            user=request.user,
            query=data["q"],
            space_ids=chosen,
            tag=data["tag"],
            author=data["author"],
            since=data["since"],
            until=data["until"],
            page_number=query_page(request),
        )
    return _render(
        request,
        "community/search.html",
        {
            "form": form,
            "results": results,
            "query": form.data.get("q", "") if form.is_bound else "",
        },
    )
