"""The personal pieces of academy pages (portal.core.personal)."""

from django.template.loader import render_to_string

from portal.core.personal import piece

from .selectors import course_session_offers


@piece("course_sessions")
def course_sessions(request, *, course_id: int) -> str:
    """A course's upcoming sessions: seats left as of now, and the forms to enrol in one for
    someone who may."""
    return render_to_string(
        "academy/components/course_sessions.html",
        {"course_id": course_id, **course_session_offers(course_id=course_id, user=request.user)},
        request=request,
    )
