"""The accessibility statement: what it says, its feedback form, and who reads the feedback."""

import secrets
from datetime import date

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from portal.accounts import gdpr
from portal.home.models import (
    ASSESSOR_MISSING,
    REVIEWED_BEFORE_PREPARED,
    AccessibilityFeedback,
    AccessibilityStatementPage,
)
from portal.home.page_views import FEEDBACK_SENT
from portal.notifications.models import Notification
from tests.factories import TEST_TOTP_SECRET, StandardPageFactory, UserFactory
from tests.factories.pages import AccessibilityFeedbackFactory, AccessibilityStatementFactory
from tests.helpers import count_queries, submission_token_in

pytestmark = pytest.mark.django_db


def _feedback_reader(**fields):
    """An editor whose group may read accessibility feedback in the admin."""
    group, _created = Group.objects.get_or_create(name="Accessibility feedback readers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_accessibilityfeedback"),
    )
    person = UserFactory(totp_secret=TEST_TOTP_SECRET, **fields)
    person.groups.add(group)
    return person


def _form(response):
    return {
        "name": "",
        "email": "reader@example.org",
        "page_concerned": "/cooperation-day/",
        "problem": "The map cannot be used with a keyboard.",
        "submission_token": submission_token_in(response),
    }


@pytest.fixture(autouse=True)
def client_address(client):
    """A client address of its own for each test: the per-address limit lives in the shared
    cache, across tests and runs."""
    address = f"2001:db8::{secrets.token_hex(2)}:{secrets.token_hex(2)}"
    client.defaults["REMOTE_ADDR"] = address
    return address


def _send(client, statement, **changes):
    data = _form(client.get(statement.url)) | changes
    return client.post(statement.url, data)


@pytest.fixture
def statement(home):
    return AccessibilityStatementFactory()


# The statement ------------------------------------------------------------------------------


def test_statement_follows_the_model_statement(client, statement):
    html = client.get("/accessibility/").content.decode()
    assert "The portal team is committed to making its website accessible" in html
    assert "This accessibility statement applies to portal.example.org." in html
    assert "This website is partially compliant with EN 301 549" in html
    # Each reason heads its own list, in the model statement's order.
    reasons = [
        "Non-compliance with the accessibility regulations",
        "Disproportionate burden",
        "Content outside the scope of the applicable legislation",
    ]
    positions = [html.index(f"<h3>{reason}</h3>") for reason in reasons]
    assert positions == sorted(positions)
    assert html.index("Maps show outlines only") < positions[1] < html.index("Old newsletters")
    assert "Addresses are given as text." in html
    prepared = statement.prepared_on
    assert f"This statement was prepared on {prepared.day} {prepared:%B %Y}." in html
    assert "The method used to prepare the statement was a self-assessment" in html
    assert 'href="mailto:access@example.org"' in html
    assert 'href="https://monitoring.example.org/complaints"' in html
    assert "If our answer does not satisfy you, you may complain." in html
    assert 'name="problem"' in html and 'name="submission_token"' in html


@pytest.mark.parametrize(
    ("compliance", "sentence"),
    [
        ("full", "This website is fully compliant with EN 301 549"),
        ("none", "This website is not compliant with EN 301 549"),
    ],
)
def test_statement_states_its_compliance(client, home, compliance, sentence):
    AccessibilityStatementFactory(compliance=compliance, non_accessible_content=[])
    html = client.get("/accessibility/").content.decode()
    assert sentence in html
    assert "Non-accessible content" not in html


def test_third_party_assessment_names_the_assessor(client, home):
    AccessibilityStatementFactory(method="third_party", assessed_by="Access Audits Ltd")
    html = client.get("/accessibility/").content.decode()
    assert "an assessment carried out by a third party: Access Audits Ltd." in html


def test_statement_dates_and_assessor_are_checked():
    statement = AccessibilityStatementPage(
        prepared_on=date(2026, 5, 1), reviewed_on=date(2026, 4, 1), method="third_party"
    )
    with pytest.raises(ValidationError) as refused:
        statement.clean()
    assert refused.value.message_dict["reviewed_on"] == [str(REVIEWED_BEFORE_PREPARED)]
    assert refused.value.message_dict["assessed_by"] == [str(ASSESSOR_MISSING)]


def test_every_page_links_to_the_statement_in_its_footer(client, statement):
    other = StandardPageFactory()
    html = client.get(other.url).content.decode()
    assert '<a href="/accessibility/">Accessibility</a>' in html


def test_footer_has_no_statement_link_until_one_is_published(client, home):
    other = StandardPageFactory()
    assert ">Accessibility</a>" not in client.get(other.url).content.decode()


def test_form_names_the_page_the_visitor_came_from(client, statement):
    html = client.get("/accessibility/?page=/slam/gallery/").content.decode()
    assert 'value="/slam/gallery/"' in html
    html = client.get("/accessibility/?page=https://elsewhere.example/").content.decode()
    assert "elsewhere.example" not in html


# Feedback -----------------------------------------------------------------------------------


