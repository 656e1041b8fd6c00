"""Deleting an account leaves nothing of the person anywhere in the database.

One person uses every service of the portal and receives and causes e-mails through the
database task queue; after the real account deletion, every text-like column of every table
(all tables the database has, not only Django's models) is searched for their e-mail address
and their names."""

import base64
import binascii
import contextlib
import re
import zlib

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from academy import services as academy
from brand import services as brand
from campaigns.cooperation_day import services as cooperation_day
from campaigns.cooperation_day.models import Event
from campaigns.slam import services as slam
from community import services as community
from community.markup import quote_source
from portal.accounts.models import Profile
from portal.accounts.services import account_delete
from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory
from tests.factories.academy import make_course, make_lesson, make_module, make_quiz, question_ids
from tests.factories.brand import make_asset
from tests.factories.community import make_member, make_space
from tests.factories.cooperation_day import event_values, make_edition, make_event
from tests.factories.slam import application_values, make_application, make_slam_edition

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "zyxwquv.qorvath@example.org"
FIRST, LAST = "Zyxwquv", "Qorvath"
NEEDLES = [EMAIL, EMAIL.split("@")[0], FIRST, LAST]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_task_worker():
    """What the production worker does: run every queued task, then stop."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def _readable_forms(value) -> list[str]:
    """A stored value as text, plus what a signed or base64-encoded value decodes to."""
    if value is None:
        return []
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        forms = [value.decode("latin-1")]
        with contextlib.suppress(zlib.error):
            forms.append(zlib.decompress(value).decode("latin-1"))
        return forms
    text = str(value)
    forms = [text]
    for chunk in re.findall(r"[A-Za-z0-9_\-+/=.]{16,}", text):
        compressed = chunk.startswith(".")
        chunk = chunk.lstrip(".")
        try:
            decoded = base64.urlsafe_b64decode(chunk + "=" * (-len(chunk) % 4))
        except (binascii.Error, ValueError):
            continue
        if compressed:
            try:
                decoded = zlib.decompress(decoded)
            except zlib.error:
                continue
        forms.append(decoded.decode("latin-1"))
    return forms


def scan_database(needles) -> list[str]:
    """`table.column: needle` for every stored value of every table holding a needle."""
    lowered = [needle.lower() for needle in needles]
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor, include_views=False):
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = " ".join(_readable_forms(value)).lower()
                    hits.extend(
                        f"{table}.{column}: {needle}" for needle in lowered if needle in text
                    )
    return sorted(set(hits))


def _academy(person):
    course = make_course(completion_requires_quizzes=True)
    module = make_module(course)
    lessons = [make_lesson(module, "One"), make_lesson(module, "Two")]
    quiz = make_quiz(module)
    academy.enrolment_create(user=person, course=course)
    for lesson in lessons:
        academy.lesson_complete(user=person, lesson=lesson)
    single, several = question_ids(quiz)
    academy.quiz_submit(user=person, quiz=quiz, answers={single: ["0"], several: ["0", "2"]})
    assert person.certificates.exists()


def _cooperation_day(person, programme, client):
    edition = make_edition()
    make_event(
        edition,
        programme,
        person,
        title="Bridge walk",
        contact_email=EMAIL,
        booking=Event.Booking.SIGN_UP,
        capacity=20,
    )
    cooperation_day.event_create(
        edition=edition,
        organiser=person,
        values=event_values(edition, programme, title="A draft", contact_email=EMAIL),
    )
    cooperation_day.participation_register(
        edition=edition,
        programme=programme,
        user=person,
        contact_name=f"{FIRST} {LAST}",
        contact_email=EMAIL,
    )
    someone_elses = make_event(
        edition, programme, UserFactory(), booking=Event.Booking.SIGN_UP, capacity=5
    )
    cooperation_day.sign_up_request(event=someone_elses, name=f"{FIRST} {LAST}", email=EMAIL)
    run_task_worker()
    link = re.search(r"/cooperation-day/sign-up/(\S+)/confirm/", mail.outbox[-1].body)
    cooperation_day.sign_up_confirm(token=link.group(1))


def _slam(person, programme):
    applying = make_slam_edition(phase="applications")
    application = slam.application_save(
        edition=applying,
        user=person,
        values=application_values(programme, contact_name=f"{FIRST} {LAST}", contact_email=EMAIL),
    )
    slam.application_submit(application=application, user=person)
    voting = make_slam_edition(year=applying.year + 1, phase="voting")
    other_programme = ProgrammeFactory()
    entry = make_application(voting, other_programme, UserFactory(), status="shortlisted")
    slam.vote_cast(edition=voting, user=person, application=entry)


def _brand(person):
    asset = make_asset()
    brand.downloads_record(user=person, variants=list(asset.variants.all()[:1]))


def _community(person):
    space = make_space()
    make_member(space, person)
    friend = make_member(space, UserFactory(first_name="Ana", last_name="Lopez"))
    watcher = make_member(space, UserFactory(first_name="Ines", last_name="Duarte"))
    for someone in (person, friend, watcher):
        Profile.objects.filter(user=someone).update(
            email_frequency=Profile.EmailFrequency.IMMEDIATELY
        )
    community.subscription_set(user=watcher, level="watching", space=space)
    friend_id = friend.profile.public_id
    thread = community.thread_create(
        user=person,
        space=space,
        title="Budget rules",
        kind="discussion",
        source=f"How do you read the rules, @[Ana Lopez]({friend_id})?",
    )
    mine = thread.posts.get(number=1)
    person_id = Profile.objects.get(user=person).public_id
    reply = community.post_create(
        user=friend,
        thread=thread,
        source=quote_source(author_name=person.display_name, source=mine.source)
        + f"Like this, @[{FIRST} {LAST}]({person_id}).",
        quoted_post=mine,
    )
    community.post_create(user=person, thread=thread, source="Thank you, that helps.")
    community.post_flag(user=person, post=reply, reason="spam")
    community.reaction_toggle(user=person, post=reply)


def test_deleting_an_account_leaves_nothing_of_the_person(home, client):
    with override_settings(TASKS=DATABASE_TASKS):
        programme = ProgrammeFactory()
        person = UserFactory(email=EMAIL, first_name=FIRST, last_name=LAST)
        AffiliationFactory(user=person, programme=programme, function="joint_secretariat")
        _academy(person)
        _cooperation_day(person, programme, client)
        _slam(person, programme)
        _brand(person)
        _community(person)
        client.post(reverse("account_reset_password"), {"email": EMAIL})
        run_task_worker()
        sent_to_person = [message for message in mail.outbox if EMAIL in message.to]
        assert any("password" in message.subject.lower() for message in sent_to_person)
        assert len(sent_to_person) >= 6
        assert any(FIRST in message.body for message in mail.outbox if EMAIL not in message.to)
        assert scan_database(NEEDLES)  # the scan sees the person while they have an account

        account_delete(user=person)
        run_task_worker()

        hits = scan_database(NEEDLES)
        assert hits == [], "\n".join(hits)
