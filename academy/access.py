"""Who may enrol in a course, open its lessons, and see its learners."""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import ReferenceIndex

from portal.accounts import roles
from portal.core.capacity import PlaceStatus

from .models import Enrolment, LessonPage

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
    if Enrolment.objects.filter(user=user, course=course, status=PlaceStatus.CONFIRMED).exists():
        return True
    return may_edit_course(user, course)


def may_see_learners(user, course) -> bool:
    """Enrolment lists, attendance and quiz results: course editors and the course's trainers."""
    if may_edit_course(user, course):
        return True
    return bool(user.is_authenticated) and course.trainers.filter(trainer__user=user).exists()


def may_see_statistics(user) -> bool:
    """Academy statistics (Reports menu): whoever may view enrolments in the admin."""
    return user.is_authenticated and user.has_perm("academy.view_enrolment")


def may_revoke_certificates(user) -> bool:
    return user.is_authenticated and user.has_perm("academy.change_certificate")


def course_material_lessons(document) -> list[LessonPage] | None:
    """The lessons `document` is used in when it is used in lessons only (it is then the
    courses' material); None when it is used anywhere else, or nowhere."""
    references = list(
        ReferenceIndex.get_references_to(document).values_list("content_type_id", "object_id")
    )
    if not references:
        return None
    lesson_type = ContentType.objects.get_for_model(LessonPage).pk
    if any(content_type != lesson_type for content_type, _object_id in references):
        return None
    return list(LessonPage.objects.filter(pk__in=[int(object_id) for _, object_id in references]))


def may_download_document(user, document) -> bool:
    """Course material goes to the learners and editors of a course that uses it; every other
    document follows its collection's privacy alone."""
    lessons = course_material_lessons(document)
    if lessons is None:
        return True
    return any(may_open_course_content(user, lesson.course) for lesson in lessons)
