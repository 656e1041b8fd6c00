from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import roles, selectors, services
from .forms import AffiliationDecisionForm, AffiliationRequestForm, ProgrammeFilterForm
from .models import Affiliation, Programme


@require_GET
def programme_list(request):
    form = ProgrammeFilterForm(
        request.GET or None, country_choices=selectors.programme_country_choices()
    )
    filters = form.cleaned_data if form.is_valid() else {}
    page = selectors.programme_list_for_directory(
        query=filters.get("q", ""),
        strand=filters.get("strand", ""),
        country=filters.get("country", ""),
        page=request.GET.get("page", 1),
    )
    return render(request, "accounts/programme_list.html", {"form": form, "programmes": page})


@require_GET
def programme_detail(request, slug):
    programme = get_object_or_404(Programme.objects.select_related("logo"), slug=slug)
    return render(
        request,
        "accounts/programme_detail.html",
        {
            "programme": programme,
            "staff": selectors.programme_listed_staff(programme=programme),
            "may_handle_requests": roles.is_programme_admin(request.user, programme),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
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
        {"programme": programme, "requests": requests},
    )
