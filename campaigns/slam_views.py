"""Interreg Slam endpoints: applying, the jury's pages, videos, the gallery and vote, results,
the hall of fame and the staff's vote audit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.accounts import roles
from portal.accounts.models import Programme
from portal.core.forms import add_service_errors, submitted
from portal.core.ratelimit import over_limit, too_many_requests

from . import slam_selectors as selectors
from . import slam_services as services
from .models import SlamApplication, SlamEditionPage, SlamPhase
from .slam_forms import ApplicationForm, ReviewForm, VideoForm

VOTES_PER_MINUTE = 20


def _edition(request) -> SlamEditionPage:
    year = request.GET.get("edition") or request.POST.get("edition") or ""
    editions = SlamEditionPage.objects.live()
    edition = (
        editions.filter(year=int(year)).first()
        if year.isdigit()
        else selectors.current_slam_edition()
    )
    if edition is None:
        raise Http404
    return edition


def _closed(request, message, edition, *, status=200):
    return render(
        request, "campaigns/slam/closed.html", {"message": message, "edition": edition},
        status=status,
    )  # fmt: skip


# Applications -----------------------------------------------------------------------------


def _applicant_programmes(user):
    return Programme.objects.filter(
        pk__in={
            programme_id
            for programme_id in roles.staff_programme_ids(user)
            if services.may_apply_for(user, programme_id)
        }
    ).order_by("name")


@login_required
@require_http_methods(["GET", "POST"])
def application_form(request, public_id=None):
    application = None
    if public_id:
        application = get_object_or_404(
            SlamApplication.objects.select_related("edition"),
            public_id=public_id,
            applicant=request.user,
        )
        edition = application.edition
    else:
        edition = _edition(request)
    if not edition.accepts_applications():
        return _closed(request, services.APPLICATIONS_CLOSED, edition)
    programmes = _applicant_programmes(request.user)
    if not programmes.exists():
        return _closed(request, services.NOT_PROGRAMME_APPLICANT, edition)
    form = ApplicationForm(
        request.POST or None, request.FILES or None, instance=application, edition=edition,
        programmes=programmes,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data.get(name) for name in form.Meta.fields
                  if name in form.fields}  # fmt: skip
        try:
            application = services.application_save(
                edition=edition, user=request.user, values=values,
                application=application, photos=form.cleaned_data["photos"],
            )  # fmt: skip
            if request.POST.get("action") == "submit":
                services.application_submit(application=application, user=request.user)
                messages.success(request, _("Your application is submitted. Good luck!"))
            else:
                messages.success(request, _("Your draft is saved; you can finish it later."))
            return redirect("campaigns:slam_my_applications")
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "campaigns/slam/application_form.html",
        {"form": form, "edition": edition, "application": application},
    )


@login_required
@require_GET
def my_applications(request):
    return render(
        request,
        "campaigns/slam/my_applications.html",
        {"applications": selectors.my_applications(user=request.user),
         "edition": selectors.current_slam_edition()},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def video_form(request, public_id):
    application = get_object_or_404(
        SlamApplication.objects.select_related("edition"),
        public_id=public_id,
        applicant=request.user,
    )
    if application.status != SlamApplication.Status.SHORTLISTED:
        return _closed(request, services.VIDEO_NOT_SHORTLISTED, application.edition)
    video = getattr(application, "video", None)
    form = VideoForm(request.POST or None, request.FILES or None, instance=video)

    def save(data):
        services.video_save(
            application=application, user=request.user,
            values={name: data.get(name) for name in form.Meta.fields},
            thumbnail_upload=data.get("thumbnail_file"),
        )  # fmt: skip
        return "campaigns:slam_my_applications"

    done = submitted(request, form, save, success=_("Your video is saved."))
    return done or render(
        request, "campaigns/slam/video_form.html", {"form": form, "application": application}
    )


# Jury --------------------------------------------------------------------------------------


def _juror_or_refuse(request, edition):
    if services.juror_of(edition, request.user) is None and not roles.is_site_staff(request.user):
        raise PermissionDenied(services.NOT_A_JUROR)


@login_required
@require_GET
def jury_queue(request):
    edition = _edition(request)
    _juror_or_refuse(request, edition)
    return render(
        request,
        "campaigns/slam/jury_queue.html",
        {
            "edition": edition,
            "applications": selectors.jury_queue(edition=edition, juror=request.user),
            "is_chair": services.is_chair(edition, request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def jury_review(request, public_id):
    application = get_object_or_404(
        SlamApplication.objects.select_related("edition", "programme", "category"),
        public_id=public_id,
    )
    edition = application.edition
    _juror_or_refuse(request, edition)
    if not selectors.assigned(application=application, juror=request.user):
        raise PermissionDenied(services.NOT_ASSIGNED)
    criteria = list(edition.criteria.all())
    review = application.reviews.filter(juror=request.user).prefetch_related("scores").first()
    initial = {}
    if review is not None:
        initial = {"conflict": review.conflict_of_interest, "comment": review.comment}
        initial.update(
            {f"score_{score.criterion_id}": score.score for score in review.scores.all()}
        )
    form = ReviewForm(request.POST or None, initial=initial, criteria=criteria)
    if review is not None and review.conflict_of_interest:
        form = None  # the juror stepped aside: nothing more to record
    else:

        def save(data):
            services.review_save(
                application=application, juror=request.user, scores=form.scores(),
                comment=data["comment"], conflict=data["conflict"],
            )  # fmt: skip
            return reverse("campaigns:slam_jury") + f"?edition={edition.year}"

        done = submitted(request, form, save, success=_("Your review is saved."))
        if done:
            return done
    return render(
        request,
        "campaigns/slam/jury_review.html",
        {
            "application": application,
            "edition": edition,
            "form": form,
            "blind": edition.blind_review,
            "photos": application.photos.select_related("image"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def jury_ranking(request):
    edition = _edition(request)
    if not services.is_chair(edition, request.user):
        raise PermissionDenied(services.NOT_THE_CHAIR)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "assign":
                added = services.jury_assign(edition=edition)
                messages.success(request, _("%(count)s assignments added.") % {"count": added})
            elif request.POST.get("action") == "finalists":
                awards = {
                    int(key.removeprefix("award_")): value
                    for key, value in request.POST.items()
                    if key.startswith("award_") and value in SlamApplication.Award.values
                }
                services.finalists_set(
                    edition=edition, chair=request.user,
                    finalist_ids=request.POST.getlist("finalist"), awards=awards,
                )  # fmt: skip
                messages.success(request, _("Finalists saved; they receive their certificates."))
            else:
                count = services.shortlist_set(
                    edition=edition, chair=request.user,
                    shortlisted_ids=request.POST.getlist("shortlisted"),
                )  # fmt: skip
                messages.success(
                    request, _("Shortlist saved: %(count)s newly shortlisted.") % {"count": count}
                )
        except (ValueError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(reverse("campaigns:slam_ranking") + f"?edition={edition.year}")
    rows = selectors.ranking(edition=edition)
    return render(
        request,
        "campaigns/slam/jury_ranking.html",
        {
            "edition": edition,
            "rows": rows,
            "shortlisted": [row for row in rows if row.application.is_shortlisted],
            "awards": SlamApplication.Award.choices,
        },
    )


# Gallery, vote, results --------------------------------------------------------------------


@require_GET
def gallery(request):
    edition = _edition(request)
    phase = edition.phase()
    if phase not in (SlamPhase.VOTING, SlamPhase.VOTE_CLOSED, SlamPhase.RESULTS):
        return _closed(request, _("The gallery opens with the public vote."), edition)
    show_counts = edition.vote_has_closed() or edition.show_live_counts
    entries = selectors.gallery(
        edition=edition, category=request.GET.get("category") or None,
        page=request.GET.get("page", 1), show_counts=show_counts,
    )  # fmt: skip
    return render(
        request,
        "campaigns/slam/gallery.html",
        {
            "edition": edition,
            "entries": entries,
            "vote_open": edition.vote_is_open(),
            "show_counts": show_counts,
            "my_votes": selectors.my_votes(edition=edition, user=request.user),
            "categories": list(edition.categories.all()),
        },
    )


@login_required
@require_POST
def vote(request, public_id):
    application = get_object_or_404(
        SlamApplication.objects.select_related("edition"), public_id=public_id
    )
    edition = application.edition
    if over_limit(request, action="slam-vote", limit=VOTES_PER_MINUTE, window_seconds=60):
        return too_many_requests(request)
    try:
        services.vote_cast(edition=edition, user=request.user, application=application)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Your vote for %(project)s is counted. You can change it until the vote closes.")
            % {"project": application.project_name},
        )
    return redirect(reverse("campaigns:slam_gallery") + f"?edition={edition.year}#entries")


@require_GET
def results(request, year):
    edition = get_object_or_404(SlamEditionPage.objects.live(), year=year)
    if not edition.vote_has_closed():
        return _closed(request, services.RESULTS_NOT_YET, edition)
    rows = selectors.results(edition=edition)
    return render(
        request,
        "campaigns/slam/results.html",
        {
            "edition": edition,
            "rows": rows,
            "winners": [row for row in rows if row.application.award],
            "finalists": [row for row in rows if row.application.is_finalist],
            "public_weight": 100 - edition.jury_weight,
            "announced": edition.phase() == SlamPhase.RESULTS,
        },
    )


@require_GET
def hall_of_fame(request):
    year = request.GET.get("year", "")
    theme = request.GET.get("theme", "")[:100]
    return render(
        request,
        "campaigns/slam/hall_of_fame.html",
        {
            "editions": selectors.hall_of_fame(
                year=int(year) if year.isdigit() else None, theme=theme
            ),
            "filters": selectors.hall_of_fame_filters(),
            "year": year,
            "theme": theme,
        },
    )


def vote_audit(request, year=None):
    """Staff only (admin URL): how the votes came in, to spot stuffing before results."""
    if not roles.is_site_staff(request.user):
        raise PermissionDenied
    if year is None:
        edition = SlamEditionPage.objects.order_by("-year").first()
        if edition is None:
            raise Http404
    else:
        edition = get_object_or_404(SlamEditionPage, year=year)
    return render(
        request,
        "campaigns/admin/slam_audit.html",
        {
            "edition": edition,
            "header_title": _("Slam %(year)s: vote audit") % {"year": edition.year},
            **selectors.vote_audit(edition=edition),
        },
    )
