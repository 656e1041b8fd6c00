"""Who may enrol in a course, open its lessons, and see its learners."""

from django.utils.translation import gettext_lazy as _

from portal.accounts import roles
from portal.core.capacity import PlaceStatus

NEEDS_PROGRAMME_STAFF = _(
    "This course is for approved programme staff. Ask your programme to approve your "
    "affiliation in your account first."
)
NEEDS_FUNCTION = _("This course is for approved programme staff working as: %(functions)s.")


def enrolment_refusal(user, course) -> str:
    """Why `user` may not enrol in `course`, or "" when they may (or must sign in first)."""
    if not user.is_authenticated or roles.is_site_staff(user):
        return ""
    audience = course.enrolment_audience
    if audience == course.Audience.PROGRAMME_STAFF and not roles.is_programme_staff(user):
        return str(NEEDS_PROGRAMME_STAFF)
    if audience == course.Audience.FUNCTIONS and not roles.has_any_function(
        user, course.audience_functions
    ):
        return str(NEEDS_FUNCTION % {"functions": ", ".join(course.audience_function_labels)})
    return ""


def may_edit_course(user, course) -> bool:
    """Editors with rights on the course page (and site staff)."""
    if not user.is_authenticated:
        return False
    if roles.is_site_staff(user):
        return True
    return roles.may_edit_site(user) and course.permissions_for_user(user).can_edit()


def may_open_course_content(user, course) -> bool:
    """Modules, lessons and quizzes: confirmed learners (also after completing) and editors."""
    if course is None or not user.is_authenticated:
        return False
    from .models import Enrolment

    if Enrolment.objects.filter(user=user, course=course, status=PlaceStatus.CONFIRMED).exists():
        return True
    return may_edit_course(user, course)


def may_see_learners(user, course) -> bool:
    """Enrolment lists, attendance and quiz results: course editors and the course's trainers."""
    if may_edit_course(user, course):
        return True
    return bool(user.is_authenticated) and course.trainers.filter(trainer__user=user).exists()