def test_anyone_may_send_feedback_and_feedback_readers_are_notified(client, statement):
    reader = _feedback_reader()
    superuser = UserFactory(is_staff=True, is_superuser=True)
    trainer_without_the_right = UserFactory()
    trainer_without_the_right.groups.add(Group.objects.get(name="Academy trainers"))
    editor = UserFactory(wagtail_admin=True)  # Wagtail's Editors group reads the feedback
    response = _send(client, statement, name="Ana Reader")
    assert response.status_code == 302
    assert response["Location"] == "/accessibility/#main"
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.name, feedback.email, feedback.sender) == (
        "Ana Reader",
        "reader@example.org",
        None,
    )
    assert feedback.statement_id == statement.pk
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {reader.pk, superuser.pk, editor.pk}
    assert trainer_without_the_right.pk not in notified
    notification = Notification.objects.get(recipient=reader)
    assert notification.title == "New accessibility feedback about /cooperation-day/"
    assert notification.url == reverse("home_accessibility_feedback:inspect", args=[feedback.pk])
    page = client.get(response["Location"]).content.decode()
    assert str(FEEDBACK_SENT).split(":")[0] in page


def test_signed_in_senders_are_remembered_and_prefilled(client, statement, user):
    client.force_login(user)
    html = client.get("/accessibility/").content.decode()
    assert f'value="{user.email}"' in html
    _send(client, statement, email=user.email)
    assert AccessibilityFeedback.objects.get().sender == user


def test_missing_fields_are_named_and_the_text_kept(client, statement):
    response = _send(client, statement, email="not an address", page_concerned="")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert "This field is required." in html
    assert "The map cannot be used with a keyboard." in html
    assert not AccessibilityFeedback.objects.exists()


def test_the_same_form_sent_twice_is_kept_once(client, statement):
    data = _form(client.get(statement.url))
    first = client.post(statement.url, data)
    second = client.post(statement.url, data)
    assert first.status_code == second.status_code == 302
    assert AccessibilityFeedback.objects.count() == 1


@override_settings(ACCESSIBILITY_FEEDBACK_PER_EMAIL_PER_HOUR=2)
def test_one_address_sends_a_limited_amount_of_feedback(client, statement):
    AccessibilityFeedbackFactory.create_batch(2, email="Reader@example.org")
    response = _send(client, statement)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This address has sent as much feedback as we accept in an hour" in html
    assert "The map cannot be used with a keyboard." in html
    assert AccessibilityFeedback.objects.count() == 2
    # An hour later the address may write again.
    AccessibilityFeedback.objects.update(created_at=timezone.now() - timezone.timedelta(hours=2))
    assert _send(client, statement).status_code == 302


@override_settings(ACCESSIBILITY_FEEDBACK_PER_HOUR=1)
def test_one_client_address_sends_a_limited_number_of_messages(client, statement):
    assert _send(client, statement).status_code == 302
    response = _send(client, statement, email="other@example.org")
    assert response.status_code == 429
    assert AccessibilityFeedback.objects.count() == 1


def test_feedback_is_part_of_the_senders_data_and_leaves_with_the_account(client, user):
    AccessibilityFeedbackFactory(sender=user, email=user.email, name="Ana")
    exported = gdpr._sections["accessibility_feedback"](user)
    assert exported[0]["email"] == user.email
    gdpr.erase_user_data(user)
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.sender, feedback.email, feedback.name) == (None, "", "")
    assert feedback.problem == "The map cannot be used with a keyboard."


# Who reads feedback in the admin -----------------------------------------------------------


def test_feedback_readers_see_the_feedback_in_the_admin(client, statement):
    feedback = AccessibilityFeedbackFactory(statement=statement)
    client.force_login(_feedback_reader())
    listing = client.get(reverse("home_accessibility_feedback:index"))
    assert listing.status_code == 200
    assert feedback.email in listing.content.decode()
    inspect = client.get(reverse("home_accessibility_feedback:inspect", args=[feedback.pk]))
    assert inspect.status_code == 200
    assert feedback.problem in inspect.content.decode()
    # Nobody edits what a visitor wrote.
    edit = client.get(reverse("home_accessibility_feedback:edit", args=[feedback.pk]))
    assert edit.status_code == 302 and edit["Location"] == "/admin/"


def test_other_admin_users_and_members_cannot_read_feedback(client, statement):
    feedback = AccessibilityFeedbackFactory(statement=statement)
    index = reverse("home_accessibility_feedback:index")
    inspect = reverse("home_accessibility_feedback:inspect", args=[feedback.pk])
    assert client.get(index)["Location"].startswith("/admin/login/")
    # An admin user outside the editor groups (a trainer) may not read it.
    trainer = UserFactory(totp_secret=TEST_TOTP_SECRET)
    trainer.groups.add(Group.objects.get(name="Academy trainers"))
    client.force_login(trainer)
    for url in (index, inspect):
        refused = client.get(url)
        assert refused.status_code == 302 and refused["Location"] == "/admin/"
    client.force_login(UserFactory())
    assert client.get(index).status_code == 302
    assert feedback.email not in client.get(inspect).content.decode()


def test_the_feedback_list_takes_the_same_queries_for_10_and_1000(client, statement):
    client.force_login(_feedback_reader())
    index = reverse("home_accessibility_feedback:index")

    def add(count, prefix):
        AccessibilityFeedback.objects.bulk_create(
            AccessibilityFeedback(
                statement=statement,
                email=f"{prefix}{number}@example.org",
                page_concerned="/slam/",
                problem="The video has no captions.",
            )
            for number in range(count)
        )

    add(10, "first")
    client.get(index)
    small, response = count_queries(client.get, index)
    assert response.status_code == 200 and "first9@example.org" in response.content.decode()
    add(990, "more")
    large, response = count_queries(client.get, index)
    assert response.status_code == 200
    assert small == large
