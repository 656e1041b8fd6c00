"""Who may do what in the Interreg Slam: apply, sit on the jury, chair it, vote, audit votes."""

from django.utils.translation import gettext_lazy as _

from portal.accounts import roles
from portal.accounts.models import Affiliation

from .models import SlamApplication, SlamAssignment, SlamJuror

# A programme's managing authority or joint secretariat puts its project forward.
APPLICANT_FUNCTIONS = (
    Affiliation.Function.MANAGING_AUTHORITY,
    Affiliation.Function.JOINT_SECRETARIAT,
)
NOT_PROGRAMME_APPLICANT = _(
    "Only the managing authority or joint secretariat of the project's programme can apply "
    "for it: ask for that affiliation in your profile."
)
NOT_A_JUROR = _("Only this edition's jury can open the jury pages.")
NOT_THE_CHAIR = _("Only the jury's chair can decide the shortlist and the finalists.")
NOT_ASSIGNED = _("This application is not assigned to you.")
VOTE_NEEDS_VERIFIED_EMAIL = _("Confirm your e-mail address before you vote.")
VOTE_NOT_A_CANDIDATE = _("You can only vote for a shortlisted project of this edition.")
VOTE_OWN_PROGRAMME = _("The rules do not allow votes for projects of your own programme.")


def may_apply_for(user, programme) -> bool:
    return roles.has_any_function(user, APPLICANT_FUNCTIONS, programme)


def is_applicant(user, application) -> bool:
    """Only the person who started an application changes it or gives its video."""
    return getattr(user, "pk", None) == application.applicant_id


def juror_of(edition, user) -> SlamJuror | None:
    """The person's seat on the edition's jury, asked once per edition object (a request's:
    the jury pages ask whether they may open and whether the juror chairs)."""
    if not getattr(user, "is_authenticated", False):
        return None
    seats = edition.__dict__.setdefault("_juror_seats", {})
    if user.pk not in seats:
        seats[user.pk] = SlamJuror.objects.filter(edition=edition, user=user).first()
    return seats[user.pk]


def may_open_jury(user, edition) -> bool:
    """The jury pages: the edition's jurors, and site staff."""
    return juror_of(edition, user) is not None or roles.is_site_staff(user)


def is_chair(edition, user) -> bool:
    juror = juror_of(edition, user)
    return (juror is not None and juror.is_chair) or roles.is_site_staff(user)


def is_assigned(user, application) -> bool:
    return SlamAssignment.objects.filter(application=application, juror=user).exists()


def review_refusal(user, application) -> str | None:
    """Why `user` may not review `application`; None when it is assigned to them as a juror."""
    if juror_of(application.edition, user) is None:
        return NOT_A_JUROR
    if not is_assigned(user, application):
        return NOT_ASSIGNED
    return None


def voter_refusal(user, *, edition, application) -> str | None:
    """Why `user` may not vote for `application` in `edition`, whatever the phase; None when
    they may."""
    if not roles.has_verified_email(user):
        return VOTE_NEEDS_VERIFIED_EMAIL
    if (
        application.edition_id != edition.pk
        or application.status != SlamApplication.Status.SHORTLISTED
    ):
        return VOTE_NOT_A_CANDIDATE
    if edition.no_votes_for_own_programme and roles.is_programme_staff(
        user, application.programme_id
    ):
        return VOTE_OWN_PROGRAMME
    return None


def may_see_vote_audit(user) -> bool:
    return roles.is_site_staff(user)
