"""The personal pieces of academy pages (portal.core.personal)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import get_language

from portal.accounts import roles
from portal.core.cache import cached_value
from portal.core.personal import piece
from portal.core.versions import person_version

from .learning_versions import LEARNING
from .models import CoursePage
from .selectors import EnrolState, course_personal_state, upcoming_sessions


def _personal_state(request, course_id: int) -> dict:
    """The person's state on a course page, asked once per request for all its pieces."""
    user = request.user
    if not user.is_authenticated:
        return {"enrol_state": EnrolState.SIGN_IN, "modules": None}
    # Keyed by the person too: a stored copy's pieces are filled for visitors on the request
    # of whoever stored it.
    key = (course_id, user.pk)
    kept = getattr(request, "_course_personal_states", None)
    if kept is None:
        kept = request._course_personal_states = {}
    if key not in kept:
        kept[key] = _kept_personal_state(course_id, user)
    return kept[key]


def _kept_personal_state(course_id: int, user) -> dict:
    """The person's state, kept between requests so that a signed-in course page reads nothing.
    Its key holds who they are (their id and when the account was made: an id a deleted
    account leaves may be given again), the version of every person's identity (whether they
    may enrol follows from their rights and functions), the version of their learning (their
    enrolment, progress, quiz attempts and certificates, and their place on a waiting list:
    academy/learning_versions.py), the language the syllabus is written in, and through
    `cached_value` the content version (the course, its lessons and sessions). Nothing in it
    changes by the clock alone. Read afresh while the cache server is down."""
    versions = (roles.IDENTITY_VERSION.current(), person_version(LEARNING, user.pk).current())
    if any(version is None for version in versions):
        return course_personal_state(course=_course(course_id), user=user)
    return cached_value(
        (
            "course-personal-state",
            course_id,
            user.pk,
            user.date_joined.timestamp(),
            int(user.is_superuser),
            *versions,
            get_language(),
        ),
        lambda: course_personal_state(course=_course(course_id), user=user),
        settings.PAGE_CACHE_SECONDS,
    )


def _course(course_id: int) -> CoursePage:
    # The live course, as the page's shared copy shows it: content, kept until the next publish
    # as the copy is, so that a signed-in request reads only the person's enrolment.
    return cached_value(
        ("course-of-pieces", course_id),
        lambda: CoursePage.objects.get(pk=course_id),
        settings.PAGE_CACHE_SECONDS,
    )


@piece("course_enrolment", same_for_visitors=True)
def course_enrolment(request, *, course_id: int, has_sessions: int) -> str:
    """A course page's enrol panel: signing in, enrolling, the waiting list, the learner's
    progress and session, or their certificate."""
    return render_to_string(
        "academy/components/course_enrolment.html",
        {
            "course_id": course_id,
            "has_sessions": bool(int(has_sessions)),
            **_personal_state(request, course_id),
        },
        request=request,
    )


@piece("course_syllabus", same_for_visitors=True)
def course_syllabus(request, *, course_id: int, shared: str) -> str:
    """A course page's syllabus: as every visitor sees it (`shared`), but for a confirmed
    learner, who sees their progress and the links to the lessons."""
    if not request.user.is_authenticated:
        return shared
    state = _personal_state(request, course_id)
    if state["modules"] is None:
        return shared
    return render_to_string(
        "academy/components/syllabus.html",
        {"modules": state["modules"], "progress": state["progress"], "learner": True},
        request=request,
    )


@piece("course_sessions")
def course_sessions(request, *, course_id: int) -> str:
    """A course's upcoming sessions: seats left as of now, and the forms to enrol in one for
    someone who may."""
    may_enrol = (
        request.user.is_authenticated
        and _personal_state(request, course_id)["enrol_state"] == EnrolState.ENROL
    )
    return render_to_string(
        "academy/components/course_sessions.html",
        {"course_id": course_id, "sessions": upcoming_sessions(course_id), "may_enrol": may_enrol},
        request=request,
    )
