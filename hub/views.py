"""Projects and partners from keep.eu: the partner search and a project's page. Both are public
and the same for everyone but for the header's personal pieces, so one copy serves visitors and
signed-in people alike until the next publish or import."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from campaigns.cooperation_day.page_views import map_settings
from portal.core.cache import shared_with_everyone
from portal.core.query import query_form, query_page

from . import selectors
from .forms import ProjectFilterForm
from .selectors import ProjectFilters


@require_GET
@shared_with_everyone
def project_list(request):
    form = query_form(ProjectFilterForm, request, choices=selectors.project_filter_choices())
    # A filter that does not parse is left out (and said next to its field); the others apply:
    # a bound form keeps the values that parse in cleaned_data, valid or not.
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    filters = ProjectFilters(
        query=cleaned.get("q", ""),
        theme=cleaned.get("theme", ""),
        country=cleaned.get("country", ""),
        region=cleaned.get("region", ""),
        organisation_type=cleaned.get("organisation_type", ""),
        programme=cleaned.get("programme", ""),
        period=cleaned.get("period", ""),
    )
    projects = selectors.project_list_for_search(filters=filters, page=query_page(request))
    return render(
        request,
        "hub/project_list.html",
        {"form": form, "filters": filters, "projects": projects},
    )


@require_GET
@shared_with_everyone
def project_detail(request, keep_id):
    project = selectors.project_for_page(keep_id=keep_id)
    return render(
        request,
        "hub/project_detail.html",
        {
            "project": project,
            "partners": project.ordered_partners,
            "partner_positions": selectors.partner_positions(project),
            "map_settings": map_settings(),
        },
    )
