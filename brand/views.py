"""Brand endpoints beside the Wagtail pages: asset pages, checked downloads (one file or a
streamed ZIP), usage terms, previews, and the logo generator."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.accounts import roles
from portal.core.access import AccessLevel, access_refusal
from portal.core.cache import kept_for_person
from portal.core.private_files import private_file_response
from portal.core.query import query_data, query_flag, query_form, query_ints, query_text
from portal.core.zipstream import zip_stream

from . import logo, selectors, services
from .files import CONTENT_TYPES
from .forms import LogoForm, TermsForm, VariantSelectionForm
from .models import Asset, AssetVariant, UsageTerms

TERMS_FIRST = gettext_lazy("Accept the usage terms once; then your download starts.")
TERMS_FOR_THIS_DOWNLOAD = gettext_lazy("Accept the usage terms to download this file.")
TERMS_ACCEPTED = gettext_lazy("The terms are accepted.")
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
            "terms_needed": _terms_needed(request.user, asset),
        },
    )


def _terms_needed(user, asset: Asset) -> str:
    """How the asset page speaks of its terms: each download for visitors without an account,
    once for people who have not accepted them yet, not at all when nothing is to accept."""
    if not asset.usage_terms_id:
        return ""
    if not user.is_authenticated:
        return "each_download"
    return "once" if services.unaccepted_terms(user=user, assets=[asset]) else ""


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
        # Visitors without an account accept the terms for one file at a time (see
        # `download_terms`); several files at once are for people who accept them once.
        return redirect_to_login(back)
    unaccepted = services.unaccepted_terms(user=request.user, assets=assets)
    return _terms_redirect(request, unaccepted[0], back) if unaccepted else None


@require_GET
def variant_download(request, pk):
    variants = selectors.variants_with_assets([pk])
    if not variants:
        raise Http404
    variant = variants[0]
    if not request.user.is_authenticated and variant.asset.usage_terms_id:
        return _anonymous_download(request, variant)
    refused = _download_gate(request, [variant.asset], back=request.get_full_path())
    if refused:
        return refused
    services.downloads_record(user=request.user, variants=[variant])
    return _file_response(variant)


def _anonymous_download(request, variant: AssetVariant):
    """A public file under usage terms, for a visitor without an account: the file when the
    address carries an unused acceptance of the terms for it, the terms otherwise."""
    refusal = services.download_refusal(user=request.user, asset=variant.asset)
    if refusal == services.ASSET_NOT_PUBLISHED:
        raise Http404
    if refusal:
        return _refuse(request, refusal)
    token = query_text(request, "acceptance", max_length=200)
    if token:
        try:
            services.anonymous_download_record(variant=variant, token=token)
        except ValidationError as error:
            messages.info(request, error.messages[0])
        else:
            return _file_response(variant)
    else:
        messages.info(request, TERMS_FOR_THIS_DOWNLOAD)
    return redirect("brand:download_terms", pk=variant.pk)


def _file_response(variant: AssetVariant):
    return private_file_response(
        variant.file,
        filename=_download_name(variant),
        content_type=CONTENT_TYPES.get(variant.file_format, "application/octet-stream"),
        as_attachment=True,
    )


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
        # Back to this page rather than straight on to a file: a download leaves the browser
        # where it was, and the confirmation would wait unseen for whatever page comes next.
        messages.success(request, TERMS_ACCEPTED)
        return redirect(f"{request.path}?{urlencode({'next': next_url})}")
    accepted = services.terms_accepted(user=request.user, terms=usage_terms)
    return render(
        request,
        "brand/terms.html",
        {
            "terms": usage_terms,
            "form": form,
            "next": next_url,
            "next_is_download": _is_download(next_url),
            "accepted": accepted,
        },
    )


def _is_download(url: str) -> bool:
    try:
        return resolve(urlsplit(url).path).view_name == "brand:download"
    except Resolver404:
        return False


@require_http_methods(["GET", "POST"])
def download_terms(request, pk):
    """The usage terms of one public file, for a visitor without an account: accepting them
    (recorded without anything about the visitor) opens one download of that file."""
    variants = selectors.variants_with_assets([pk])
    if not variants or not variants[0].asset.usage_terms_id:
        raise Http404
    variant = variants[0]
    download_url = reverse("brand:download", args=[variant.pk])
    if request.user.is_authenticated:
        # Signed-in people accept the terms once, for every file under them.
        terms_url = reverse("brand:terms", args=[variant.asset.usage_terms_id])
        return redirect(f"{terms_url}?{urlencode({'next': download_url})}")
    refusal = services.download_refusal(user=request.user, asset=variant.asset)
    if refusal == services.ASSET_NOT_PUBLISHED:
        raise Http404
    if refusal:
        return _refuse(request, refusal)
    form = TermsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        acceptance = services.anonymous_terms_accept(variant=variant)
        messages.success(request, TERMS_ACCEPTED)
        token = services.acceptance_token(acceptance)
        return redirect(f"{request.path}?{urlencode({'accepted': token})}")
    token = query_text(request, "accepted", max_length=200)
    accepted_download_url = ""
    if token and request.method == "GET":
        try:
            services.acceptance_for_token(variant=variant, token=token)
        except ValidationError:
            pass
        else:
            accepted_download_url = f"{download_url}?{urlencode({'acceptance': token})}"
    return render(
        request,
        "brand/download_terms.html",
        {
            "terms": variant.asset.usage_terms,
            "variant": variant,
            "asset": variant.asset,
            "form": form,
            "download_url": accepted_download_url,
        },
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


@require_GET
# Kept for each signed-in person, for the header's sake: the body shows only the query and the
# programmes (the content version). Visitors are asked to sign in, as before, never kept.
@kept_for_person()
def logo_generator(request):
    if not request.user.is_authenticated:
        # Say why before asking: the rule is the one `logo_file` applies (any account).
        return render(
            request, "brand/logo_generator_sign_in.html", {"next": request.get_full_path()}
        )
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
