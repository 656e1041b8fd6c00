"""Query budget: a learner's dashboard costs the same, and little, however many certificates
and quiz attempts they have gathered; the catalogue's cards cost the same however many show
an image."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from academy import services
from academy.learning_versions import learning_changed
from academy.models import Certificate, CoursePage
from academy.selectors import CERTIFICATES_PER_PAGE
from portal.core.cache import content_changed
from tests.factories.academy import catalogue, make_course, make_failed_attempts
from tests.factories.pages import make_image
from tests.helpers import PERSONAL_PAGE_QUERY_BUDGET, count_queries, queries_at_10_and_1000

pytestmark = pytest.mark.django_db

URL = reverse("academy:my_learning")


def _certificates(learner, course, numbers, *, title: str, valid_until=None) -> None:
    """Certificates of `course` for `learner`, one per number, titled `title` and the number."""
    Certificate.objects.bulk_create(
        Certificate(
            code=f"BUDGET{number:06}",
            kind=Certificate.Kind.COURSE,
            source_key=f"budget:{number}",
            holder=learner,
            holder_name="Łucja Dvořák",
            title=f"{title} {number}",
            completed_on=timezone.localdate(),
            course=course,
            valid_until=valid_until,
        )
        for number in numbers
    )


def test_my_learning_keeps_its_queries_at_10_and_1000_rows(client, learner, self_paced):
    course, quiz = self_paced["course"], self_paced["quiz"]
    services.enrolment_create(user=learner, course=course)

    def grow(total):
        existing = Certificate.objects.filter(holder=learner).count()
        _certificates(learner, course, range(existing, total), title="Course")
        make_failed_attempts(learner, course, quiz, range(existing, total))

    client.force_login(learner)
    # The rows are written in bulk, as no service writes them: what the services' writes
    # do to the learner's kept page is done here.
    few, many, response = queries_at_10_and_1000(
        client, URL, grow, forget=lambda: learning_changed([learner.pk])
    )
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many
    certificates = response.context["certificates"]
    assert certificates.paginator.count == 1000
    assert len(certificates.object_list) == CERTIFICATES_PER_PAGE
    assert [item.enrolment.course for item in response.context["in_progress"]] == [course]


def test_older_certificates_are_on_the_next_pages(client, learner, self_paced):
    _certificates(
        learner,
        self_paced["course"],
        range(CERTIFICATES_PER_PAGE + 1),
        title="Certificate number",
    )
    client.force_login(learner)
    first = client.get(URL).content.decode()
    last = client.get(URL, {"page": 2}).content.decode()
    titles = [f"Certificate number {number}<" for number in range(CERTIFICATES_PER_PAGE + 1)]
    assert sum(title in first for title in titles) == CERTIFICATES_PER_PAGE
    assert sum(title in last for title in titles) == 1
    assert 'rel="prev"' in last


def test_the_catalogue_fetches_its_cards_images_at_once_at_2_and_12_courses(client, home):
    for _ in range(2):
        make_course(image=make_image())
    url = catalogue().url
    client.get(url)  # the renditions are made on the first render only
    content_changed()
    few, _response = count_queries(client.get, url)
    for _ in range(10):
        make_course(image=make_image())
    client.get(url)
    content_changed()
    many, response = count_queries(client.get, url)

    assert few == many
    assert many <= 17, many
    assert response.content.decode().count('class="course-card__image"') == 12


def test_certificates_due_for_renewal_cost_no_more_queries(client, learner, self_paced):
    refresher = make_course(kind=CoursePage.Kind.SHORT)
    course = self_paced["course"]
    course.certificate_validity_months = 36
    course.renewal_course = refresher
    course.save_revision().publish()
    ending = timezone.now() + timedelta(days=10)

    def grow(total):
        existing = Certificate.objects.filter(holder=learner).count()
        _certificates(learner, course, range(existing, total), title="Due", valid_until=ending)

    client.force_login(learner)
    few, many, response = queries_at_10_and_1000(
        client, URL, grow, forget=lambda: learning_changed([learner.pk])
    )
    assert few == many
    assert many <= PERSONAL_PAGE_QUERY_BUDGET, many
    renew_link = f'href="{refresher.url}">Renew<'
    assert response.content.decode().count(renew_link) == CERTIFICATES_PER_PAGE
