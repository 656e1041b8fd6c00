"""Everything that changes Academy data: enrolment, progress, quizzes, certificates."""

import calendar
import io
import json
import re
import secrets
import zipfile
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal.core import capacity
from portal.core.capacity import PlaceStatus
from portal.core.languages import language_of
from portal.core.links import absolute_url
from portal.notifications.services import email_from_templates

from . import access, open_badges, selectors
from .learning_versions import learning_changed
from .models import (
    Certificate,
    CertificateTemplate,
    CoursePage,
    CourseSession,
    Enrolment,
    LearningPath,
    LessonPage,
    LessonProgress,
    QuizAttempt,
    QuizPage,
)
from .selectors import (
    certificate_renewal_page,
    completion_status,
    learning_path_progress,
    quiz_lessons_to_go,
    quiz_lock_message,
)

ENROLMENT_NEEDS_SESSION = _("Choose a session to enrol in.")
ENROLMENT_SESSION_ELSEWHERE = _("This session belongs to another course.")
ENROLMENT_NO_SESSIONS = _("This course runs at your own pace; it has no sessions to choose.")
ENROLMENT_CLOSED = _("Enrolment for this session has closed.")
ENROLMENT_NOT_LIVE = _("This course is not open for enrolment.")
ALREADY_ENROLLED = _("You are already enrolled in this course.")
CANCEL_COMPLETED = _("You have completed this course; there is nothing to cancel.")
CANCEL_STARTED = _("This session has started; ask the trainers if you cannot continue.")
NOT_ENROLLED = _("Enrol in the course first.")
QUIZ_ANSWER_MISSING = _("Answer this question.")
QUIZ_NO_ATTEMPTS_LEFT = _("You have used all your attempts at this quiz.")
ATTENDANCE_NEEDS_CONFIRMED_PLACE = _("Only confirmed learners of a session can attend it.")
REVOKE_NEEDS_REASON = _("Say why the certificate is revoked; the reason is kept on record.")
CERTIFICATE_ALREADY_REVOKED = _("This certificate has already been revoked.")
REPLACED_REASON = _("Replaced by certificate %(code)s.")

# Crockford's base32: no I, L, O or U, so codes read aloud or typed from paper survive.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 5, 4  # 100 random bits
REMINDER_WINDOW = timedelta(hours=24)


# Enrolment ---------------------------------------------------------------------------------


def _session_holdings(session):
    return Enrolment.objects.filter(session=session)


def _email(enrolment: Enrolment, template: str) -> None:
    language = language_of(enrolment.user)
    with translation.override(language):
        email_from_templates(
            template=f"academy/email/{template}",
            to=[enrolment.user.email],
            context={
                "enrolment": enrolment,
                "course": enrolment.course,
                "session": enrolment.session,
                "course_url": absolute_url(enrolment.course.url or "/"),
                "dashboard_url": absolute_url(reverse("academy:my_learning")),
            },
            language=language,
        )


def enrolment_create(*, user, course: CoursePage, session: CourseSession | None = None):
    """Enrol `user`: a confirmed place, or a waiting-list place when the session is full."""
    if not course.live:
        raise ValidationError(ENROLMENT_NOT_LIVE, code="not_live")
    refusal = access.enrolment_refusal(user, course)
    if refusal:
        raise ValidationError(refusal, code="not_allowed")
    if not course.has_sessions:
        if session is not None:
            raise ValidationError(ENROLMENT_NO_SESSIONS, code="no_sessions")
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    user=user, course=course, status=PlaceStatus.CONFIRMED
                )
        except IntegrityError as error:
            raise ValidationError(ALREADY_ENROLLED, code="already_enrolled") from error
    else:
        if session is None:
            raise ValidationError(ENROLMENT_NEEDS_SESSION, code="needs_session")
        if session.course_id != course.pk:
            raise ValidationError(ENROLMENT_SESSION_ELSEWHERE, code="other_course")
        if not session.is_open():
            raise ValidationError(ENROLMENT_CLOSED, code="closed")
        try:
            enrolment = capacity.place_take(
                pool=session,
                holdings=_session_holdings,
                create=lambda pool, status: Enrolment.objects.create(
                    user=user, course=course, session=pool, status=status
                ),
            )
        except capacity.AlreadyHolding as error:
            raise ValidationError(ALREADY_ENROLLED, code="already_enrolled") from error
    enrolment.course = course
    _email(enrolment, "enrolment_confirmed" if enrolment.is_confirmed else "waitlisted")
    return enrolment


