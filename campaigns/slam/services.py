"""Interreg Slam writes: applications, jury reviews, shortlist and finalists, videos, votes.
Every phase rule is checked here, on the server, with a message the person can act on."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from academy.models import Certificate
from academy.services import certificate_issue
from campaigns.images import image_store
from portal.core.cache import content_changed
from portal.core.languages import language_of
from portal.core.links import absolute_url
from portal.notifications.services import email_from_templates

from . import access
from .access import NOT_PROGRAMME_APPLICANT, NOT_THE_CHAIR
from .jury_versions import jury_changed
from .models import (
    CAPTIONS_LANGUAGE_NEEDED,
    CAPTIONS_NEEDED,
    SlamApplication,
    SlamApplicationPhoto,
    SlamAssignment,
    SlamJuror,
    SlamReview,
    SlamScore,
    SlamVideo,
    SlamVote,
)

Status = SlamApplication.Status
PHOTOS_COLLECTION = "Interreg Slam"

APPLICATIONS_CLOSED = _("Applications for this edition are closed.")
APPLICATION_TWICE = _("This project already has an application in this edition.")
APPLICATION_NEEDED = _("Needed before you submit the application.")
SHORTLIST_TOO_EARLY = _("The shortlist is decided once applications have closed.")
FINALISTS_TOO_EARLY = _("Finalists are chosen once the public vote has closed.")
SCORE_EVERY_CRITERION = _("Give a score from 0 to 10 for every criterion.")
CONFLICT_DECLARED = _(
    "You declared a conflict of interest with this project, so you no longer review it."
)
JURY_CLOSED = _("The jury's review closes when the shortlist is announced.")
VIDEO_NOT_SHORTLISTED = _("Only shortlisted projects submit a video.")
VIDEOS_CLOSED = _("Videos can be submitted until the vote opens.")
VIDEO_NEEDED = _("Give a YouTube or Vimeo address or upload the video file.")
VOTE_NOT_OPEN = _("The public vote is not open.")
RESULTS_NOT_YET = _("The results are published once the vote has closed.")
VIDEO_FILE_FIELDS = ("file", "captions")
REQUIRED_TO_SUBMIT = ("story", "theme_fit", "contact_name", "contact_email")


def _url(name, *args) -> str:
    return absolute_url(reverse(name, args=args))


def _tell_applicant(application, template: str, **links) -> None:
    """In the applicant's language; `links` are view names and arguments of the links the
    e-mail gives (`video_url=("slam:video", public_id)`), made in that language. Without an
    applicant account left, in the language the application is written in."""
    recipients = {application.contact_email}
    language = application.language
    if application.applicant is not None:
        recipients.add(application.applicant.email)
        language = language_of(application.applicant)
    with translation.override(language):
        email_from_templates(
            template=f"slam/email/{template}",
            to=sorted(address for address in recipients if address),
            context={
                "application": application,
                "edition": application.edition,
                "applications_url": _url("slam:my_applications"),
                **{name: _url(*link) for name, link in links.items()},
            },
            language=language,
        )


# Applications -----------------------------------------------------------------------------


def application_save(*, edition, user, values: dict, application=None, photos=()):
    """Create or update a draft (or a submitted application, until the deadline)."""
    if not edition.accepts_applications():
        raise ValidationError(APPLICATIONS_CLOSED, code="closed")
    if application is not None and not access.is_applicant(user, application):
        raise PermissionDenied
    programme = values.get("programme") or (application.programme if application else None)
    if programme is None or not access.may_apply_for(user, programme):
        raise ValidationError({"programme": NOT_PROGRAMME_APPLICANT}, code="not_applicant")
    if application is None:
        application = SlamApplication(edition=edition, applicant=user)
    for name, value in values.items():
        setattr(application, name, value)
    application.full_clean(exclude=["edition", "applicant"], validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
            for number, uploaded in enumerate(photos, start=1):
                image = image_store(
                    uploaded=uploaded,
                    title=f"{application.project_acronym} — {number}",
                    user=user,
                    collection=PHOTOS_COLLECTION,
                )
                SlamApplicationPhoto.objects.create(application=application, image=image)
    except IntegrityError:
        raise ValidationError({"project_acronym": APPLICATION_TWICE}, code="twice") from None
    return application


def application_submit(*, application, user):
    if not access.is_applicant(user, application):
        raise PermissionDenied
    if not application.edition.accepts_applications():
        raise ValidationError(APPLICATIONS_CLOSED, code="closed")
    missing = {
        name: APPLICATION_NEEDED for name in REQUIRED_TO_SUBMIT if not getattr(application, name)
    }
    if missing:
        raise ValidationError(missing, code="incomplete")
    if application.status == Status.DRAFT:
        application.status = Status.SUBMITTED
        application.submitted_at = timezone.now()
        application.save(update_fields=["status", "submitted_at", "updated_at"])
        _tell_applicant(application, "submitted")
    return application


# Jury --------------------------------------------------------------------------------------


def jury_assign(*, edition, per_application: int = 3) -> int:
    """Share the submitted applications among the jurors, each read by `per_application`
    of them (all of them if the jury is smaller); returns the assignments added."""
    jurors = list(
        SlamJuror.objects.filter(edition=edition)
        .order_by("sort_order", "pk")
        .values_list("user_id", flat=True)
    )
    if not jurors:
        return 0
    readers = min(per_application, len(jurors))
    applications = edition.applications.exclude(status=Status.DRAFT).order_by("pk")
    existing = set(
        SlamAssignment.objects.filter(application__edition=edition).values_list(
            "application_id", "juror_id"
        )
    )
    added = []
    for index, application_id in enumerate(applications.values_list("pk", flat=True)):
        for offset in range(readers):
            juror_id = jurors[(index + offset) % len(jurors)]
            if (application_id, juror_id) not in existing:
                added.append(SlamAssignment(application_id=application_id, juror_id=juror_id))
    SlamAssignment.objects.bulk_create(added, ignore_conflicts=True)
    if added:
        jury_changed()  # bulk_create sends no signal
    return len(added)


def _weighted_total(criteria, scores: dict[int, int]) -> Decimal:
    weights = sum(criterion.weight for criterion in criteria)
    points = sum(criterion.weight * scores[criterion.pk] for criterion in criteria)
    total = Decimal(100 * points) / Decimal(10 * weights)
    return total.quantize(Decimal("0.01"), ROUND_HALF_UP)


def review_save(*, application, juror, scores: dict, comment: str = "", conflict=False):
    """Record a juror's scores (0-10 per criterion) and comment, or their conflict of interest,
    which takes them out of this application's ranking."""
    edition = application.edition
    refusal = access.review_refusal(juror, application)
    if refusal:
        raise PermissionDenied(refusal)
    if timezone.now() >= edition.shortlist_announced:
        raise ValidationError(JURY_CLOSED, code="closed")
    criteria = list(edition.criteria.all())
    with transaction.atomic():
        review, _created = SlamReview.objects.select_for_update().get_or_create(
            application=application, juror=juror
        )
        if review.conflict_of_interest:
            raise ValidationError(CONFLICT_DECLARED, code="conflict")
        review.comment = comment.strip()
        review.conflict_of_interest = conflict
        review.scores.all().delete()
        if conflict:
            review.total = None
        else:
            if any(
                not isinstance(scores.get(criterion.pk), int) or not 0 <= scores[criterion.pk] <= 10
                for criterion in criteria
            ):
                raise ValidationError(SCORE_EVERY_CRITERION, code="scores")
            SlamScore.objects.bulk_create(
                SlamScore(review=review, criterion=criterion, score=scores[criterion.pk])
                for criterion in criteria
            )
            review.total = _weighted_total(criteria, scores)
        review.save()
    return review


