"""Brand endpoints beside the Wagtail pages: asset pages, checked downloads (one file or a
streamed ZIP), usage terms, previews, and the logo generator."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.accounts import roles
from portal.core.access import AccessLevel, access_refusal
from portal.core.query import query_data, query_flag, query_form, query_ints, query_text
from portal.core.zipstream import zip_stream

from . import logo, selectors, services
from .files import CONTENT_TYPES
from .forms import LogoForm, TermsForm, VariantSelectionForm
from .models import Asset, AssetVariant, UsageTerms

TERMS_FIRST = gettext_lazy("Accept the usage terms once; then your download starts.")
TERMS_THANKS = gettext_lazy("Thank you: the terms are accepted. You can download now.")
PUBLIC_PREVIEW_SECONDS = 60 * 60 * 24


def _refuse(request, refusal: str):
    """Send visitors to sign in; tell signed-in people why not."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(refusal)


def _checked_asset(request, asset: Asset):
    """Refuse an asset's page or previews to those who may not open it. Expired assets keep
    their page (it says what replaced them); unpublished ones exist only for staff."""
    if not asset.is_published() and not roles.is_site_staff(request.user):
        raise Http404
    refusal = access_refusal(request.user, asset.access_level, asset.access_group)
    return _refuse(request, refusal) if refusal else None


@require_GET
def asset_detail(request, pk):
    try:
        asset = selectors.asset_for_page(pk)
    except Asset.DoesNotExist as missing:
        raise Http404 from missing
    refused = _checked_asset(request, asset)
    if refused:
        return refused
    variants = list(asset.variants.all())
    selected = query_ints(request, "selected")
    return render(
        request,
        "brand/asset_detail.html",
        {
            "asset": asset,
            "variants": variants,
            "selected": selected,
            "expired": asset.is_expired(),
            "guidance": [line for line in asset.guidance.splitlines() if line.strip()],
            "terms_needed": bool(asset.usage_terms_id)
            and not (
                request.user.is_authenticated
                and not services.unaccepted_terms(user=request.user, assets=[asset])
            ),
        },
    )


def _download_name(variant: AssetVariant) -> str:
    parts = [variant.asset.title, variant.colour_version, variant.colour_space, variant.label]
    stem = slugify(" ".join(part for part in parts if part)) or "asset"
    return f"{stem}.{variant.file_format}"


def _terms_redirect(request, terms: UsageTerms, back: str):
    messages.info(request, TERMS_FIRST)
    return redirect(f"{reverse('brand:terms', args=[terms.pk])}?{urlencode({'next': back})}")


def _download_gate(request, assets, *, back: str):
    """None when `request.user` may download files of all `assets` now; otherwise the
    response that says why not, or that leads to signing in or to the usage terms first."""
    for asset in assets:
        refusal = services.download_refusal(user=request.user, asset=asset)
        if refusal == services.ASSET_NOT_PUBLISHED:
            raise Http404
        if refusal:
            return _refuse(request, refusal)
    if not any(asset.usage_terms_id for asset in assets):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    unaccepted = services.unaccepted_terms(user=request.user, assets=assets)
    return _terms_redirect(request, unaccepted[0], back) if unaccepted else None


@require_GET
def variant_download(request, pk):
    variants = selectors.variants_with_assets([pk])
    if not variants:
        raise Http404
    variant = variants[0]
    refused = _download_gate(request, [variant.asset], back=request.get_full_path())
    if refused:
        return refused
    services.downloads_record(user=request.user, variants=[variant])
    response = FileResponse(
        variant.file.open("rb"), as_attachment=True, filename=_download_name(variant)
    )
    response["Content-Type"] = CONTENT_TYPES.get(variant.file_format, "application/octet-stream")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def variants_zip(request):
    ids = [int(value) for value in request.POST.getlist("variants") if value.isdigit()]
    asset_page = request.POST.get("asset_page", "")
    if not url_has_allowed_host_and_scheme(asset_page, allowed_hosts={request.get_host()}):
        asset_page = selectors.library_url()
    variants = selectors.variants_with_assets(ids)
    form = VariantSelectionForm(request.POST, variant_ids=[variant.pk for variant in variants])
    if not form.is_valid():
        messages.error(request, form.errors["variants"][0])
        return redirect(asset_page)
    assets = list({variant.asset_id: variant.asset for variant in variants}.values())
    # Coming back from the terms, the same files are still ticked.
    back = f"{asset_page}?{urlencode([('selected', pk) for pk in ids])}"
    refused = _download_gate(request, assets, back=back)
    if refused:
        return refused
    services.downloads_record(user=request.user, variants=variants, in_zip=True)
    names = _unique_names(variants)
    response = StreamingHttpResponse(
        zip_stream((name, _opener(variant)) for name, variant in zip(names, variants, strict=True)),
        content_type="application/zip",
    )
    response["Content-Disposition"] = 'attachment; filename="interreg-brand-files.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


