"""Admin screens beyond lists: attendance, course statistics, revoking certificates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import access, selectors, services
from .forms import AttendanceForm, RevokeForm
from .models import Certificate, CourseSession, Enrolment


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
    return render(
        request,
        "academy/admin/attendance.html",
        {
            "session": session,
            "learners": selectors.session_learners(session=session),
            "header_title": _("Attendance"),
        },
    )


def statistics(request):
    if not access.may_see_statistics(request.user):
        raise PermissionDenied
    return render(
        request,
        "academy/admin/statistics.html",
        {"rows": selectors.course_statistics(), "header_title": _("Academy statistics")},
    )


@require_http_methods(["GET", "POST"])
def certificate_revoke(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("holder"), pk=pk)
    if not access.may_revoke_certificates(request.user):
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