def shortlist_set(*, edition, chair, shortlisted_ids) -> int:
    """Shortlist the chosen applications; the other submitted ones are told they were not."""
    if not access.is_chair(edition, chair):
        raise PermissionDenied(NOT_THE_CHAIR)
    if timezone.now() < edition.applications_close:
        raise ValidationError(SHORTLIST_TOO_EARLY, code="too_early")
    chosen = {int(pk) for pk in shortlisted_ids}
    changed = []
    with transaction.atomic():
        for application in edition.applications.exclude(status=Status.DRAFT).select_related(
            "applicant", "edition"
        ):
            status = Status.SHORTLISTED if application.pk in chosen else Status.NOT_SHORTLISTED
            if application.status != status:
                application.status = status
                application.save(update_fields=["status", "updated_at"])
                changed.append(application)
        # Programmes' pages list the shortlisted films once the vote opens.
        transaction.on_commit(content_changed)
    for application in changed:
        if application.status == Status.SHORTLISTED:
            _tell_applicant(
                application, "shortlisted", video_url=("slam:video", application.public_id)
            )
        else:
            _tell_applicant(application, "not_shortlisted")
    return sum(application.status == Status.SHORTLISTED for application in changed)


def finalists_set(*, edition, chair, finalist_ids, awards: dict) -> list:
    """Mark the finalists (they receive a coaching certificate) and the awards."""
    if not access.is_chair(edition, chair):
        raise PermissionDenied(NOT_THE_CHAIR)
    if not edition.vote_has_closed():
        raise ValidationError(FINALISTS_TOO_EARLY, code="too_early")
    chosen = {int(pk) for pk in finalist_ids}
    certificates = []
    with transaction.atomic():
        # Programmes' pages name their finalists and winners.
        transaction.on_commit(content_changed)
        for application in edition.applications.filter(status=Status.SHORTLISTED).select_related(
            "applicant", "edition"
        ):
            application.is_finalist = application.pk in chosen
            application.award = awards.get(application.pk, "") if application.is_finalist else ""
            application.save(update_fields=["is_finalist", "award", "updated_at"])
            if application.is_finalist and application.applicant is not None:
                certificates.append(
                    certificate_issue(
                        kind=Certificate.Kind.SLAM_COACHING,
                        source_key=f"slam:{edition.year}:finalist:{application.pk}",
                        holder=application.applicant,
                        title=str(
                            _("Interreg Slam %(year)s finalist coaching: %(project)s")
                            % {"year": edition.year, "project": application.project_acronym}
                        ),
                        completed_on=timezone.localdate(),
                    )
                )
    for application in edition.applications.filter(pk__in=chosen):
        _tell_applicant(application, "finalist")
    return certificates


