"""Certificates that expire: their validity, their renewal, and the reminder before the end."""

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from academy import services
from academy.models import Certificate, CoursePage
from academy.models.pages import (
    COURSE_IN_ITS_ORIGINAL_LANGUAGE,
    RENEWAL_IS_ANOTHER_COURSE,
    RENEWAL_NEEDS_VALIDITY,
)
from portal.accounts.models import Profile
from portal.core.demo_translations import translate_page
from portal.core.links import absolute_url
from tests.catalogues import translated  # noqa: F401 -- a fixture
from tests.factories.academy import make_course, make_lesson, make_module

pytestmark = pytest.mark.django_db


def _course_with_a_lesson(**fields):
    course = make_course(**fields)
    return course, make_lesson(make_module(course))


def _complete(committed, user, course, lesson):
    committed(services.enrolment_create, user=user, course=course)
    return committed(services.lesson_complete, user=user, lesson=lesson)


@pytest.fixture
def certification(home):
    """A three-year certified training renewed by a short refresher course."""
    refresher, refresher_lesson = _course_with_a_lesson(
        title="Controls refresher", kind=CoursePage.Kind.SHORT
    )
    course, lesson = _course_with_a_lesson(
        title="First level control", certificate_validity_months=36, renewal_course=refresher
    )
    return {
        "course": course,
        "lesson": lesson,
        "refresher": refresher,
        "refresher_lesson": refresher_lesson,
    }


def _expiring(holder, *, days, key="slam:2026:coach", **fields):
    return services.certificate_issue(
        kind=Certificate.Kind.SLAM_COACHING,
        source_key=key,
        holder=holder,
        title="Interreg Slam coaching",
        completed_on=timezone.localdate() - timedelta(days=700),
        valid_until=timezone.now() + timedelta(days=days),
        **fields,
    )


# Validity ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed_on", "months", "last_day"),
    [
        (date(2026, 12, 3), 36, date(2029, 12, 3)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),
        (date(2026, 11, 15), 2, date(2027, 1, 15)),
    ],
)
def test_validity_runs_to_the_end_of_the_same_day_months_later(completed_on, months, last_day):
    valid_until = services.certificate_valid_until(completed_on=completed_on, months=months)
    assert valid_until.tzinfo == UTC
    local = timezone.localtime(valid_until)  # the portal's time zone
    assert local.date() == last_day
    assert (local.hour, local.minute, local.second, local.microsecond) == (23, 59, 59, 0)


def test_validity_is_empty_without_months():
    assert services.certificate_valid_until(completed_on=date(2026, 1, 1), months=None) is None


def test_completing_a_course_with_a_validity_sets_it_on_the_certificate(
    certification, learner, committed
):
    certificate = _complete(committed, learner, certification["course"], certification["lesson"])
    assert certificate.valid_until == services.certificate_valid_until(
        completed_on=certificate.completed_on, months=36
    )
    assert timezone.localtime(certificate.valid_until).year == certificate.completed_on.year + 3


def test_courses_without_a_validity_issue_certificates_that_never_expire(home, learner, committed):
    course, lesson = _course_with_a_lesson()
    certificate = _complete(committed, learner, course, lesson)
    assert certificate.valid_until is None and not certificate.is_expired


def test_a_renewal_course_needs_a_validity(home):
    refresher = make_course(kind=CoursePage.Kind.SHORT)
    course = make_course()
    course.renewal_course = refresher
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert error.value.message_dict["renewal_course"] == [str(RENEWAL_NEEDS_VALIDITY)]
    course.certificate_validity_months = 24
    course.full_clean()


def test_a_course_cannot_renew_itself(home):
    course = make_course(certificate_validity_months=12)
    course.renewal_course = course
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert error.value.message_dict["renewal_course"] == [str(RENEWAL_IS_ANOTHER_COURSE)]


def test_a_renewal_course_is_chosen_in_its_original_language(home):
    """Enrolments are kept on the original: completing a translation's address counts there,
    so the translation itself would never be found completed."""
    refresher = make_course(kind=CoursePage.Kind.SHORT)
    course = make_course(certificate_validity_months=24)
    french = translate_page(refresher, "fr", {refresher.title: "Rafraîchissement"}).specific
    course.renewal_course = french
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert error.value.message_dict["renewal_course"] == [str(COURSE_IN_ITS_ORIGINAL_LANGUAGE)]
    course.renewal_course = refresher
    course.full_clean()


def test_a_certificate_without_a_renewal_course_expires_and_offers_no_renewal(
    client, home, learner, committed
):
    course, lesson = _course_with_a_lesson(certificate_validity_months=12)
    certificate = _complete(committed, learner, course, lesson)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.now() - timedelta(days=5)
    )
    client.force_login(learner)
    page = client.get(MY_LEARNING).content.decode()
    assert "Expired" in page and ">Renew<" not in page
    assert (
        services.certificates_renew(
            holder=learner, renewal_course=course, completed_on=timezone.localdate()
        )
        == []
    )


