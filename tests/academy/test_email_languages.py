"""Academy e-mails are written in the learner's language, dates and links included."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from academy import services
from academy.models import CoursePage
from portal.accounts.models import Profile
from tests.catalogues import translated  # noqa: F401 -- a fixture
from tests.factories import UserFactory
from tests.factories.academy import make_course, make_session

pytestmark = pytest.mark.django_db


def _june_session(course):
    year = timezone.now().year + 1
    starts = datetime(year, 6, 15, 10, tzinfo=ZoneInfo("Europe/Paris"))
    return make_session(course, starts_at=starts, ends_at=starts.replace(hour=13))


def _learner(language):
    learner = UserFactory(first_name="Claire", last_name="Martin")
    Profile.objects.update_or_create(user=learner, defaults={"interface_language": language})
    return learner


@pytest.mark.usefixtures("translated")
def test_a_french_officers_enrolment_e_mail_is_in_french(home, outbox, committed):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = _june_session(course)
    learner = _learner("fr")
    with translation.override("en"):  # whatever page they enrolled from
        committed(services.enrolment_create, user=learner, course=course, session=session)
    (message,) = outbox
    with translation.override("fr"):
        subject = translation.gettext("You are enrolled: %(course)s") % {"course": course.title}
    assert subject.startswith("Vous êtes inscrit")
    assert message.subject == subject  # its no-break space before the colon kept
    assert "15 juin" in message.body  # Django's French month, in French order
    assert "/fr/academy/my-learning/" in message.body, message.body
    assert "June" not in message.body


def test_a_learner_without_a_chosen_language_gets_english(home, outbox, committed):
    course = make_course(format=CoursePage.Format.LIVE_ONLINE)
    session = _june_session(course)
    learner = _learner("")
    with translation.override("fr"):
        committed(services.enrolment_create, user=learner, course=course, session=session)
    (message,) = outbox
    assert "15 June" in message.body
    assert "/fr/" not in message.body
