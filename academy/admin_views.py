"""Admin screens beyond lists: attendance, course statistics, revoking certificates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.core.capacity import PlaceStatus

from . import access, services
from .forms import AttendanceForm, RevokeForm
from .models import Certificate, CoursePage, CourseSession, Enrolment, QuizAttempt

STATISTICS_PERMISSION = "academy.view_enrolment"


@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    """Trainers and course editors tick who came to a session."""
    session = get_object_or_404(CourseSession.objects.select_related("course"), pk=pk)
    if not access.may_see_learners(request.user, session.course):
        raise PermissionDenied
    if request.method == "POST":
        form = AttendanceForm(request.POST)
        if form.is_valid():
            enrolment = get_object_or_404(
                Enrolment.objects.select_related("course"),
                pk=form.cleaned_data["enrolment"],
                session=session,
            )
            try:
                services.attendance_mark(
                    enrolment=enrolment, attended=form.cleaned_data["attended"], by=request.user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request, _("Attendance saved for %(name)s.") % {"name": enrolment.user}
                )
        return redirect("academy_admin:attendance", pk=session.pk)
    learners = (
        Enrolment.objects.filter(session=session)
        .exclude(status=PlaceStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "user__last_name", "user__email")
    )
    return render(
        request,
        "academy/admin/attendance.html",
        {"session": session, "learners": learners, "header_title": _("Attendance")},
    )


def course_statistics():
    """Per course: enrolled, active, completed, completion rate, average best quiz score."""
    courses = CoursePage.objects.order_by("title").annotate(
        enrolled=Count(
            "enrolments",
            filter=Q(enrolments__status__in=[PlaceStatus.CONFIRMED, PlaceStatus.WAITLISTED]),
            distinct=True,
        ),
        completed=Count(
            "enrolments", filter=Q(enrolments__completed_at__isnull=False), distinct=True
        ),
    )
    scores = dict(
        QuizAttempt.objects.values_list("course_id")
        .annotate(average=Avg("score"))
        .values_list("course_id", "average")
    )
    rows = []
    for course in courses:
        active = course.enrolled - course.completed
        rate = round(100 * course.completed / course.enrolled) if course.enrolled else None
        average = scores.get(course.pk)
        rows.append(
            {
                "course": course,
                "enrolled": course.enrolled,
                "active": active,
                "completed": course.completed,
                "completion_rate": rate,
                "average_score": round(average) if average is not None else None,
            }
        )
    return rows


def statistics(request):
    if not request.user.has_perm(STATISTICS_PERMISSION):
        raise PermissionDenied
    return render(
        request,
        "academy/admin/statistics.html",
        {"rows": course_statistics(), "header_title": _("Academy statistics")},
    )


@require_http_methods(["GET", "POST"])
def certificate_revoke(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("holder"), pk=pk)
    if not request.user.has_perm("academy.change_certificate"):
        raise PermissionDenied
    form = RevokeForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "reissue":
                new = services.certificate_reissue(certificate=certificate, by=request.user)
                messages.success(
                    request,
                    _("Re-issued as %(code)s; the old code is revoked.") % {"code": new.code},
                )
                return redirect("academy_certificates:index")
            if form.is_valid():
                services.certificate_revoke(
                    certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
                )
                messages.success(
                    request, _("Certificate %(code)s revoked.") % {"code": certificate.code}
                )
                return redirect("academy_certificates:index")
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.error(request, " ".join(error.messages))
    return render(
        request,
        "academy/admin/certificate_revoke.html",
        {"certificate": certificate, "form": form, "header_title": _("Revoke or re-issue")},
    )
