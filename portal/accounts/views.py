from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from brand import selectors as brand_selectors
from hub.sections import programme_sections_change_at, programme_sections_with
from portal.core.cache import kept_for_person, shared_with_everyone, shared_with_everyone_until
from portal.core.query import query_form, query_page

from . import gdpr, roles, selectors, services
from .forms import (
    AccountDeleteForm,
    AffiliationDecisionForm,
    AffiliationRequestForm,
    ProfileForm,
    ProgrammeFilterForm,
)
from .models import Affiliation, Profile, Programme, User
from .personas import PERSONAS_BY_KEY, personas_enabled
from .profile_versions import profile_versions

PERSONA_MISSING = gettext_lazy(
    "%(name)s is not in this database yet: load the demo with “manage.py seed_demo”."
)


@require_GET
@shared_with_everyone
def programme_list(request):
    form = query_form(
        ProgrammeFilterForm, request, country_choices=selectors.programme_country_choices()
    )
    filters = form.cleaned_data if form.is_valid() else {}
    page = selectors.programme_list_for_directory(
        query=filters.get("q", ""),
        strand=filters.get("strand", ""),
        country=filters.get("country", ""),
        page=query_page(request),
    )
    return render(request, "accounts/programme_list.html", {"form": form, "programmes": page})


@require_GET
@shared_with_everyone_until(programme_sections_change_at)
def programme_detail(request, slug):
    """The programme's home in the portal: who it is, how to reach it, and what every part
    of the portal holds for it (hub.sections), in the order the parts registered. Visitors
    and signed-in people share it until the next publish or until a section changes by the
    clock; the link to handle affiliation requests is a piece, for the programme's admins."""
    programme = selectors.programme_for_page(slug=slug)
    if programme is None:
        raise Http404
    # The sections' rows and the listed staff, in one query.
    sections, (staff,) = programme_sections_with(
        programme, request, selectors.programme_listed_staff(programme=programme)
    )
    brand_logo = brand_selectors.programme_logo(programme=programme)
    if brand_logo is None:  # the programme's own image is shown instead
        selectors.read_logo_rendition(programme)
    return render(
        request,
        "accounts/programme_detail.html",
        {
            "programme": programme,
            "brand_logo": brand_logo,
            "staff": staff,
            "sections": sections,
            "contents": [section for section in sections if section.title],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
# Their affiliations (pending and withdrawn ones too) change their identity version, the
# programmes offered the content version: both are in every kept copy's key already. A POST,
# and so a form with errors, is never kept.
@kept_for_person()
def affiliation_list(request):
    form = AffiliationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.affiliation_request(
                user=request.user,
                programme=form.cleaned_data["programme"],
                function=form.cleaned_data["function"],
                listed=form.cleaned_data["listed"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request was sent to the programme for approval."))
            return redirect("accounts:affiliations")
    return render(
        request,
        "accounts/affiliation_list.html",
        {"form": form, "affiliations": selectors.affiliations_of(user=request.user)},
    )


@login_required
@require_POST
def affiliation_withdraw(request, pk):
    affiliation = get_object_or_404(Affiliation, pk=pk, user=request.user)
    services.affiliation_withdraw(affiliation=affiliation, user=request.user)
    messages.success(request, _("The affiliation was removed."))
    return redirect("accounts:affiliations")


@login_required
@require_http_methods(["GET", "POST"])
def programme_requests(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    if not roles.is_programme_admin(request.user, programme):
        raise PermissionDenied
    failed_form, failed_pk = None, None
    if request.method == "POST":
        affiliation = get_object_or_404(
            Affiliation, pk=request.POST.get("affiliation"), programme=programme
        )
        form = AffiliationDecisionForm(request.POST, auto_id=f"a{affiliation.pk}_%s")
        if form.is_valid():
            try:
                services.affiliation_decide(
                    affiliation=affiliation,
                    decided_by=request.user,
                    approve=form.cleaned_data["decision"] == "approve",
                    message=form.cleaned_data["message"],
                )
            except ValidationError as error:
                form.add_error(None, error)  # a dict of field errors lands on its fields
            else:
                messages.success(
                    request,
                    _("Your decision was sent to %(person)s.")
                    % {"person": affiliation.user.display_name},
                )
                return redirect("accounts:programme_requests", slug=programme.slug)
        failed_form, failed_pk = form, affiliation.pk
    requests = [
        (
            affiliation,
            failed_form
            if affiliation.pk == failed_pk
            else AffiliationDecisionForm(auto_id=f"a{affiliation.pk}_%s"),
        )
        for affiliation in selectors.pending_requests_for(programme=programme)
    ]
    return render(
        request,
        "accounts/programme_requests.html",
        {"programme": programme, "requests": requests, "failed_form": failed_form},
    )


@login_required
@require_http_methods(["GET", "POST"])
@kept_for_person(profile_versions)  # a POST, and so a form with errors, is never kept
def profile_edit(request):
    profile = services.profile_for(request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.profile_update(form=form)
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile_form.html", {"form": form, "profile": profile})


@require_GET
def profile_public(request, public_id):
    profile = get_object_or_404(Profile.objects.select_related("user"), public_id=public_id)
    is_owner = request.user.is_authenticated and profile.user_id == request.user.pk
    if not (profile.is_public or is_owner):
        raise Http404
    return render(
        request,
        "accounts/profile_public.html",
        {
            "profile": profile,
            "is_owner": is_owner,
            "affiliations": selectors.listed_affiliations_of(user=profile.user),
        },
    )


@login_required
@require_GET
def my_data(request):
    return render(
        request, "accounts/my_data.html", {"delete_form": AccountDeleteForm(user=request.user)}
    )


@login_required
@require_GET
def my_data_export(request):
    data = gdpr.export_user_data(request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    filename = f"interreg-portal-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.account_delete(user=user)
        messages.success(request, _("Your account and your personal data were deleted."))
        return redirect("/")
    return render(request, "accounts/account_delete.html", {"form": form})


@require_POST
def persona_sign_in(request, key):
    """Development only: sign in as one of the demo's personas, who have no password."""
    persona = PERSONAS_BY_KEY.get(key)
    if persona is None or not personas_enabled():
        raise Http404
    user = User.objects.filter(email__iexact=persona.email, is_active=True).first()
    if user is None:
        messages.error(request, PERSONA_MISSING % {"name": persona.name})
        return redirect("account_login")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(persona.lands_on)
