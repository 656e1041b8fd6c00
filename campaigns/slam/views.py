"""Interreg Slam endpoints: applying, the jury's pages, videos, the gallery and vote, results,
the hall of fame and the staff's vote audit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from campaigns.drafts import draft_save_and_submit, submitting
from portal.accounts import roles
from portal.accounts.models import Programme
from portal.core.cache import PERSONAL_COPY_UNTIL, kept_for_person
from portal.core.forms import submitted
from portal.core.page_languages import originals
from portal.core.query import parse_int, query_int, query_page, query_text
from portal.core.ratelimit import over_limit, too_many_requests

from . import access, jury_versions, selectors, services
from .forms import ApplicationForm, ReviewForm, VideoForm
from .models import SlamApplication, SlamEditionPage, SlamPhase
from .sharing import serve_shared_until_next_phase

VOTES_PER_MINUTE = 20
APPLICATION_SUBMITTED = gettext_lazy("Your application is submitted. Good luck!")
DRAFT_SAVED = gettext_lazy("Your draft is saved; you can finish it later.")
SUBMIT_INCOMPLETE = gettext_lazy(
    "Your draft is saved, but it cannot be submitted yet: see the fields below."
)


def _edition(request) -> SlamEditionPage:
    year = query_int(request, "edition", minimum=1) or parse_int(
        request.POST.get("edition"), minimum=1
    )
    editions = originals(SlamEditionPage.objects.live())
    edition = editions.filter(year=year).first() if year else selectors.current_edition()
    if edition is None:
        raise Http404
    return edition


def _closed(request, message, edition, *, status=200):
    return render(
        request, "slam/closed.html", {"message": message, "edition": edition}, status=status
    )


# Applications -----------------------------------------------------------------------------


def _applicant_programmes(user):
    return Programme.objects.filter(
        pk__in={
            programme_id
            for programme_id in roles.staff_programme_ids(user)
            if access.may_apply_for(user, programme_id)
        }
    ).order_by("name")


def _application_url(application: SlamApplication) -> str:
    return reverse("slam:application_edit", args=[application.public_id])


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
        return _closed(request, access.NOT_PROGRAMME_APPLICANT, edition)
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        instance=application,
        edition=edition,
        programmes=programmes,
    )
    if request.method == "POST" and form.is_valid():

        def save(data):
            return services.application_save(
                edition=edition,
                user=request.user,
                values={name: data.get(name) for name in form.Meta.fields if name in form.fields},
                application=application,
                photos=data["photos"],
            )

        draft, done, earlier_url = draft_save_and_submit(
            request,
            form,
            save=save,
            submit=lambda draft: services.application_submit(application=draft, user=request.user),
            result_url=_application_url if application is None else None,
        )
        if earlier_url:  # the same form sent again: its application exists already
            return redirect(earlier_url)
        if done:
            messages.success(request, APPLICATION_SUBMITTED if submitting(request) else DRAFT_SAVED)
            return redirect("slam:my_applications")
        if draft is not None:
            application = draft
            messages.warning(request, SUBMIT_INCOMPLETE)
    return render(
        request,
        "slam/application_form.html",
        {"form": form, "edition": edition, "application": application},
    )


@login_required
@require_GET
def my_applications(request):
    return render(
        request,
        "slam/my_applications.html",
        {
            "applications": selectors.my_applications(user=request.user),
            "edition": selectors.current_edition(),
        },
    )


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
            application=application,
            user=request.user,
            values={name: data.get(name) for name in form.Meta.fields},
            thumbnail_upload=data.get("thumbnail_file"),
        )
        return "slam:my_applications"

    done = submitted(request, form, save, success=_("Your video is saved."))
    return done or render(
        request, "slam/video_form.html", {"form": form, "application": application}
    )


# Jury --------------------------------------------------------------------------------------


def _juror_or_refuse(request, edition):
    if not access.may_open_jury(request.user, edition):
        raise PermissionDenied(access.NOT_A_JUROR)


def _until_next_phase(response, edition, now):
    # The jury's pages are kept for each juror (jury_versions); a copy lasts no later than the
    # edition's next phase, found before the page read anything.
    setattr(response, PERSONAL_COPY_UNTIL, edition.next_phase_starts(now))
    return response


@login_required
@require_GET
@kept_for_person(jury_versions.jury_versions)
def jury_queue(request):
    now = timezone.now()
    edition = _edition(request)
    _juror_or_refuse(request, edition)
    response = render(
        request,
        "slam/jury_queue.html",
        {
            "edition": edition,
            "applications": selectors.jury_queue(
                edition=edition, juror=request.user, page_number=query_page(request)
            ),
            "is_chair": access.is_chair(edition, request.user),
        },
    )
    return _until_next_phase(response, edition, now)


@login_required
@require_http_methods(["GET", "POST"])
def jury_review(request, public_id):
    application = get_object_or_404(
        SlamApplication.objects.select_related("edition", "programme", "category", "project"),
        public_id=public_id,
    )
    edition = application.edition
    _juror_or_refuse(request, edition)
    if not access.is_assigned(request.user, application):
        raise PermissionDenied(access.NOT_ASSIGNED)
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
                application=application,
                juror=request.user,
                scores=form.scores(),
                comment=data["comment"],
                conflict=data["conflict"],
            )
            return reverse("slam:jury") + f"?edition={edition.year}"

        done = submitted(request, form, save, success=_("Your review is saved."))
        if done:
            return done
    return render(
        request,
        "slam/jury_review.html",
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
@kept_for_person(jury_versions.jury_versions)
def jury_ranking(request):
    now = timezone.now()
    edition = _edition(request)
    if not access.is_chair(edition, request.user):
        raise PermissionDenied(access.NOT_THE_CHAIR)
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
                    edition=edition,
                    chair=request.user,
                    finalist_ids=request.POST.getlist("finalist"),
                    awards=awards,
                )
                messages.success(request, _("Finalists saved; they receive their certificates."))
            else:
                count = services.shortlist_set(
                    edition=edition,
                    chair=request.user,
                    shortlisted_ids=request.POST.getlist("shortlisted"),
                )
                messages.success(
                    request, _("Shortlist saved: %(count)s newly shortlisted.") % {"count": count}
                )
        except (ValueError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect(reverse("slam:ranking") + f"?edition={edition.year}")
    rows = selectors.ranking(edition=edition)
    response = render(
        request,
        "slam/jury_ranking.html",
        {
            "edition": edition,
            "rows": rows,
            "shortlisted": [row for row in rows if row.application.is_shortlisted],
            "awards": SlamApplication.Award.choices,
        },
    )
    return _until_next_phase(response, edition, now)


# Gallery, vote, results --------------------------------------------------------------------


@require_GET
def gallery(request):
    edition = _edition(request)
    phase = edition.phase()
    if phase not in (SlamPhase.VOTING, SlamPhase.VOTE_CLOSED, SlamPhase.RESULTS):
        return serve_shared_until_next_phase(
            request,
            lambda: _closed(request, _("The gallery opens with the public vote."), edition),
            shown_edition=lambda: edition,
        )
    show_counts = edition.vote_has_closed() or edition.show_live_counts
    # Counts shown while the vote is open change with every vote: that page is never shared.
    if show_counts and edition.vote_is_open():
        return _gallery_page(request, edition, show_counts)
    return serve_shared_until_next_phase(
        request,
        lambda: _gallery_page(request, edition, show_counts),
        shown_edition=lambda: edition,
    )


def _gallery_page(request, edition, show_counts: bool):
    entries = selectors.gallery(
        edition=edition,
        category=query_int(request, "category", minimum=1),
        page=query_page(request),
        show_counts=show_counts,
    )
    return render(
        request,
        "slam/gallery.html",
        {
            "edition": edition,
            "entries": entries,
            "vote_open": edition.vote_is_open(),
            "show_counts": show_counts,
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
    return redirect(reverse("slam:gallery") + f"?edition={edition.year}#entries")


@require_GET
def results(request, year):
    edition = get_object_or_404(originals(SlamEditionPage.objects.live()), year=year)
    if not edition.vote_has_closed():
        return _closed(request, services.RESULTS_NOT_YET, edition)
    rows = selectors.results(edition=edition)
    return render(
        request,
        "slam/results.html",
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
    year = query_int(request, "year", minimum=1)
    theme = query_text(request, "theme", max_length=100)
    return render(
        request,
        "slam/hall_of_fame.html",
        {
            "editions": selectors.hall_of_fame(year=year, theme=theme),
            "filters": selectors.hall_of_fame_filters(),
            "year": str(year or ""),
            "theme": theme,
        },
    )