def enrolment_cancel(*, enrolment: Enrolment, user) -> list[Enrolment]:
    """The learner (or a course editor) gives up the place; the next waitlisted moves up."""
    if enrolment.user_id != user.pk and not access.may_edit_course(user, enrolment.course):
        raise PermissionDenied
    if enrolment.completed_at:
        raise ValidationError(CANCEL_COMPLETED, code="completed")
    if (
        enrolment.session
        and enrolment.is_confirmed
        and enrolment.session.starts_at <= timezone.now()
    ):
        raise ValidationError(CANCEL_STARTED, code="started")
    if enrolment.session is None:
        Enrolment.objects.filter(pk=enrolment.pk).update(
            status=PlaceStatus.CANCELLED, status_changed_at=timezone.now()
        )
        learning_changed([enrolment.user_id])
        return []
    promoted = capacity.place_release(
        holding=enrolment, pool=enrolment.session, holdings=_session_holdings
    )
    _notify_promoted(promoted)
    return promoted


def session_capacity_changed(*, session: CourseSession) -> list[Enrolment]:
    """After an editor added seats: move waitlisted learners into them."""
    promoted = capacity.places_fill(pool=session, holdings=_session_holdings)
    _notify_promoted(promoted)
    return promoted


def _notify_promoted(promoted: list[Enrolment]) -> None:
    if not promoted:
        return
    for enrolment in Enrolment.objects.filter(pk__in=[e.pk for e in promoted]).select_related(
        "user", "course", "session"
    ):
        _email(enrolment, "promoted")


def _confirmed_enrolment(*, user, course, lock: bool = False) -> Enrolment:
    enrolments = Enrolment.objects.filter(user=user, course=course, status=PlaceStatus.CONFIRMED)
    if lock:
        enrolments = enrolments.select_for_update()
    enrolment = enrolments.first()
    if enrolment is None:
        raise ValidationError(NOT_ENROLLED, code="not_enrolled")
    return enrolment


def enrolment_record_visit(*, user, page) -> None:
    """Remember where the learner was, for "continue where I left off"."""
    if user.is_authenticated and page.course is not None:
        moved = (
            Enrolment.objects.filter(user=user, course=page.course, status=PlaceStatus.CONFIRMED)
            .exclude(last_visited=page)
            .update(last_visited=page)
        )
        if moved:  # "continue where I left off" links the page
            learning_changed([user.pk])


# Progress and quizzes ----------------------------------------------------------------------


def lesson_complete(*, user, lesson: LessonPage) -> Certificate | None:
    course = lesson.course
    with transaction.atomic():
        enrolment = _confirmed_enrolment(user=user, course=course, lock=True)
        LessonProgress.objects.get_or_create(user=user, lesson=lesson, defaults={"course": course})
        return enrolment_complete_if_done(enrolment=enrolment)


def quiz_submit(*, user, quiz: QuizPage, answers: dict[str, list[str]]) -> QuizAttempt:
    """Score `answers` (question id → chosen answer numbers) and keep the attempt."""
    course = quiz.course
    questions = [(block.id, block.value) for block in quiz.questions]
    with transaction.atomic():
        # Locking the enrolment serialises one learner's attempts (two tabs, double clicks).
        enrolment = _confirmed_enrolment(user=user, course=course, lock=True)
        lessons_to_go = quiz_lessons_to_go(quiz=quiz, user=user)
        if lessons_to_go:
            raise ValidationError(quiz_lock_message(lessons_to_go), code="locked")
        missing = {qid: QUIZ_ANSWER_MISSING for qid, _question in questions if not answers.get(qid)}
        if missing:
            raise ValidationError(missing, code="unanswered")
        used = QuizAttempt.objects.filter(user=user, quiz=quiz).count()
        if quiz.max_attempts and used >= quiz.max_attempts:
            raise ValidationError(QUIZ_NO_ATTEMPTS_LEFT, code="no_attempts_left")
        chosen_by_question, correct_count = {}, 0
        for qid, question in questions:
            valid = {str(index) for index in range(len(question["choices"]))}
            # Several answers to a single-choice question (a forged form) simply score wrong.
            chosen = sorted({value for value in answers.get(qid, []) if value in valid}, key=int)
            correct = [
                str(index) for index, choice in enumerate(question["choices"]) if choice["correct"]
            ]
            chosen_by_question[qid] = chosen
            correct_count += chosen == correct
        total = len(questions)
        score = round(100 * correct_count / total) if total else 0
        attempt = QuizAttempt.objects.create(
            user=user,
            course=course,
            quiz=quiz,
            number=used + 1,
            score=score,
            correct_count=correct_count,
            question_count=total,
            passed=score >= quiz.pass_mark,
            answers=chosen_by_question,
        )
        if attempt.passed:
            enrolment_complete_if_done(enrolment=enrolment)
    return attempt


