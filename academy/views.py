from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.accounts import roles
from portal.core.cache import PERSONAL_COPY_UNTIL, kept_for_person
from portal.core.capacity import PlaceStatus
from portal.core.links import absolute_url
from portal.core.outages import unavailable_response
from portal.core.query import query_form, query_page
from portal.core.ratelimit import over_limit, too_many_requests

from . import calendar, open_badges, selectors, services
from .certificate_pdf import certificate_pdf
from .credential_keys import CredentialKeysMissing
from .forms import CertificateLookupForm, EnrolForm
from .learning_versions import my_learning_versions
from .models import Certificate, CertificateTemplate, CoursePage, CourseSession, Enrolment


@login_required
@require_POST
def enrol(request, course_id):
    # The form of a translated course page names the translation: the course is its original.
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id).original
    form = EnrolForm(request.POST)
    session = None
    if form.is_valid() and form.cleaned_data["session"]:
        session = CourseSession.objects.filter(
            pk=form.cleaned_data["session"], course=course
        ).first()
        if session is None:
            messages.error(request, _("That session is no longer offered; choose another."))
            return redirect(course.url)
    try:
        enrolment = services.enrolment_create(user=request.user, course=course, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{course.url}#enrol")
    if enrolment.is_confirmed:
        messages.success(request, _("You are enrolled. A confirmation is on its way by e-mail."))
    else:
        messages.info(
            request,
            _(
                "This session is full, so you are on its waiting list. We will e-mail you "
                "as soon as a seat frees up."
            ),
        )
    return redirect(f"{course.url}#enrol")


@login_required
@require_POST
def enrolment_cancel(request, pk):
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("course", "session"),
        pk=pk,
        user=request.user,
        status__in=[PlaceStatus.CONFIRMED, PlaceStatus.WAITLISTED],
    )
    try:
        services.enrolment_cancel(enrolment=enrolment, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your place was cancelled."))
    if request.POST.get("from") == "dashboard":
        return redirect("academy:my_learning")
    return redirect(enrolment.course.url)


@login_required
@require_GET
@kept_for_person(my_learning_versions)
def my_learning(request):
    now = timezone.now()
    context = selectors.my_learning(user=request.user, certificates_page=query_page(request))
    context["record_url"] = selectors.learner_record_url(user=request.user)
    response = render(request, "academy/my_learning.html", context)
    setattr(response, PERSONAL_COPY_UNTIL, selectors.my_learning_changes_at(context, now=now))
    return response


@require_GET
def learning_path_list(request):
    listed = selectors.learning_path_catalogue(user=request.user, page=query_page(request))
    return render(request, "academy/learning_path_list.html", {"paths": listed})


@require_GET
def learning_path_detail(request, pk):
    path = get_object_or_404(selectors.learning_paths_live(), pk=pk)
    progress = selectors.learning_path_detail(path=path, user=request.user)
    return render(request, "academy/learning_path.html", {"progress": progress})


@login_required
@require_GET
def session_calendar(request, pk):
    """An .ics file for a session the learner holds a confirmed place in."""
    enrolment = (
        Enrolment.objects.filter(session_id=pk, user=request.user, status=PlaceStatus.CONFIRMED)
        .select_related("session", "course")
        .first()
    )
    if enrolment is None:
        raise Http404
    body = calendar.session_ics(session=enrolment.session, course=enrolment.course)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="session-{pk}.ics"'
    return response


@require_http_methods(["GET"])
def certificate_lookup(request):
    form = query_form(CertificateLookupForm, request)
    if form.is_valid():
        code = services.certificate_code_normalise(form.cleaned_data["code"])
        if code:
            return redirect("academy:certificate_verify", code=code)
        form.add_error("code", _("Enter the code printed on the certificate."))
    response = render(request, "academy/certificate_lookup.html", {"form": form})
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def certificate_verify(request, code):
    """Public: anyone holding the link or QR code sees who earned what, and whether it holds."""
    limit = settings.CERTIFICATE_CHECKS_PER_MINUTE
    if over_limit(request, action="certificate-verify", limit=limit, window_seconds=60):
        return too_many_requests(request)
    normalised = services.certificate_code_normalise(code)
    if normalised != code:
        return redirect("academy:certificate_verify", code=normalised)
    certificate = Certificate.objects.filter(code=code).first()
    check = None
    if certificate is not None:
        try:
            check = services.certificate_credential_check(certificate=certificate)
        except CredentialKeysMissing:
            # A development checkout without keys still shows the certificate itself.
            check = None
    response = render(
        request,
        "academy/certificate_verify.html",
        {"certificate": certificate, "code": code, "check": check},
        status=200 if certificate else 404,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response


def _certificate_for(request, code) -> Certificate:
    certificate = get_object_or_404(Certificate, code=code)
    # The PDF is the holder's document; editors may fetch it to help them.
    if certificate.holder_id != request.user.pk and not roles.may_edit_site(request.user):
        raise Http404
    return certificate


@login_required
@require_GET
def certificate_download(request, code):
    certificate = _certificate_for(request, code)
    if not certificate.is_valid:
        messages.error(
            request, _("This certificate was revoked, so it can no longer be downloaded.")
        )
        return redirect("academy:my_learning")
    pdf = certificate_pdf(
        certificate=certificate,
        template=CertificateTemplate.load(request_or_site=request),
        verify_url=absolute_url(certificate.get_absolute_url()),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def certificate_linkedin(request, code):
    """Hands over to LinkedIn's "add a certification" form, filled in."""
    certificate = _certificate_for(request, code)
    issued = certificate.completed_on
    template = CertificateTemplate.load(request_or_site=request)
    query = urlencode(
        {
            "startTask": "CERTIFICATION_NAME",
            "name": certificate.title,
            "organizationName": template.issuer_name,
            "issueYear": issued.year,
            "issueMonth": issued.month,
            "certUrl": absolute_url(certificate.get_absolute_url()),
            "certId": certificate.code,
        }
    )
    return redirect(f"https://www.linkedin.com/profile/add?{query}")


def _certificate_by_code(request, code) -> Certificate | HttpResponse:
    """The certificate a public credential address names, under the verification page's
    limit on guesses; a code typed differently is sent to its stored form."""
    limit = settings.CERTIFICATE_CHECKS_PER_MINUTE
    if over_limit(request, action="certificate-verify", limit=limit, window_seconds=60):
        return too_many_requests(request)
    return get_object_or_404(Certificate, code=code)


def _public_credential_response(body, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    # Verifiers in other sites' pages read it with fetch().
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def certificate_credential(request, code):
    """Public like the verification page: the Open Badges credential as a VC-JWT. A revoked
    one is still served, so a verifier can see in the status list that it was revoked."""
    certificate = _certificate_by_code(request, code)
    if isinstance(certificate, HttpResponse):
        return certificate
    try:
        token = services.certificate_credential_token(certificate=certificate)
    except CredentialKeysMissing:  # a development set-up without keys: production has them
        return unavailable_response()
    return _public_credential_response(
        token, content_type=open_badges.JWT_MEDIA_TYPE, filename=f"{certificate.code}.jwt"
    )


@require_GET
def certificate_badge(request, code):
    """The badge image with the credential baked in, for a badge backpack."""
    certificate = _certificate_by_code(request, code)
    if isinstance(certificate, HttpResponse):
        return certificate
    template = CertificateTemplate.load(request_or_site=request)
    try:
        token = services.certificate_credential_token(certificate=certificate)
    except CredentialKeysMissing:
        return unavailable_response()
    png = open_badges.badge_png(
        title=certificate.title,
        token=token,
        primary_colour=template.primary_colour,
        accent_colour=template.accent_colour,
    )
    return _public_credential_response(
        png, content_type="image/png", filename=f"{certificate.code}.png"
    )


@require_GET
def did_document(request):
    """/.well-known/did.json: the did:web document with every signing key's public half."""
    try:
        document = open_badges.did_document()
    except CredentialKeysMissing:
        return unavailable_response()
    response = JsonResponse(document, content_type="application/did+json")
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def credential_status_list(request, number):
    """A Bitstring Status List credential (VC-JWT): bit n is set when the certificate with
    status list index n on this list is revoked."""
    if not services.status_list_exists(number):
        raise Http404
    try:
        token = services.status_list_token(number)
    except CredentialKeysMissing:
        return unavailable_response()
    response = HttpResponse(token, content_type=open_badges.JWT_MEDIA_TYPE)
    ttl = int(open_badges.STATUS_LIST_TTL.total_seconds())
    response["Cache-Control"] = f"public, max-age={ttl}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_required
@require_GET
def my_credentials_archive(request):
    """One download of all the signed-in person's credentials; there is no address for
    anyone else's."""
    try:
        body = services.credentials_archive(
            user=request.user, template=CertificateTemplate.load(request_or_site=request)
        )
    except CredentialKeysMissing:
        return unavailable_response()
    response = HttpResponse(body, content_type="application/zip")
    filename = f"credentials-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def learner_record(request, public_id):
    """Public when its person chose so: their certificates that still hold."""
    context = selectors.learner_record(public_id=public_id, page=query_page(request))
    if context is None:
        raise Http404
    response = render(request, "academy/learner_record.html", context)
    # Switching the record off takes effect at once: no copy is kept anywhere.
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
