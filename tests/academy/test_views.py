"""Who may open what: lessons, quiz answers, certificates, enrolment lists, for each role."""

import re
import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from academy import services
from academy.models import (
    AcademyLandingPage,
    Certificate,
    CoursePage,
    CourseTrainer,
    Enrolment,
    QuizPage,
    Trainer,
)
from portal.core.capacity import PlaceStatus
from tests.factories import TEST_TOTP_SECRET, UserFactory
from tests.factories.academy import (
    make_course,
    make_lesson,
    make_module,
    make_quiz,
    make_session,
    question_ids,
)

pytestmark = pytest.mark.django_db


def _enrol(user, course, session=None):
    return services.enrolment_create(user=user, course=course, session=session)


@pytest.fixture
def certified(self_paced, learner):
    _enrol(learner, self_paced["course"])
    for lesson in self_paced["lessons"]:
        services.lesson_complete(user=learner, lesson=lesson)
    single, several = question_ids(self_paced["quiz"])
    services.quiz_submit(
        user=learner, quiz=self_paced["quiz"], answers={single: ["0"], several: ["0", "2"]}
    )
    return Certificate.objects.get(holder=learner)


# Lessons and quizzes -----------------------------------------------------------------------


def test_lessons_send_visitors_to_sign_in(client, self_paced):
    lesson = self_paced["lessons"][0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_lessons_send_signed_in_non_learners_to_the_course(client, self_paced, other_learner):
    client.force_login(other_learner)
    response = client.get(self_paced["lessons"][0].url)
    assert response.status_code == 302
    assert response["Location"] == self_paced["course"].url


def test_waitlisted_learners_cannot_open_lessons(client, home):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    lesson = make_lesson(make_module(course))
    session = make_session(course, capacity=1)
    _enrol(UserFactory(), course, session)
    waiting = UserFactory()
    _enrol(waiting, course, session)
    client.force_login(waiting)
    assert client.get(lesson.url).status_code == 302


def test_learners_and_editors_open_lessons(client, self_paced, learner, staff_user):
    _enrol(learner, self_paced["course"])
    client.force_login(learner)
    response = client.get(self_paced["lessons"][0].url)
    assert response.status_code == 200
    assert b"Lesson text about flat rates" in response.content
    assert Enrolment.objects.get(user=learner).last_visited_id == self_paced["lessons"][0].pk
    client.force_login(staff_user)
    assert client.get(self_paced["lessons"][0].url).status_code == 200


def test_lessons_stay_out_of_search_and_sitemap(client, self_paced):
    response = client.get("/search/?q=flat+rates")
    assert self_paced["lessons"][0].url.encode() not in response.content
    assert self_paced["lessons"][0].url.encode() not in client.get("/sitemap.xml").content
    assert self_paced["course"].url.encode() in client.get("/sitemap.xml").content


def test_marking_a_lesson_done_moves_on(client, self_paced, learner):
    _enrol(learner, self_paced["course"])
    client.force_login(learner)
    first, second = self_paced["lessons"]
    response = client.post(first.url)
    assert response.status_code == 302 and response["Location"] == second.url
    background = client.post(second.url, headers={"X-Portal-Background": "1"})
    assert background.json() == {"done": True}


def test_the_quiz_page_never_sends_correct_answers(client, self_paced, learner):
    _enrol(learner, self_paced["course"])
    client.force_login(learner)
    html = client.get(self_paced["quiz"].url).content.decode()
    assert "A flat rate" in html
    assert "correct" not in html.lower()
    assert "Yes: a percentage." not in html  # per-answer feedback waits for submission
    assert "Flat rates are percentages." not in html


def test_an_incomplete_quiz_comes_back_with_answers_kept(client, self_paced, learner):
    _enrol(learner, self_paced["course"])
    client.force_login(learner)
    single, several = question_ids(self_paced["quiz"])
    response = client.post(self_paced["quiz"].url, {single: "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="{single}" value="1" checked' in html
    assert "Answer this question." in html
    assert f'id="{several}-error"' in html


def test_an_incomplete_quiz_leads_with_a_summary_linking_each_unanswered_question(
    client, self_paced, learner
):
    _enrol(learner, self_paced["course"])
    client.force_login(learner)
    single, several = question_ids(self_paced["quiz"])
    answered = client.get(self_paced["quiz"].url).content.decode()
    assert "data-error-summary" not in answered
    assert not _title(answered).startswith("Error:")

    response = client.post(self_paced["quiz"].url, {single: "1"})
    html = response.content.decode()
    assert _title(html).startswith("Error: ")
    summary = html[
        html.index("data-error-summary") : html.index("</ul>", html.index("data-error-summary"))
    ]
    assert f'<a href="#question-{several}_0">Question 2:' in summary
    assert "Answer this question." in summary
    assert f"#question-{single}_0" not in summary  # the answered one is not listed
    assert f'id="question-{several}_0"' in html


def test_a_failed_attempt_shows_feedback_but_not_the_answers(client, home, learner):
    course = make_course(kind=CoursePage.Kind.SHORT)
    quiz = make_quiz(
        make_module(course),
        review_detail=QuizPage.ReviewDetail.MISTAKES,
        review_timing=QuizPage.ReviewTiming.IMMEDIATELY,
    )
    _enrol(learner, course)
    client.force_login(learner)
    single, several = question_ids(quiz)
    response = client.post(quiz.url, {single: "1", several: "1"})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Not passed yet: 0%" in html
    assert "Not right" in html  # which answers were wrong
    assert "(correct)" not in html
    assert "A lump sum is fixed." not in html


def test_a_learner_sees_only_their_own_attempts(client, self_paced, learner, other_learner):
    _enrol(learner, self_paced["course"])
    _enrol(other_learner, self_paced["course"])
    single, several = question_ids(self_paced["quiz"])
    services.quiz_submit(
        user=learner, quiz=self_paced["quiz"], answers={single: ["1"], several: ["1"]}
    )
    client.force_login(other_learner)
    html = client.get(f"{self_paced['quiz'].url}?attempt=1").content.decode()
    assert "Not passed yet" not in html


# Course page and catalogue -----------------------------------------------------------------


def test_course_page_states(client, self_paced, learner):
    course = self_paced["course"]
    assert b"Sign in to enrol" in client.get(course.url).content
    client.force_login(learner)
    assert b">Enrol<" in client.get(course.url).content
    response = client.post(reverse("academy:enrol", args=[course.pk]))
    assert response.status_code == 302
    assert b"Start the course" in client.get(course.url).content
    services.lesson_complete(user=learner, lesson=self_paced["lessons"][0])
    assert b"Continue where you left off" in client.get(course.url).content


def test_course_page_tells_who_may_not_enrol(client, home, learner):
    course = make_course(enrolment_audience=CoursePage.Audience.PROGRAMME_STAFF)
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert "This course is for approved programme staff" in html
    response = client.post(reverse("academy:enrol", args=[course.pk]))
    assert response.status_code == 302
    assert not Enrolment.objects.exists()


def test_full_session_offers_the_waiting_list(client, home, learner):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = make_session(course, capacity=1)
    _enrol(UserFactory(), course, session)
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert "Join the waiting list" in html
    client.post(reverse("academy:enrol", args=[course.pk]), {"session": session.pk})
    assert Enrolment.objects.get(user=learner).status == PlaceStatus.WAITLISTED
    assert "You are number 1 on the waiting list" in client.get(course.url).content.decode()


def test_a_session_of_another_course_cannot_be_posted(client, home, learner):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    foreign = make_session(make_course(format=CoursePage.Format.LIVE_ONLINE))
    client.force_login(learner)
    client.post(reverse("academy:enrol", args=[course.pk]), {"session": foreign.pk})
    assert not Enrolment.objects.exists()


def test_catalogue_filters_combine_and_count(client, home):
    live = make_course(title="Jems for beginners", format=CoursePage.Format.LIVE_ONLINE)
    make_session(live)
    make_course(title="Jems at your pace", format=CoursePage.Format.SELF_PACED)
    make_course(title="Audit", format=CoursePage.Format.LIVE_ONLINE, language="fr")
    catalogue = AcademyLandingPage.objects.get()
    html = client.get(f"{catalogue.url}?q=jems&format=live_online&upcoming=on").content.decode()
    assert "1 course<" in html
    assert "Jems for beginners" in html and "Jems at your pace" not in html
    assert "Next session" in html
    html = client.get(f"{catalogue.url}?language=fr").content.decode()
    assert "1 course<" in html and "Audit" in html


def test_catalogue_ignores_bad_filter_values(client, home):
    make_course()
    url = AcademyLandingPage.objects.get().url
    response = client.get(f"{url}?format=nonsense&level=%00&page=999")
    assert response.status_code == 200


def test_cancelling_from_the_course_page(client, home, learner):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = make_session(course)
    enrolment = _enrol(learner, course, session)
    client.force_login(learner)
    client.post(reverse("academy:enrolment_cancel", args=[enrolment.pk]))
    enrolment.refresh_from_db()
    assert enrolment.status == PlaceStatus.CANCELLED


def test_nobody_cancels_someone_elses_place(client, home, learner, other_learner):
    course = make_course()
    enrolment = _enrol(learner, course)
    client.force_login(other_learner)
    assert client.post(reverse("academy:enrolment_cancel", args=[enrolment.pk])).status_code == 404


# Dashboard and calendar --------------------------------------------------------------------


def test_my_learning_lists_each_stage(client, certified, learner, home):
    in_progress = make_course(title="Ongoing course")
    make_lesson(make_module(in_progress))
    _enrol(learner, in_progress)
    client.force_login(learner)
    html = client.get(reverse("academy:my_learning")).content.decode()
    assert "Ongoing course" in html
    assert certified.code in html
    assert reverse("academy:certificate_linkedin", args=[certified.code]) in html


def test_session_calendar_only_for_confirmed_learners(client, home, learner, other_learner):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE, title="Jems, live")
    session = make_session(course)
    _enrol(learner, course, session)
    url = reverse("academy:session_calendar", args=[session.pk])
    client.force_login(other_learner)
    assert client.get(url).status_code == 404
    client.force_login(learner)
    response = client.get(url)
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and "SUMMARY;LANGUAGE=en:Jems\\, live" in body
    assert body.endswith("\r\n")


# Certificates ------------------------------------------------------------------------------


def test_verification_is_public_minimal_and_noindex(client, certified):
    response = client.get(certified.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "Łucja Dvořák" in html and certified.title in html and "Valid" in html
    assert certified.holder.email not in html


def test_verification_shows_revocation(client, certified, staff_user):
    services.certificate_revoke(certificate=certified, reason="Issued in error", by=staff_user)
    html = client.get(certified.get_absolute_url()).content.decode()
    assert "Revoked" in html
    assert "Issued in error" not in html


def test_a_guessed_code_finds_nothing(client, certified):
    response = client.get(reverse("academy:certificate_verify", args=["ABCD-EFGH-JKMN-PQRS-TVWX"]))
    assert response.status_code == 404


def test_codes_typed_in_lower_case_are_redirected(client, certified):
    response = client.get(reverse("academy:certificate_verify", args=[certified.code.lower()]))
    assert response.status_code == 302
    assert response["Location"] == certified.get_absolute_url()


def test_the_lookup_form_goes_to_the_certificate(client, certified):
    response = client.get(reverse("academy:certificate_lookup"), {"code": certified.code})
    assert response["Location"] == certified.get_absolute_url()
    response = client.get(reverse("academy:certificate_lookup"), {"code": "---"})
    assert "Enter the code printed on the certificate." in response.content.decode()


def test_verification_is_rate_limited(client, certified, settings):
    settings.CERTIFICATE_CHECKS_PER_MINUTE = 5
    url = reverse("academy:certificate_verify", args=["ABCD-EFGH-JKMN-PQRS-TVWX"])
    guesser = f"203.0.113.{uuid.uuid4().int % 250}"  # an address no other test uses
    statuses = [client.get(url, REMOTE_ADDR=guesser).status_code for _ in range(6)]
    assert statuses == [404] * 5 + [429]
    assert client.get(url, REMOTE_ADDR="198.51.100.1").status_code == 404  # others unaffected


def test_the_pdf_belongs_to_its_holder(client, certified, other_learner, staff_user):
    url = reverse("academy:certificate_download", args=[certified.code])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(other_learner)
    assert client.get(url).status_code == 404
    client.force_login(certified.holder)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_revoked_certificates_cannot_be_downloaded(client, certified, staff_user):
    services.certificate_revoke(certificate=certified, reason="Issued in error", by=staff_user)
    client.force_login(certified.holder)
    response = client.get(reverse("academy:certificate_download", args=[certified.code]))
    assert response.status_code == 302


def test_linkedin_link_is_prefilled(client, certified):
    client.force_login(certified.holder)
    response = client.get(reverse("academy:certificate_linkedin", args=[certified.code]))
    assert response["Location"].startswith("https://www.linkedin.com/profile/add?")
    assert f"certId={certified.code}" in response["Location"]


# Admin: enrolment lists, attendance, statistics, revocation ------------------------------


def test_learners_cannot_reach_enrolment_lists(client, certified, other_learner):
    client.force_login(other_learner)
    for name in ("academy_enrolments:index", "academy_quiz_attempts:index"):
        assert client.get(reverse(name)).status_code in (302, 403)
    export = reverse("academy_enrolments:index") + "?export=csv"
    assert client.get(export).status_code in (302, 403)


def test_editors_export_enrolments_as_csv(client, certified, superuser):
    client.force_login(superuser)
    response = client.get(reverse("academy_enrolments:index") + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert certified.holder.email in body


def test_statistics_count_per_course(client, certified, superuser, self_paced):
    _enrol(UserFactory(), self_paced["course"])
    client.force_login(superuser)
    response = client.get(reverse("academy_admin:statistics"))
    row = next(row for row in response.context["rows"] if row["course"] == self_paced["course"])
    assert (row["enrolled"], row["active"], row["completed"], row["completion_rate"]) == (
        2,
        1,
        1,
        50,
    )
    assert row["average_score"] == 100


def test_trainers_mark_attendance_only_for_their_courses(client, home, learner):
    course = make_course(
        format=CoursePage.Format.IN_PERSON,
        completion_requires_lessons=False,
        completion_requires_attendance=True,
    )
    session = make_session(course, delivery="in_person", venue="Hall", city="Lille")
    enrolment = _enrol(learner, course, session)

    # Trainers open the admin but have no rights on the course pages themselves.
    trainers, _created = Group.objects.get_or_create(name="Academy trainers")
    trainers.permissions.add(Permission.objects.get(codename="access_admin"))
    trainer_user = UserFactory(totp_secret=TEST_TOTP_SECRET)
    trainer_user.groups.add(trainers)
    url = reverse("academy_admin:attendance", args=[session.pk])
    client.force_login(trainer_user)
    refused = client.get(url)  # the admin turns "permission denied" into a trip home
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    trainer = Trainer.objects.create(name="Trainer", user=trainer_user)
    CourseTrainer.objects.create(course=course, trainer=trainer)
    assert client.get(url).status_code == 200
    client.post(url, {"enrolment": enrolment.pk, "attended": "yes"})
    enrolment.refresh_from_db()
    assert enrolment.attended is True and enrolment.completed_at
    assert Certificate.objects.filter(holder=learner).exists()


def test_revoke_screen_keeps_the_missing_reason_next_to_the_field(client, certified, superuser):
    client.force_login(superuser)
    url = reverse("academy_admin:certificate_revoke", args=[certified.pk])
    response = client.post(url, {"action": "revoke", "reason": ""})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    client.post(url, {"action": "revoke", "reason": "Wrong person"})
    certified.refresh_from_db()
    assert certified.revoked_reason == "Wrong person"


def test_learners_cannot_revoke(client, certified):
    client.force_login(certified.holder)
    url = reverse("academy_admin:certificate_revoke", args=[certified.pk])
    client.post(url, {"action": "revoke", "reason": "mine"})
    certified.refresh_from_db()
    assert certified.is_valid


# Course material -------------------------------------------------------------------------


def test_documents_used_only_in_lessons_are_for_learners(client, home, learner, other_learner):
    document = get_document_model().objects.create(
        title="Checklist", file=ContentFile(b"checklist", name="checklist.txt")
    )
    course = make_course()
    module = make_module(course)
    make_lesson(module, body=[("document_list", {"heading": "", "documents": [document]})])
    url = document.url
    assert client.get(url).status_code == 302
    client.force_login(other_learner)
    assert client.get(url).status_code == 404
    _enrol(learner, course)
    client.force_login(learner)
    assert client.get(url).status_code == 200


def test_raising_seats_in_the_admin_promotes_waiting_learners(client, home, superuser):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = make_session(course, capacity=1)
    _enrol(UserFactory(), course, session)
    waiting = _enrol(UserFactory(), course, session)
    client.force_login(superuser)
    url = reverse("academy_sessions:edit", args=[session.pk])
    form = client.get(url).context["form"]
    data = {
        name: field.widget.format_value(form.initial.get(name)) or ""
        for name, field in form.fields.items()
        if name != "trainers"
    }
    data.update(
        capacity=2,
        starts_at=session.starts_at.strftime("%Y-%m-%d %H:%M"),
        ends_at=session.ends_at.strftime("%Y-%m-%d %H:%M"),
        enrolment_closes_at="",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    waiting.refresh_from_db()
    assert waiting.status == PlaceStatus.CONFIRMED


def test_my_data_export_includes_learning(client, certified):
    client.force_login(certified.holder)
    data = client.get(reverse("accounts:my_data_export")).json()
    assert data["academy"]["certificates"][0]["code"] == certified.code
    assert data["academy"]["quiz_attempts"][0]["passed"] is True


def test_names_are_shown_as_text_never_as_markup(client, self_paced):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    hostile = UserFactory(first_name=payload, last_name="Doe")
    _enrol(hostile, self_paced["course"])
    for lesson in self_paced["lessons"]:
        services.lesson_complete(user=hostile, lesson=lesson)
    single, several = question_ids(self_paced["quiz"])
    services.quiz_submit(
        user=hostile, quiz=self_paced["quiz"], answers={single: ["0"], several: ["0", "2"]}
    )
    certificate = Certificate.objects.get(holder=hostile)
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    client.force_login(hostile)
    pdf = client.get(reverse("academy:certificate_download", args=[certificate.code]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def _title(html: str) -> str:
    return " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())