def attendance_mark(*, enrolment: Enrolment, attended: bool, by) -> Certificate | None:
    if not access.may_see_learners(by, enrolment.course):
        raise PermissionDenied
    if enrolment.session_id is None or not enrolment.is_confirmed:
        raise ValidationError(ATTENDANCE_NEEDS_CONFIRMED_PLACE, code="not_confirmed")
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        enrolment.attended = attended
        enrolment.save(update_fields=["attended"])
        return enrolment_complete_if_done(enrolment=enrolment)


def enrolment_complete_if_done(*, enrolment: Enrolment) -> Certificate | None:
    """Mark the course completed once its rules are met and issue the certificate, once."""
    if enrolment.completed_at or not enrolment.is_confirmed:
        return None
    course = enrolment.course
    status = completion_status(course=course, user=enrolment.user, enrolment=enrolment)
    if not status["complete"]:
        return None
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    renewed = certificates_renew(
        holder=enrolment.user,
        renewal_course=course,
        completed_on=timezone.localdate(enrolment.completed_at),
    )
    if course.is_certified:
        certificate = certificate_for_course(enrolment=enrolment)
    else:
        if not renewed:  # a renewal course says so with the certificate it renews
            _email(enrolment, "course_completed")
        certificate = renewed[0] if renewed else None
    learning_paths_complete(user=enrolment.user, course=course)
    return certificate


# Certificates ------------------------------------------------------------------------------


def certificate_code_new() -> str:
    characters = "".join(
        secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH)
    )
    return "-".join(
        characters[start : start + CODE_GROUP_LENGTH]
        for start in range(0, len(characters), CODE_GROUP_LENGTH)
    )


def certificate_code_normalise(code: str) -> str:
    """What a person typed, in the stored form: upper case, look-alike letters mapped."""
    cleaned = (code or "").upper().replace("O", "0").replace("I", "1").replace("L", "1")
    characters = "".join(ch for ch in cleaned if ch in CODE_ALPHABET)
    return "-".join(
        characters[start : start + CODE_GROUP_LENGTH]
        for start in range(0, len(characters), CODE_GROUP_LENGTH)
    )


def certificate_issue(
    *,
    kind: str,
    source_key: str,
    holder,
    title: str,
    completed_on,
    effort_hours: Decimal | None = None,
    learning_outcomes: list[str] | tuple = (),
    signatory_name: str = "",
    signatory_title: str = "",
    course: CoursePage | None = None,
    learning_path: LearningPath | None = None,
    valid_until=None,
) -> Certificate:
    """Issue a certificate for `source_key` (what it recognises), or return the valid one.

    The credential engine for every app: courses here, Cooperation Day organisers and Slam
    coaching elsewhere. The holder's name is copied so the certificate reads as issued.
    Each certificate gets its entry in the revocation status list as it is issued; its Open
    Badges credential is signed when first asked for (`certificate_credential_token`).
    """
    existing = Certificate.objects.filter(source_key=source_key, revoked_at__isnull=True).first()
    if existing:
        return existing
    template = CertificateTemplate.load()
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                code=certificate_code_new(),
                kind=kind,
                source_key=source_key,
                holder=holder,
                holder_name=holder.get_full_name() or holder.email,
                title=title,
                completed_on=completed_on,
                effort_hours=effort_hours,
                learning_outcomes=list(learning_outcomes),
                signatory_name=signatory_name or template.signatory_name,
                signatory_title=signatory_title if signatory_name else template.signatory_title,
                course=course,
                learning_path=learning_path,
                valid_until=valid_until,
            )
            certificate_status_entry_assign(certificate=certificate)
    except IntegrityError:
        # Someone else issued it in the meantime: one valid certificate per source.
        return Certificate.objects.get(source_key=source_key, revoked_at__isnull=True)
    language = language_of(holder)
    with translation.override(language):
        email_from_templates(
            template="academy/email/certificate_issued",
            to=[holder.email],
            context={
                "certificate": certificate,
                "verify_url": absolute_url(certificate.get_absolute_url()),
                "dashboard_url": absolute_url(reverse("academy:my_learning")),
            },
            language=language,
        )
    return certificate


