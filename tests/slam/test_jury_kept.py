"""The jury's workspace and ranking are kept for each juror alone (portal.core.cache.
kept_for_person, campaigns.slam.jury_versions): two jurors and a visitor interleaved each get
their own, and each change the pages show (a review, an assignment, a shortlisting, an
application leaving the jury stage, a seat on the jury) shows on the next request; the
edition's next phase bounds a copy."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from campaigns.slam import services
from campaigns.slam.models import SlamApplication, SlamJuror
from tests.factories import UserFactory
from tests.factories.slam import make_application
from tests.helpers import count_queries, signed_in_client

pytestmark = pytest.mark.django_db


def _url(name, edition) -> str:
    return reverse(f"slam:{name}") + f"?edition={edition.year}"


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response


def _scores(edition, value) -> dict:
    return {criterion.pk: value for criterion in edition.criteria.all()}


def test_two_jurors_and_a_visitor_interleaved_each_get_their_own(client, judged):
    edition, applications, (chair, juror, other) = judged
    services.review_save(application=applications[0], juror=juror, scores=_scores(edition, 7))
    services.review_save(application=applications[0], juror=other, scores=_scores(edition, 3))
    url = _url("jury", edition)
    clients = {person: signed_in_client(person) for person in (juror, other)}
    for round_number in range(2):
        for person in (juror, other):
            response = clients[person].get(url)
            page = response.content.decode()
            own, theirs = ("70", "30") if person == juror else ("30", "70")
            assert f"Scored: {own}" in page and f"Scored: {theirs}" not in page
            assert response["X-Page-Cache"] == ("miss" if round_number == 0 else "hit")
            assert not re.search(r"piece-[0-9a-f]{32}-", page)
        assert client.get(url).status_code == 302
    # The chair's link to the ranking is theirs alone.
    assert _url("ranking", edition) not in _get(clients[juror], url).content.decode()
    assert _url("ranking", edition) in _get(signed_in_client(chair), url).content.decode()
    queries, response = count_queries(clients[juror].get, url)
    assert response["X-Page-Cache"] == "hit" and queries <= 1, queries


def test_each_juror_gets_their_own_csrf_token_on_the_kept_ranking(judged):
    edition, _applications, (chair, _juror, _other) = judged
    staff = UserFactory(is_superuser=True)
    url = _url("ranking", edition)
    tokens = []
    for person in (chair, staff, chair, staff):
        person_client = signed_in_client(person)
        page = _get(person_client, url).content.decode()
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
    assert len(set(tokens)) == 4  # a fresh mask each time: the token is a piece


def test_a_non_juror_is_refused_even_once_a_juror_has_a_copy(judged):
    edition, _applications, (chair, juror, _other) = judged
    _get(signed_in_client(juror), _url("jury", edition))
    _get(signed_in_client(chair), _url("ranking", edition))
    outsider = signed_in_client(UserFactory())
    assert outsider.get(_url("jury", edition)).status_code == 403
    assert outsider.get(_url("ranking", edition)).status_code == 403
    # A juror who is not the chair is refused the ranking, a copy of it notwithstanding.
    assert signed_in_client(juror).get(_url("ranking", edition)).status_code == 403


def test_a_review_shows_in_the_queue_and_the_ranking_on_the_next_request(judged):
    edition, applications, (chair, juror, _other) = judged
    juror_client, chair_client = signed_in_client(juror), signed_in_client(chair)
    _get(juror_client, _url("jury", edition))
    assert "To do" in _get(juror_client, _url("jury", edition)).content.decode()
    _get(chair_client, _url("ranking", edition))
    assert "<td>80.0</td>" not in _get(chair_client, _url("ranking", edition)).content.decode()
    # Through the review page, as the juror would.
    review_url = reverse("slam:review", args=[applications[0].public_id])
    data = {f"score_{pk}": 8 for pk in _scores(edition, 8)}
    data["comment"] = "Strong story."
    assert juror_client.post(review_url, data).status_code == 302
    assert "Scored: 80" in _get(juror_client, _url("jury", edition)).content.decode()
    assert "<td>80.0</td>" in _get(chair_client, _url("ranking", edition)).content.decode()
    # Another juror's review changes the chair's ranking too.
    services.review_save(
        application=applications[0], juror=chair, scores={}, conflict=True, comment=""
    )
    ranking = _get(chair_client, _url("ranking", edition)).content.decode()
    assert "<td>1</td><td>1</td>" in ranking  # one review, one conflict


def test_an_assignment_shows_on_the_next_request(judged, programme):
    edition, applications, (_chair, juror, _other) = judged
    juror_client = signed_in_client(juror)
    _get(juror_client, _url("jury", edition))
    assert _get(juror_client, _url("jury", edition))["X-Page-Cache"] == "hit"
    added = make_application(edition, programme, applications[0].applicant)
    # Saving the application drops the copies; the assignment, made in bulk, must too.
    _get(juror_client, _url("jury", edition))
    assert added.public_id not in _get(juror_client, _url("jury", edition)).content.decode()
    services.jury_assign(edition=edition, per_application=3)
    assert added.public_id in _get(juror_client, _url("jury", edition)).content.decode()


def test_shortlisting_and_leaving_the_jury_stage_show_on_the_next_request(judged):
    edition, applications, (chair, _juror, _other) = judged
    edition.applications_close = timezone.now() - timedelta(days=1)
    chair_client = signed_in_client(chair)
    url = _url("ranking", edition)
    _get(chair_client, url)
    assert "Finalists and awards" not in _get(chair_client, url).content.decode()
    response = chair_client.post(url, {"action": "shortlist", "shortlisted": [applications[1].pk]})
    assert response.status_code == 302
    assert "Finalists and awards" in _get(chair_client, url).content.decode()
    assert SlamApplication.objects.get(pk=applications[1].pk).is_shortlisted
    # An application sent back to draft leaves the jury stage.
    assert applications[2].project_name in _get(chair_client, url).content.decode()
    applications[2].status = SlamApplication.Status.DRAFT
    applications[2].save()
    assert applications[2].project_name not in _get(chair_client, url).content.decode()


def test_a_seat_on_the_jury_shows_on_the_next_request(judged):
    edition, _applications, (_chair, juror, _other) = judged
    juror_client = signed_in_client(juror)
    url = _url("jury", edition)
    _get(juror_client, url)
    assert _url("ranking", edition) not in _get(juror_client, url).content.decode()
    seat = SlamJuror.objects.get(edition=edition, user=juror)
    seat.is_chair = True
    seat.save()
    assert _url("ranking", edition) in _get(juror_client, url).content.decode()
    seat.delete()
    assert juror_client.get(url).status_code == 403


def test_a_copy_lasts_no_later_than_the_editions_next_phase(judged):
    edition, _applications, (_chair, juror, _other) = judged
    url = _url("jury", edition)
    juror_client = signed_in_client(juror)
    _get(juror_client, url)
    assert _get(juror_client, url)["X-Page-Cache"] == "hit"
    # The next phase is less than a second away: nothing is kept.
    moment = timezone.now() + timedelta(milliseconds=500)
    edition.__class__.objects.filter(pk=edition.pk).update(
        **{name: moment for name in edition.TIMELINE if getattr(edition, name) > timezone.now()}
    )
    cache.clear()
    for _round in range(2):
        assert _get(juror_client, url).get("X-Page-Cache") != "hit"


def test_a_refused_choice_is_shown_with_its_message_never_from_a_copy(judged):
    edition, applications, (chair, _juror, _other) = judged
    chair_client = signed_in_client(chair)
    url = _url("ranking", edition)
    _get(chair_client, url)
    assert _get(chair_client, url)["X-Page-Cache"] == "hit"
    # Finalists before the vote has closed: refused, and the message shown after the redirect.
    response = chair_client.post(url, {"action": "finalists", "finalist": [applications[0].pk]})
    assert response.status_code == 302
    response = _get(chair_client, url)
    assert response.get("X-Page-Cache") != "hit"
    assert "Finalists are chosen once the public vote has closed." in response.content.decode()
    assert "public vote has closed" not in _get(chair_client, url).content.decode()


def test_a_review_form_with_errors_is_never_served_from_a_copy(judged):
    edition, applications, (_chair, juror, _other) = judged
    juror_client = signed_in_client(juror)
    _get(juror_client, _url("jury", edition))
    review_url = reverse("slam:review", args=[applications[0].public_id])
    for _round in range(2):
        response = juror_client.post(review_url, {"comment": "No scores"})
        assert response.status_code == 200 and response.get("X-Page-Cache") != "hit"
    assert "To do" in _get(juror_client, _url("jury", edition)).content.decode()
