"""Download statistics for brand managers, with a CSV export."""

import csv
from datetime import timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from portal.core.exports import spreadsheet_safe
from portal.core.forms import PortalForm
from portal.core.query import query_data, query_form

from . import access, selectors
from .models import AssetDownload

PERIODS = [
    ("30", gettext_lazy("Last 30 days")),
    ("365", gettext_lazy("Last 12 months")),
    ("all", gettext_lazy("All time")),
]


class PeriodForm(PortalForm):
    period = forms.ChoiceField(label=gettext_lazy("Period"), choices=PERIODS, required=False)


def _since(request):
    form = query_form(PeriodForm, request)
    period = form.cleaned_data.get("period") if form.is_valid() else ""
    if period in {"30", "365"}:
        return form, timezone.now() - timedelta(days=int(period))
    return form, None


@require_GET
def statistics(request):
    if not access.may_see_statistics(request.user):
        raise PermissionDenied
    form, since = _since(request)
    context = {
        "header_title": _("Brand downloads"),
        "form": form,
        "query": query_data(request).urlencode(),
    }
    context.update(selectors.download_statistics(since=since))
    return render(request, "brand/admin/statistics.html", context)


EXPORT_HEADINGS = [
    gettext_lazy("Downloaded (UTC)"),
    gettext_lazy("Asset"),
    gettext_lazy("Type"),
    gettext_lazy("File"),
    gettext_lazy("Format"),
    gettext_lazy("Colour version"),
    gettext_lazy("Downloader's programme"),
    gettext_lazy("In a ZIP"),
]


@require_GET
def statistics_export(request):
    if not access.may_see_statistics(request.user):
        raise PermissionDenied
    _form, since = _since(request)
    downloads = AssetDownload.objects.select_related("asset", "variant", "programme")
    if since:
        downloads = downloads.filter(downloaded_at__gte=since)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="brand-downloads.csv"'
    writer = csv.writer(response)
    writer.writerow([str(heading) for heading in EXPORT_HEADINGS])
    for download in downloads.order_by("downloaded_at").iterator(chunk_size=2000):
        variant = download.variant
        row = [
            download.downloaded_at.isoformat(),
            download.asset.title,
            download.asset.get_kind_display(),
            str(variant),
            variant.file_format.upper(),
            variant.get_colour_version_display(),
            download.programme.name if download.programme else "",
            _("yes") if download.in_zip else _("no"),
        ]
        writer.writerow([spreadsheet_safe(value) for value in row])
    return response