def course_source_key(*, course_id: int, user_id: int) -> str:
    return f"course:{course_id}:user:{user_id}"


RENEWAL_ROUND = re.compile(r"(?P<recognition>.+):renewal:(?P<round>\d+)")


def renewal_source_key(source_key: str) -> str:
    """The source key of the next renewal of what `source_key` recognises: each renewal round
    is a recognition of its own, so the one-valid-certificate-per-source rule still holds."""
    found = RENEWAL_ROUND.fullmatch(source_key)
    if found is None:
        return f"{source_key}:renewal:1"
    return f"{found['recognition']}:renewal:{int(found['round']) + 1}"


def certificate_valid_until(*, completed_on: date, months: int | None) -> datetime | None:
    """The end of the day, `months` after `completed_on`, in the portal's time zone (stored in
    UTC): a certificate completed on 31 January for one month holds until 28 or 29 February.
    Whole seconds, as the signed credential's expiry carries them."""
    if not months:
        return None
    month_index = completed_on.month - 1 + months
    year, month = completed_on.year + month_index // 12, month_index % 12 + 1
    last_day = date(year, month, min(completed_on.day, calendar.monthrange(year, month)[1]))
    end = datetime.combine(last_day, time(23, 59, 59), tzinfo=timezone.get_default_timezone())
    return end.astimezone(UTC)


def _course_certificate(*, course: CoursePage, holder, source_key: str, completed_on):
    return certificate_issue(
        kind=Certificate.Kind.COURSE,
        source_key=source_key,
        holder=holder,
        title=course.title,
        completed_on=completed_on,
        effort_hours=course.effort_hours,
        learning_outcomes=course.learning_outcome_list,
        signatory_name=course.signatory_name,
        signatory_title=course.signatory_title,
        course=course,
        valid_until=certificate_valid_until(
            completed_on=completed_on, months=course.certificate_validity_months
        ),
    )


def certificate_for_course(*, enrolment: Enrolment) -> Certificate:
    course = enrolment.course
    return _course_certificate(
        course=course,
        holder=enrolment.user,
        source_key=course_source_key(course_id=course.pk, user_id=enrolment.user_id),
        completed_on=timezone.localdate(enrolment.completed_at),
    )


def certificates_renew(*, holder, renewal_course: CoursePage, completed_on) -> list[Certificate]:
    """Completing `renewal_course` renews each of the holder's course certificates that
    expire (or have expired) and name it as their renewal course."""
    due = (
        Certificate.objects.filter(
            holder=holder,
            kind=Certificate.Kind.COURSE,
            valid_until__isnull=False,
            revoked_at__isnull=True,
            replaced_by__isnull=True,
        )
        .filter(course__renewal_course=renewal_course)
        .select_related("course")
    )
    renewed = [certificate_renew(certificate=old, completed_on=completed_on) for old in due]
    return [certificate for certificate in renewed if certificate is not None]


def certificate_renew(*, certificate: Certificate, completed_on) -> Certificate | None:
    """A fresh certificate for what `certificate` recognises, valid from `completed_on`; the
    old one is marked replaced (not revoked: it stays true for its own period). None when it
    was revoked or renewed meanwhile."""
    with transaction.atomic():
        old = (
            Certificate.objects.select_for_update()
            .filter(pk=certificate.pk, revoked_at__isnull=True, replaced_by__isnull=True)
            .first()
        )
        if old is None or certificate.course is None:
            return None
        new = _course_certificate(
            course=certificate.course,
            holder=old.holder,
            source_key=renewal_source_key(old.source_key),
            completed_on=completed_on,
        )
        old.replaced_by = new
        old.save(update_fields=["replaced_by"])
    return new