# Videos ------------------------------------------------------------------------------------


def video_save(*, application, user, values: dict, thumbnail_upload=None) -> SlamVideo:
    """Save a shortlisted project's film: a link, or an uploaded file with its captions (in a
    named language) unless the uploader declares that nobody speaks in it."""
    if not access.is_applicant(user, application):
        raise PermissionDenied
    if application.status != Status.SHORTLISTED:
        raise ValidationError(VIDEO_NOT_SHORTLISTED, code="not_shortlisted")
    if timezone.now() >= application.edition.vote_opens:
        raise ValidationError(VIDEOS_CLOSED, code="closed")
    video = SlamVideo.objects.filter(application=application).first() or SlamVideo(
        application=application
    )
    for name, value in values.items():
        if value is False and name in VIDEO_FILE_FIELDS:
            value = ""  # the form's "Clear" box
        if value is not None:
            setattr(video, name, value)
    if not video.video_url and not video.file:
        raise ValidationError({"video_url": VIDEO_NEEDED}, code="no_video")
    if video.file and not video.captions and not video.no_speech:
        raise ValidationError({"captions": CAPTIONS_NEEDED}, code="no_captions")
    if video.captions and not video.captions_language:
        raise ValidationError({"captions_language": CAPTIONS_LANGUAGE_NEEDED}, code="no_language")
    if thumbnail_upload:
        video.thumbnail = image_store(
            uploaded=thumbnail_upload,
            title=f"{application.project_acronym} video",
            user=user,
            collection=PHOTOS_COLLECTION,
        )
    video.full_clean(exclude=["application"])
    video.save()
    return video


# The public vote ---------------------------------------------------------------------------


def vote_refusal(*, edition, user, application) -> str | None:
    """Why `user` may not vote for `application` now; None when they may."""
    if not edition.vote_is_open():
        return VOTE_NOT_OPEN
    return access.voter_refusal(user, edition=edition, application=application)


def vote_cast(*, edition, user, application) -> SlamVote:
    """Vote, or move one's vote to another project; one vote per person and category is held
    by the database's unique constraint, so simultaneous requests cannot add a second."""
    refusal = vote_refusal(edition=edition, user=user, application=application)
    if refusal:
        raise ValidationError(refusal, code="refused")
    key = str(application.category_id or "") if edition.categories.exists() else ""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                vote, _created = SlamVote.objects.update_or_create(
                    edition=edition,
                    category_key=key,
                    voter=user,
                    defaults={"application": application},
                )
                return vote
        except IntegrityError:
            continue  # another request created it first: update that one
    raise ValidationError(VOTE_NOT_OPEN, code="busy")