def _opener(variant):
    return lambda: variant.file.storage.open(variant.file.name, "rb")


def _unique_names(variants) -> list[str]:
    names, seen = [], set()
    for variant in variants:
        name = _download_name(variant)
        stem, extension = name.rsplit(".", 1)
        counter = 2
        while name in seen:
            name = f"{stem}-{counter}.{extension}"
            counter += 1
        seen.add(name)
        names.append(name)
    return names


@login_required
@require_http_methods(["GET", "POST"])
def terms(request, pk):
    usage_terms = get_object_or_404(UsageTerms, pk=pk)
    next_url = request.POST.get("next") or query_text(request, "next", max_length=2000)
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = selectors.library_url()
    form = TermsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.terms_accept(user=request.user, terms=usage_terms)
        messages.success(request, TERMS_THANKS)
        return redirect(next_url)
    accepted = services.terms_accepted(user=request.user, terms=usage_terms)
    return render(
        request,
        "brand/terms.html",
        {"terms": usage_terms, "form": form, "next": next_url, "accepted": accepted},
    )


@require_GET
def variant_preview(request, pk):
    variant = get_object_or_404(
        AssetVariant.objects.select_related("asset__access_group").exclude(preview=""), pk=pk
    )
    refused = _checked_asset(request, variant.asset)
    if refused:
        return refused
    extension = variant.preview.name.rsplit(".", 1)[-1]
    response = FileResponse(variant.preview.open("rb"), content_type=CONTENT_TYPES[extension])
    response["Cache-Control"] = (
        f"public, max-age={PUBLIC_PREVIEW_SECONDS}"
        if variant.asset.access_level == AccessLevel.PUBLIC
        else "private, max-age=3600"
    )
    return response


@require_GET
def stored_file(request, name):
    """Where a stored file's address leads: through the checked download or preview view."""
    variant = AssetVariant.objects.filter(Q(file=name) | Q(preview=name)).first()
    if variant is None:
        raise Http404
    view = "brand:preview" if variant.preview.name == name else "brand:download"
    return redirect(view, pk=variant.pk)


# The logo generator ------------------------------------------------------------------------


def _logo_spec(form: LogoForm) -> logo.LogoSpec:
    values = form.cleaned_data
    return logo.LogoSpec(
        name=logo.programme_logo_name(values["programme"].name),
        project=values["project"],
        language=values["language"],
        colour=values["colour"],
        layout=values["layout"],
    )


@login_required
@require_GET
def logo_generator(request):
    form = query_form(LogoForm, request)
    spec = _logo_spec(form) if form.is_valid() else None
    width = (form.cleaned_data.get("width") if spec else None) or 1200
    query = query_data(request).urlencode()
    return render(
        request,
        "brand/logo_generator.html",
        {
            "form": form,
            "spec": spec,
            "width": width,
            "warnings": logo.logo_warnings(spec, width=width) if spec else [],
            "query": query,
        },
    )


@login_required
@require_GET
def logo_download(request, file_format):
    if file_format not in logo.LogoFormat.values:
        raise Http404
    form = LogoForm(query_data(request))
    if not form.is_valid():
        errors = "; ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    spec = _logo_spec(form)
    width = form.cleaned_data.get("width") or 1200
    content = logo.logo_file(spec, file_format, width=width)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    parts = ["interreg", spec.name, spec.project, spec.language, spec.colour, spec.layout]
    if file_format == logo.LogoFormat.PNG:
        parts.append(f"{width}px")
    filename = f"{slugify(' '.join(part for part in parts if part))}.{file_format}"
    disposition = "attachment" if query_flag(request, "download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=3600"
    return response