def learning_path_source_key(*, path_id: int, user_id: int) -> str:
    return f"path:{path_id}:user:{user_id}"


def learning_paths_complete(*, user, course: CoursePage) -> list[Certificate]:
    """Issue the credential of each live path `course` is a required step of that `user` has
    now completed. Issued once: a revoked path credential comes back only by re-issue."""
    # Originals only: a translation lends its words, and its steps would issue a second one.
    paths = (
        selectors.learning_paths_live()
        .filter(steps__course=course, steps__required=True)
        .distinct()
    )
    issued = []
    for path in paths:
        progress = learning_path_progress(paths=[path], user=user)[path.pk]
        if not progress.complete:
            continue
        source_key = learning_path_source_key(path_id=path.pk, user_id=user.pk)
        if Certificate.objects.filter(source_key=source_key).exists():
            continue
        issued.append(certificate_for_learning_path(path=path, user=user, progress=progress))
    return issued


def learning_path_credentials_backfill() -> int:
    """Issue each live path's credential to everyone who has completed all its required courses
    but holds none: those who finished them before the path was published or a step was added.
    Runs from the schedule; on several hosts at once a credential is still issued once (its
    source key is unique). Returns how many were issued."""
    issued = 0
    for path in selectors.learning_paths_live().prefetch_related("steps"):
        required = {step.course_id for step in path.steps.all() if step.required}
        if not required:
            continue
        done_by = (
            Enrolment.objects.filter(
                course_id__in=required, status=PlaceStatus.CONFIRMED, completed_at__isnull=False
            )
            .values("user_id")
            .annotate(done=Count("course_id", distinct=True))
            .filter(done=len(required))
            .exclude(user_id__in=Certificate.objects.filter(learning_path=path).values("holder_id"))
            .values_list("user_id", flat=True)
        )
        for user in get_user_model().objects.filter(pk__in=list(done_by), is_active=True):
            progress = learning_path_progress(paths=[path], user=user)[path.pk]
            if not progress.complete:  # a required course no longer live, say
                continue
            try:
                with transaction.atomic():
                    certificate_for_learning_path(path=path, user=user, progress=progress)
            except IntegrityError:  # another host issued it meanwhile
                continue
            issued += 1
    return issued


def certificate_for_learning_path(*, path: LearningPath, user, progress) -> Certificate:
    courses = [step.course for step in progress.steps if step.required]
    outcomes = list(dict.fromkeys(o for c in courses for o in c.learning_outcome_list))
    completed_on = timezone.localdate()
    return certificate_issue(
        kind=Certificate.Kind.LEARNING_PATH,
        source_key=learning_path_source_key(path_id=path.pk, user_id=user.pk),
        holder=user,
        title=path.title,
        completed_on=completed_on,
        effort_hours=sum((c.effort_hours for c in courses), Decimal(0)),
        learning_outcomes=outcomes,
        learning_path=path,
        valid_until=certificate_valid_until(completed_on=completed_on, months=path.validity_months),
    )


def certificate_revoke(*, certificate: Certificate, reason: str, by) -> Certificate:
    if not reason.strip():
        raise ValidationError({"reason": REVOKE_NEEDS_REASON}, code="reason_missing")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at:
            raise ValidationError(CERTIFICATE_ALREADY_REVOKED, code="already_revoked")
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason.strip()
        certificate.revoked_by = by
        certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        _status_list_changed(certificate)
    return certificate