def test_the_renewal_course_is_chosen_among_course_pages_only(home, staff_user):
    refresher, lesson = _course_with_a_lesson()
    course = make_course()
    form_class = CoursePage.get_edit_handler().get_form_class()
    form = form_class(instance=course, for_user=staff_user)
    field = form.fields["renewal_course"]
    assert list(field.widget.target_models) == [CoursePage]
    assert field.clean(refresher.pk) == refresher
    with pytest.raises(ValidationError):
        field.clean(lesson.pk)


# Renewal -----------------------------------------------------------------------------------


def test_completing_the_renewal_course_issues_a_fresh_certificate_and_replaces_the_old(
    certification, learner, outbox, committed
):
    old = _complete(committed, learner, certification["course"], certification["lesson"])
    Certificate.objects.filter(pk=old.pk).update(
        completed_on=date(2023, 5, 2), valid_until=timezone.now() + timedelta(days=20)
    )
    outbox.clear()
    new = _complete(
        committed, learner, certification["refresher"], certification["refresher_lesson"]
    )
    old.refresh_from_db()
    assert new.pk != old.pk and new.code != old.code
    assert old.replaced_by == new and old.is_renewed
    assert old.revoked_at is None and old.is_valid  # a true record of its own period
    assert new.course == certification["course"] and new.title == "First level control"
    assert new.source_key == f"{old.source_key}:renewal:1"
    assert new.valid_until == services.certificate_valid_until(
        completed_on=timezone.localdate(), months=36
    )
    # The holder hears about the renewed certificate, not about a plain completion.
    subjects = [message.subject for message in outbox]
    assert "Your certificate: First level control" in subjects
    assert not any(subject.startswith("Course completed") for subject in subjects)


def test_each_renewal_round_has_its_own_source_key():
    first = services.renewal_source_key("course:4:user:7")
    assert first == "course:4:user:7:renewal:1"
    assert services.renewal_source_key(first) == "course:4:user:7:renewal:2"


def test_an_expired_certificate_is_renewed_too_and_a_revoked_one_is_not(
    home, learner, other_learner, staff_user, committed
):
    refresher, refresher_lesson = _course_with_a_lesson(kind=CoursePage.Kind.SHORT)
    course, lesson = _course_with_a_lesson(certificate_validity_months=12, renewal_course=refresher)
    expired = _complete(committed, learner, course, lesson)
    revoked = _complete(committed, other_learner, course, lesson)
    Certificate.objects.filter(pk=expired.pk).update(valid_until=timezone.now() - timedelta(days=3))
    services.certificate_revoke(certificate=revoked, reason="Issued in error", by=staff_user)

    renewed = _complete(committed, learner, refresher, refresher_lesson)
    assert renewed.holder == learner and renewed.course == course and not renewed.is_expired
    assert _complete(committed, other_learner, refresher, refresher_lesson) is None
    assert Certificate.objects.filter(holder=other_learner).count() == 1


def test_a_certificate_is_renewed_once_and_its_renewal_renews_in_the_next_round(
    certification, learner, committed
):
    old = _complete(committed, learner, certification["course"], certification["lesson"])
    today = timezone.localdate()
    first = services.certificate_renew(certificate=old, completed_on=today)
    assert services.certificate_renew(certificate=old, completed_on=today) is None
    second = services.certificate_renew(certificate=first, completed_on=today)
    assert second.source_key.endswith(":renewal:2")
    assert Certificate.objects.filter(holder=learner).count() == 3


# Reminders ---------------------------------------------------------------------------------


def test_holders_are_reminded_once_within_the_lead_time(
    certification, learner, other_learner, staff_user, outbox, committed, settings
):
    settings.CERTIFICATE_RENEWAL_REMINDER_DAYS = 60
    course_certificate = _complete(
        committed, learner, certification["course"], certification["lesson"]
    )
    Certificate.objects.filter(pk=course_certificate.pk).update(
        valid_until=timezone.now() + timedelta(days=59)
    )
    _expiring(other_learner, days=30, key="slam:a")
    _expiring(other_learner, days=61, key="slam:far")  # outside the lead time
    _expiring(other_learner, days=-1, key="slam:expired")  # too late to remind
    revoked = _expiring(other_learner, days=10, key="slam:revoked")
    services.certificate_revoke(certificate=revoked, reason="Issued in error", by=staff_user)
    renewed = _expiring(other_learner, days=10, key="slam:renewed")
    renewed.replaced_by = _expiring(other_learner, days=900, key="slam:renewed:renewal:1")
    renewed.save(update_fields=["replaced_by"])
    outbox.clear()

    assert committed(services.certificate_renewal_reminders_send) == 2
    assert sorted(message.to[0] for message in outbox) == sorted(
        [learner.email, other_learner.email]
    )
    assert committed(services.certificate_renewal_reminders_send) == 0
    assert len(outbox) == 2
    reminded = Certificate.objects.filter(renewal_reminded_at__isnull=False)
    assert {certificate.source_key for certificate in reminded} == {
        course_certificate.source_key,
        "slam:a",
    }


