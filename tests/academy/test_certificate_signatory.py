"""The certificate's signatory: named by the certificate template (or the course), printed on
the PDF and shown on the public verification page."""

import pytest
from django.urls import reverse

from academy import services
from academy.certificate_pdf import render_certificate_pdf
from academy.demo import seed_certificate_signatory
from academy.models import Certificate, CertificateTemplate
from tests.academy.pdf_text import pdf_text
from tests.factories.academy import make_course, make_lesson, make_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def signatory():
    template = CertificateTemplate.load()
    template.signatory_name = "Dr Katarina Novak"
    template.signatory_title = "Director, Interreg Academy"
    template.save()
    return template


@pytest.fixture
def certificate(home, learner, signatory):
    course = make_course()
    lesson = make_lesson(make_module(course))
    services.enrolment_create(user=learner, course=course)
    services.lesson_complete(user=learner, lesson=lesson)
    return Certificate.objects.get(holder=learner, course=course)


def test_a_course_without_its_own_signatory_is_signed_by_the_templates(certificate):
    assert certificate.signatory_name == "Dr Katarina Novak"
    assert certificate.signatory_title == "Director, Interreg Academy"


def test_the_pdf_prints_the_signatorys_name_and_title(certificate, signatory):
    text = pdf_text(
        render_certificate_pdf(certificate=certificate, template=signatory, verify_url="-")
    )
    lines = text.splitlines()
    assert "Dr Katarina Novak" in lines
    assert "Director, Interreg Academy" in lines
    assert "Łucja Dvořák" in lines  # the reader works for every alphabet the PDF prints


def test_the_verification_page_names_the_signatory(client, certificate):
    html = client.get(reverse("academy:certificate_verify", args=[certificate.code])).content
    html = html.decode()
    assert "Signed by" in html
    assert "Dr Katarina Novak, Director, Interreg Academy" in html


def test_a_courses_own_signatory_replaces_the_templates(home, learner, signatory):
    course = make_course(signatory_name="Prof. Jan Horák", signatory_title="Course director")
    lesson = make_lesson(make_module(course))
    services.enrolment_create(user=learner, course=course)
    services.lesson_complete(user=learner, lesson=lesson)
    certificate = Certificate.objects.get(holder=learner, course=course)
    lines = pdf_text(
        render_certificate_pdf(certificate=certificate, template=signatory, verify_url="-")
    ).splitlines()
    assert "Prof. Jan Horák" in lines and "Course director" in lines
    assert "Dr Katarina Novak" not in lines


def test_the_demo_names_a_signatory_and_keeps_an_editors(db):
    seed_certificate_signatory()
    template = CertificateTemplate.load()
    assert (template.signatory_name, template.signatory_title) == (
        "Dr Katarina Novak",
        "Director, Interreg Academy",
    )
    template.signatory_name = "Maria Schmidt"
    template.save()
    seed_certificate_signatory()
    assert CertificateTemplate.load().signatory_name == "Maria Schmidt"