def certificate_reissue(*, certificate: Certificate, by) -> Certificate:
    """Replace a certificate (a corrected name, a new template): the old code is revoked."""
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.revoked_at:
            raise ValidationError(CERTIFICATE_ALREADY_REVOKED, code="already_revoked")
        old.revoked_at = timezone.now()
        old.revoked_by = by
        old.save(update_fields=["revoked_at", "revoked_by"])
        _status_list_changed(old)
        holder = old.holder
        if holder is None:
            raise ValidationError(CERTIFICATE_ALREADY_REVOKED, code="holder_gone")
        new = certificate_issue(
            kind=old.kind,
            source_key=old.source_key,
            holder=holder,
            title=old.title,
            completed_on=old.completed_on,
            effort_hours=old.effort_hours,
            learning_outcomes=old.learning_outcomes,
            signatory_name=old.signatory_name,
            signatory_title=old.signatory_title,
            course=old.course,
            learning_path=old.learning_path,
            valid_until=old.valid_until,
        )
        old.replaced_by = new
        old.revoked_reason = str(REPLACED_REASON % {"code": new.code})
        old.save(update_fields=["replaced_by", "revoked_reason"])
    return new


# Reminders ---------------------------------------------------------------------------------


def session_reminders_send(*, now=None) -> int:
    """E-mail confirmed learners of sessions starting within a day; each session once."""
    now = now or timezone.now()
    sent = 0
    due = CourseSession.objects.filter(
        starts_at__gt=now, starts_at__lte=now + REMINDER_WINDOW, reminders_sent_at__isnull=True
    )
    for session in due:
        with transaction.atomic():
            claimed = CourseSession.objects.filter(
                pk=session.pk, reminders_sent_at__isnull=True
            ).update(reminders_sent_at=now)
            if not claimed:
                continue  # another worker took it
            for enrolment in Enrolment.objects.filter(
                session=session, status=PlaceStatus.CONFIRMED
            ).select_related("user__profile", "course", "session"):
                _email(enrolment, "session_reminder")
                sent += 1
    return sent


def certificate_renewal_reminders_send(*, now=None) -> int:
    """E-mail holders whose certificate's validity ends within the lead time
    (`CERTIFICATE_RENEWAL_REMINDER_DAYS`): each certificate once, however many schedulers run
    this at the same time, and none that is revoked or already renewed."""
    now = now or timezone.now()
    lead_time = timedelta(days=settings.CERTIFICATE_RENEWAL_REMINDER_DAYS)
    due = Certificate.objects.filter(
        valid_until__gt=now,
        valid_until__lte=now + lead_time,
        renewal_reminded_at__isnull=True,
        revoked_at__isnull=True,
        replaced_by__isnull=True,
    ).select_related("holder__profile", "course__renewal_course")
    sent = 0
    for certificate in due:
        with transaction.atomic():
            claimed = Certificate.objects.filter(
                pk=certificate.pk, renewal_reminded_at__isnull=True, revoked_at__isnull=True
            ).update(renewal_reminded_at=now)
            if not claimed:
                continue  # another scheduler took it, or it was revoked meanwhile
            _renewal_reminder_email(certificate)
            sent += 1
    return sent


def _renewal_reminder_email(certificate: Certificate) -> None:
    language = language_of(certificate.holder)
    with translation.override(language):
        renewal_page = certificate_renewal_page(certificate)
        email_from_templates(
            template="academy/email/certificate_renewal",
            to=[certificate.holder.email],
            context={
                "certificate": certificate,
                "renewal_url": absolute_url(renewal_page.url) if renewal_page else "",
                "verify_url": absolute_url(certificate.get_absolute_url()),
            },
            language=language,
        )


# Open Badges credentials -------------------------------------------------------------------

STATUS_ENTRY_ATTEMPTS_PER_LIST = 32


def certificate_status_entry_assign(
    *, certificate: Certificate, list_size: int = open_badges.STATUS_LIST_SIZE
) -> Certificate:
    """Give `certificate` a free bit, chosen at random, in a revocation status list.

    The unique constraint on (list, index) is what keeps two certificates off one bit, however
    many are issued at once: a taken bit fails its savepoint and another is drawn. A list that
    keeps refusing is nearly full, and the next list is used.
    """
    if certificate.has_status_entry:
        return certificate
    list_number = 1
    while True:
        for _attempt in range(STATUS_ENTRY_ATTEMPTS_PER_LIST):
            index = open_badges.status_entry_candidate(list_size)
            try:
                with transaction.atomic():
                    updated = Certificate.objects.filter(
                        pk=certificate.pk, status_list__isnull=True
                    ).update(status_list=list_number, status_list_index=index)
            except IntegrityError:
                continue
            if not updated:  # assigned by someone else meanwhile
                certificate.refresh_from_db(fields=["status_list", "status_list_index"])
                return certificate
            certificate.status_list, certificate.status_list_index = list_number, index
            return certificate
        list_number += 1