def test_the_reminder_names_the_date_and_links_the_renewal_course(
    certification, learner, outbox, committed
):
    certificate = _complete(committed, learner, certification["course"], certification["lesson"])
    ends = timezone.make_aware(datetime(timezone.now().year + 1, 1, 20, 23, 59, 59))
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=ends)
    outbox.clear()
    committed(services.certificate_renewal_reminders_send, now=ends - timedelta(days=10))
    (message,) = outbox
    assert message.subject == "Renew your certificate: First level control"
    assert f"is valid until 20 January {ends.year}." in message.body
    assert absolute_url(certification["refresher"].url) in message.body
    assert absolute_url(certificate.get_absolute_url()) in message.body


def test_a_certificate_of_another_kind_is_reminded_with_its_verification_page(
    db, learner, outbox, committed
):
    certificate = _expiring(learner, days=5)
    outbox.clear()
    committed(services.certificate_renewal_reminders_send)
    (message,) = outbox
    assert "Renew it here" not in message.body
    assert absolute_url(certificate.get_absolute_url()) in message.body


@pytest.mark.usefixtures("translated")
def test_the_reminder_is_written_in_the_holders_language(certification, learner, outbox, committed):
    Profile.objects.update_or_create(user=learner, defaults={"interface_language": "fr"})
    certificate = _complete(committed, learner, certification["course"], certification["lesson"])
    ends = timezone.make_aware(datetime(timezone.now().year + 1, 6, 15, 23, 59, 59))
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=ends)
    outbox.clear()
    committed(services.certificate_renewal_reminders_send, now=ends - timedelta(days=30))
    (message,) = outbox
    assert "15 juin" in message.body and "June" not in message.body
    assert "/fr/academy/" in message.body, message.body


def test_the_reminder_command_reports_what_it_sent(db, learner):
    _expiring(learner, days=5)
    output = StringIO()
    call_command("send_renewal_reminders", stdout=output)
    assert output.getvalue().strip() == "Renewal reminders queued: 1."


# My learning and the verification page -----------------------------------------------------

MY_LEARNING = reverse("academy:my_learning")


def test_my_learning_offers_the_renewal_course_within_the_lead_time(
    client, certification, learner, committed
):
    certificate = _complete(committed, learner, certification["course"], certification["lesson"])
    client.force_login(learner)
    page = client.get(MY_LEARNING).content.decode()
    ends = timezone.localtime(certificate.valid_until)
    assert "Valid until" in page and f"{ends.day} {ends:%B} {ends.year}" in page
    assert ">Renew<" not in page  # three years ahead: nothing to renew yet

    certificate.valid_until = timezone.now() + timedelta(days=30)
    certificate.save(update_fields=["valid_until"])
    page = client.get(MY_LEARNING).content.decode()
    assert f'href="{certification["refresher"].url}">Renew' in page


def test_an_expired_certificate_says_so_with_its_date_and_offers_renewal(
    client, certification, learner, committed
):
    course, lesson = certification["course"], certification["lesson"]
    certificate = _complete(committed, learner, course, lesson)
    expired_on = timezone.now() - timedelta(days=40)
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=expired_on)
    client.force_login(learner)
    page = client.get(MY_LEARNING).content.decode()
    assert "Expired" in page and f"{expired_on.year}" in page
    assert f'href="{certification["refresher"].url}">Renew' in page

    verification = client.get(certificate.get_absolute_url()).content.decode()
    local = timezone.localtime(expired_on)
    assert "Expired" in verification and f"{local.day} {local:%B} {local.year}" in verification
    assert 'badge--approved">Valid' not in verification


def test_only_the_holder_sees_the_renew_link(
    client, certification, learner, other_learner, committed
):
    certificate = _complete(committed, learner, certification["course"], certification["lesson"])
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_until=timezone.now() + timedelta(days=30)
    )
    refresher_link = f'href="{certification["refresher"].url}"'
    client.force_login(other_learner)
    assert refresher_link not in client.get(MY_LEARNING).content.decode()
    client.logout()
    verification = client.get(certificate.get_absolute_url())
    assert verification.status_code == 200
    assert refresher_link not in verification.content.decode()
    client.force_login(learner)
    assert refresher_link in client.get(MY_LEARNING).content.decode()


def test_a_renewed_certificate_stays_verifiable_as_replaced(
    client, certification, learner, committed
):
    old = _complete(committed, learner, certification["course"], certification["lesson"])
    new = _complete(
        committed, learner, certification["refresher"], certification["refresher_lesson"]
    )
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert "Replaced" in old_page and "Revoked" not in old_page
    assert 'badge--approved">Valid' in client.get(new.get_absolute_url()).content.decode()
    client.force_login(learner)
    dashboard = client.get(MY_LEARNING).content.decode()
    assert dashboard.count("Replaced") == 1 and ">Renew<" not in dashboard
