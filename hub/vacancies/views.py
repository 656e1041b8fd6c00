"""Vacancies: the public listing and pages, and the forms programmes keep them with.

The listing and pages are one shared copy for visitors and signed-in people alike, kept until
the next publish and never past the next moment a vacancy closes, which no publish announces:
the listing drops it then, and its page says it is closed.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from hub import access
from portal.core.cache import shared_with_everyone_until
from portal.core.forms import submitted
from portal.core.links import absolute_url
from portal.core.query import query_data, query_page

from . import selectors, services
from .feeds import filter_form, listing_query
from .forms import VacancyForm
from .job_posting import job_posting_script
from .models import Vacancy

PUBLISHED = _("The vacancy is published.")
SAVED = _("Your changes are published.")


def _next_closing(now):
    return selectors.next_closing(now=now)


@require_GET
@shared_with_everyone_until(_next_closing)
def vacancy_list(request):
    form = filter_form(query_data(request))
    filters = form.filters()
    vacancies = selectors.open_vacancies(filters=filters)
    query = listing_query(request)
    suffix = f"?{query}" if query else ""
    return render(
        request,
        "hub/vacancies/vacancy_list.html",
        {
            "filter_form": form,
            "filtered": bool({key for key in filters if key != "sort"}),
            "vacancies": selectors.vacancy_list_page(vacancies, page=query_page(request)),
            "query": query,
            "rss_url": reverse("hub_vacancies:feed_rss") + suffix,
            "atom_url": reverse("hub_vacancies:feed_atom") + suffix,
            "next": request.get_full_path(),
        },
    )


@require_GET
@shared_with_everyone_until(_next_closing)
def vacancy_detail(request, pk, slug):
    vacancy = selectors.vacancy_for_page(pk)
    if vacancy is None:
        raise Http404
    if slug != vacancy.slug:
        return redirect(vacancy.get_absolute_url(), permanent=True)
    is_open = vacancy.is_open(timezone.now())
    return render(
        request,
        "hub/vacancies/vacancy_detail.html",
        {
            "vacancy": vacancy,
            "is_open": is_open,
            "json_ld": job_posting_script(vacancy) if is_open else "",
            "share_url": absolute_url(request.path),
        },
    )


def _form_page(request, form, *, vacancy=None):
    def apply(cleaned):
        values = form.vacancy_values()
        themes = cleaned.get("themes") or []
        if vacancy is None:
            return services.vacancy_create(user=request.user, values=values, themes=themes)
        return services.vacancy_update(
            vacancy=vacancy, user=request.user, values=values, themes=themes
        )

    done = submitted(request, form, apply, success=SAVED if vacancy else PUBLISHED)
    if done is not None:
        return done
    return render(request, "hub/vacancies/vacancy_form.html", {"form": form, "vacancy": vacancy})


def _form(request, instance=None) -> VacancyForm:
    return VacancyForm(
        request.POST or None,
        instance=instance,
        programmes=access.publishing_programmes(request.user),
        publishes_everywhere=access.publishes_everywhere(request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_create(request):
    if not access.may_publish(request.user):
        # Say who publishes and where to ask for it, rather than a bare refusal.
        if request.method == "POST":
            raise PermissionDenied(services.NOT_ALLOWED)
        return render(request, "hub/vacancies/vacancy_form.html", {"refused": services.NOT_ALLOWED})
    return _form_page(request, _form(request))


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_edit(request, pk):
    vacancy = get_object_or_404(Vacancy.objects.select_related("programme"), pk=pk)
    if not services.may_edit(request.user, vacancy):
        raise PermissionDenied(services.NOT_YOUR_PROGRAMME)
    return _form_page(request, _form(request, instance=vacancy), vacancy=vacancy)