def _status_list_changed(certificate: Certificate) -> None:
    if certificate.has_status_entry:
        key = open_badges.STATUS_LIST_CACHE_KEY.format(number=certificate.status_list)
        transaction.on_commit(lambda: cache.delete(key))


def status_list_token(number: int) -> str:
    """The signed Bitstring Status List credential `number`, as published."""
    key = open_badges.STATUS_LIST_CACHE_KEY.format(number=number)
    token = cache.get(key)
    if token is None:
        revoked = Certificate.objects.filter(
            status_list=number, status_list_index__isnull=False, revoked_at__isnull=False
        ).values_list("status_list_index", flat=True)
        credential = open_badges.status_list_credential(number=number, revoked_indexes=revoked)
        token = open_badges.credential_sign(credential)
        cache.set(key, token, timeout=int(open_badges.STATUS_LIST_TTL.total_seconds()))
    return token


def status_list_exists(number: int) -> bool:
    return number == 1 or Certificate.objects.filter(status_list=number).exists()


def certificate_credential_token(*, certificate: Certificate) -> str:
    """The certificate's Open Badges credential as a VC-JWT: signed once, then kept."""
    if certificate.credential_jwt:
        return certificate.credential_jwt
    certificate_status_entry_assign(certificate=certificate)
    credential = open_badges.credential_build(
        certificate=certificate,
        issuer_name=CertificateTemplate.load().issuer_name,
        salt=open_badges.salt_new(),
    )
    token = open_badges.credential_sign(credential)
    # Two first requests at once both sign; the first to store wins and both return it.
    Certificate.objects.filter(pk=certificate.pk, credential_jwt="").update(credential_jwt=token)
    certificate.credential_jwt = Certificate.objects.values_list("credential_jwt", flat=True).get(
        pk=certificate.pk
    )
    return certificate.credential_jwt


def certificate_credential_check(*, certificate: Certificate) -> open_badges.CredentialCheck:
    return open_badges.credential_check(
        certificate_credential_token(certificate=certificate), status_list_token=status_list_token
    )


ARCHIVE_MANIFEST = "manifest.json"
_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9-]")


def archive_filename(code: str, extension: str) -> str:
    return f"{_UNSAFE_IN_FILENAME.sub('', code) or 'certificate'}.{extension}"


def credentials_archive(*, user, template: CertificateTemplate) -> bytes:
    """A ZIP of the holder's unrevoked credentials: for each, its VC-JWT and its baked badge,
    and a manifest listing them. Credentials not yet signed are signed now (and kept)."""
    certificates, total = selectors.certificates_for_archive(user=user)
    entries = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for certificate in certificates:
            token = certificate_credential_token(certificate=certificate)
            credential_name = archive_filename(certificate.code, "jwt")
            badge_name = archive_filename(certificate.code, "png")
            archive.writestr(credential_name, token)
            archive.writestr(
                badge_name,
                open_badges.badge_png(
                    title=certificate.title,
                    token=token,
                    primary_colour=template.primary_colour,
                    accent_colour=template.accent_colour,
                ),
            )
            entries.append(
                {
                    "code": certificate.code,
                    "title": certificate.title,
                    "kind": certificate.kind,
                    "completed_on": certificate.completed_on.isoformat(),
                    "issued_at": certificate.issued_at.isoformat(),
                    "valid_until": certificate.valid_until.isoformat()
                    if certificate.valid_until
                    else None,
                    "verification_page": open_badges.verify_url(certificate.code),
                    "credential": credential_name,
                    "credential_media_type": open_badges.JWT_MEDIA_TYPE,
                    "badge": badge_name,
                }
            )
        manifest = {
            "issuer": {"id": open_badges.did_web(), "name": template.issuer_name},
            "created_at": timezone.now().isoformat(),
            "credentials_in_archive": len(entries),
            "credentials_held": total,
            "credentials": entries,
        }
        archive.writestr(ARCHIVE_MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
    return buffer.getvalue()
