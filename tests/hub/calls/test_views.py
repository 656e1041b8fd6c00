"""The calls' pages for each role: who sees what, who publishes for which programme, and what
bad input gets back (a message next to the field, never a server error)."""

from datetime import timedelta

import feedparser
import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from hub.calls.forms import CallFilterForm
from hub.calls.models import CLOSES_BEFORE_OPENING, Call
from portal.core.timezones import UNKNOWN_TIME_ZONE
from tests.factories import UserFactory
from tests.factories.hub import ThemeFactory
from tests.factories.users import AffiliationFactory, ProgrammeFactory
from tests.helpers import submission_token_in
from tests.hub.calls.factories import CallFactory
from tests.security.test_hostile_parameters import server_errors

pytestmark = pytest.mark.django_db

CREATE = reverse("hub_calls:call_create")
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _detail(call):
    return call.get_absolute_url()


@pytest.fixture
def programme_a(db):
    name = "Interreg Italia–Slovenija"  # noqa: RUF001
    return ProgrammeFactory(name=name, slug="ita-slo", countries=["IT", "SI"])


@pytest.fixture
def programme_b(db):
    return ProgrammeFactory(name="Interreg Alpine Space", slug="alpine-space", strand="B")


@pytest.fixture
def secretariat(programme_a):
    return AffiliationFactory(programme=programme_a, function="joint_secretariat").user


def _form_data(programme, **changes):
    data = {
        "programme": programme.pk,
        "title": "Third call for proposals – Priority 4: Health",  # noqa: RUF001
        "slug": "",
        "summary": "Projects that bring health services closer to people across the border.",
        "priorities": "- Equal access to health care\n- Telemedicine",
        "opens_at": "2027-03-01T09:00",
        "closes_at": "2027-05-31T14:00",
        "time_zone": "Europe/Ljubljana",
        "budget": "4200000",
        "max_cofinancing_rate": "80",
        "eligible_countries": ["IT", "SI"],
        "eligible_regions": "SI041 ith4",
        "applicant_types": ["public_authority", "ngo"],
        "application_url": "jems.ita-slo.eu",
        "how_to_apply": "Register in Jems.",
        "contact_name": "Joint secretariat",
        "contact_email": "js@ita-slo.eu",
        "contact_phone": "+386 5 000 00 00",
        "document_title": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _post(client, url, data):
    data = dict(data)
    data["submission_token"] = submission_token_in(client.get(url))
    return client.post(url, data)


# Reading ------------------------------------------------------------------------------------


def test_anyone_reads_the_listing_and_a_call(client, home):
    call = CallFactory(title="Small project fund 2027")
    listing = client.get(reverse("hub_calls:call_list"))
    assert listing.status_code == 200
    assert "Small project fund 2027" in listing.content.decode()
    page = client.get(_detail(call))
    assert page.status_code == 200
    assert "Apply in the programme" in page.content.decode()


def test_the_listing_links_its_feeds_and_calendar_with_its_filters(client, home):
    response = client.get(reverse("hub_calls:call_list") + "?country=SI&theme=health&page=2")
    html = response.content.decode()
    assert 'type="text/calendar" href="/calls/deadlines.ics?country=SI&amp;theme=health"' in html
    assert 'type="application/rss+xml" href="/calls/feed.rss?country=SI&amp;theme=health"' in html
    assert 'type="application/atom+xml"' in html


def test_a_closed_call_offers_no_apply_button(client, home):
    now = timezone.now()
    call = CallFactory(opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=5))
    html = client.get(_detail(call)).content.decode()
    assert "Apply in the programme" not in html
    assert "closed 5 days ago" in html


def test_an_unknown_call_is_404(client, home, programme_a):
    url = reverse("hub_calls:call_detail", kwargs={"programme_slug": "ita-slo", "slug": "nope"})
    assert client.get(url).status_code == 404


def test_bad_filters_are_ignored_not_500(client, home):
    url = reverse("hub_calls:call_list")
    for query in ["?country=XX&theme=%00&programme=<b>&page=-4", "?status=done&applicant=king"]:
        assert client.get(url + query).status_code == 200


def test_anonymous_listing_is_shared_until_the_next_status_change(client, home):
    now = timezone.now()
    CallFactory(opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30))
    url = reverse("hub_calls:call_list")
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"


# Who publishes ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, home):
    response = client.get(CREATE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_member_without_a_programme_role_is_told_who_publishes(client, home, user, programme_a):
    client.force_login(user)
    response = client.get(CREATE)
    assert response.status_code == 200
    assert "approved staff of their programme" in response.content.decode()
    assert client.post(CREATE, _form_data(programme_a)).status_code == 403
    assert not Call.objects.exists()


def test_a_controller_does_not_publish(client, home, programme_a):
    controller = AffiliationFactory(programme=programme_a, function="controller").user
    client.force_login(controller)
    assert client.post(CREATE, _form_data(programme_a)).status_code == 403
    assert not Call.objects.exists()


def test_an_unapproved_secretariat_member_does_not_publish(client, home, programme_a):
    pending = AffiliationFactory(programme=programme_a, status="pending").user
    client.force_login(pending)
    assert client.post(CREATE, _form_data(programme_a)).status_code == 403


def test_secretariat_publishes_for_its_programme_with_local_times(
    client, home, secretariat, programme_a
):
    health = ThemeFactory(slug="health", name="Health")
    client.force_login(secretariat)
    response = _post(client, CREATE, _form_data(programme_a, themes=[health.pk]))
    call = Call.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(call)
    assert call.slug == "third-call-for-proposals-priority-4-health"
    assert call.closes_at.isoformat() == "2027-05-31T12:00:00+00:00"  # 14:00 in Ljubljana
    assert call.time_zone == "Europe/Ljubljana"
    assert call.eligible_regions == "SI041 ITH4"
    assert call.applicant_type_values == ["public_authority", "ngo"]
    assert call.application_url == "https://jems.ita-slo.eu"
    assert "<li>Telemedicine</li>" in call.priorities
    assert list(call.themes.all()) == [health]
    entry = ModelLogEntry.objects.for_instance(call).get()
    assert (entry.action, entry.user) == ("wagtail.create", secretariat)


def test_secretariat_cannot_publish_for_another_programme(
    client, home, secretariat, programme_a, programme_b
):
    client.force_login(secretariat)
    response = _post(client, CREATE, _form_data(programme_b))
    assert response.status_code == 200
    assert "id_programme_error" in response.content.decode()
    assert not Call.objects.exists()


def test_secretariat_edits_its_calls_and_not_others(client, home, secretariat, programme_b):
    own = CallFactory(programme=secretariat.affiliations.get().programme)
    other = CallFactory(programme=programme_b)
    client.force_login(secretariat)
    assert client.get(other.get_edit_url()).status_code == 403
    assert client.post(other.get_edit_url(), {"title": "Taken over"}).status_code == 403
    data = _form_data(own.programme, title="Renamed call", slug=own.slug)
    response = _post(client, own.get_edit_url(), data)
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Renamed call"
    history = client.get(own.get_edit_url()).content.decode()
    assert "History" in history
    assert ModelLogEntry.objects.for_instance(own).filter(action="wagtail.edit").exists()


def test_the_call_page_offers_editing_to_its_publishers_only(client, home, secretariat, user):
    own = CallFactory(programme=secretariat.affiliations.get().programme)
    client.force_login(user)
    assert "Edit this call" not in client.get(_detail(own)).content.decode()
    client.force_login(secretariat)
    assert "Edit this call" in client.get(_detail(own)).content.decode()


def test_editors_publish_for_every_programme(client, home, staff_user, programme_b):
    client.force_login(staff_user)
    response = _post(client, CREATE, _form_data(programme_b))
    assert response.status_code == 302
    assert Call.objects.get().programme == programme_b
    other = CallFactory()
    assert client.get(other.get_edit_url()).status_code == 200


def test_editors_keep_calls_in_the_admin(client, home, superuser):
    call = CallFactory()
    client.force_login(superuser)
    assert client.get("/admin/calls/").status_code == 200
    assert client.get(f"/admin/calls/edit/{call.pk}/").status_code == 200


# Bad input ----------------------------------------------------------------------------------


def test_a_time_is_read_in_the_zone_chosen_beside_it(client, home, secretariat, programme_a):
    """02:30 on 28 March 2027 does not exist in Brussels (clocks go forward) but does in New
    York, where the call is set."""
    client.force_login(secretariat)
    data = _form_data(programme_a, opens_at="2027-03-28T02:30", time_zone="America/New_York")
    assert _post(client, CREATE, data).status_code == 302
    assert Call.objects.get().opens_at.isoformat() == "2027-03-28T06:30:00+00:00"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"closes_at": "2027-02-01T09:00"}, "closes_at", CLOSES_BEFORE_OPENING),
        ({"time_zone": "Mars/Olympus"}, "time_zone", UNKNOWN_TIME_ZONE),
        ({"eligible_regions": "SI041 SLOVENIA"}, "eligible_regions", "is not a NUTS code"),
        ({"budget": "9" * 40}, "budget", "below one thousand billion"),
        ({"budget": "1e400"}, "budget", "below one thousand billion"),
        ({"budget": "-5"}, "budget", "greater than or equal to 0"),
        ({"max_cofinancing_rate": "180"}, "max_cofinancing_rate", "between 0 and 100"),
        ({"opens_at": "yesterday"}, "opens_at", "Enter a valid date/time"),
        ({"opens_at": "2027-03-28T02:30", "time_zone": "Europe/Brussels"}, "opens_at", "clocks"),
        ({"applicant_types": ["king"]}, "applicant_types", "Select a valid choice"),
        ({"title": "a\x00b"}, "title", "single line"),
        ({"document_title": "Terms of reference"}, "document_file", "Choose the file"),
    ],
)
def test_bad_input_is_named_next_to_its_field_and_kept(
    client, home, secretariat, programme_a, changes, field, message
):
    client.force_login(secretariat)
    response = _post(client, CREATE, _form_data(programme_a, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message.replace("“", "&ldquo;") in html or message in html
    assert "Projects that bring health services closer" in html  # what was typed stays
    assert not Call.objects.exists()


def test_a_taken_address_is_named_on_the_address_field(client, home, secretariat, programme_a):
    CallFactory(programme=programme_a, slug="third-call")
    client.force_login(secretariat)
    response = _post(client, CREATE, _form_data(programme_a, slug="third-call"))
    assert 'id="id_slug_error"' in response.content.decode()
    assert Call.objects.count() == 1


def test_a_document_is_checked_by_its_content(client, home, secretariat, programme_a):
    client.force_login(secretariat)
    fake = SimpleUploadedFile("terms.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    data = _form_data(programme_a, document_title="Terms of reference", document_file=fake)
    response = _post(client, CREATE, data)
    assert 'id="id_document_file_error"' in response.content.decode()
    real = SimpleUploadedFile("terms.pdf", b"%PDF-1.7\n%\xe2\xe3\n", content_type="application/pdf")
    data = _form_data(programme_a, document_title="Terms of reference", document_file=real)
    assert _post(client, CREATE, data).status_code == 302
    document = Call.objects.get().documents.get()
    assert document.title == "Terms of reference"
    assert "Terms of reference" in client.get(_detail(Call.objects.get())).content.decode()


def test_text_typed_by_programmes_is_shown_as_text(client, home, secretariat, programme_a):
    client.force_login(secretariat)
    data = _form_data(
        programme_a,
        title=f"Call {XSS}"[:200],
        summary=XSS,
        priorities=f"Objective {XSS} <a href='javascript:alert(1)'>link</a>",
        how_to_apply=XSS,
        contact_name=XSS[:120],
    )
    assert _post(client, CREATE, data).status_code == 302
    call = Call.objects.get()
    for page in (_detail(call), reverse("hub_calls:call_list"), call.get_edit_url()):
        html = client.get(page).content.decode()
        assert "<script>alert" not in html
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
        assert "javascript:alert" not in html
    for feed in ("hub_calls:feed_rss", "hub_calls:feed_atom"):
        body = client.get(reverse(feed)).content
        assert b"<script>" not in body  # escaped: a reader shows the title as typed
        assert feedparser.parse(body).entries[0].title.startswith("Call <script>")


# Feeds and the deadline calendar ------------------------------------------------------------


@pytest.fixture
def two_calls(programme_a, programme_b):
    health = ThemeFactory(slug="health", name="Health")
    return (
        CallFactory(programme=programme_a, title="Health across the border", themes=[health]),
        CallFactory(programme=programme_b, title="Carbon neutral Alps"),
    )


@pytest.mark.parametrize("name", ["hub_calls:feed_rss", "hub_calls:feed_atom"])
def test_feeds_parse_whole_and_filtered(client, two_calls, name):
    whole = feedparser.parse(client.get(reverse(name)).content)
    assert not whole.bozo, whole.bozo_exception
    assert {entry.title for entry in whole.entries} == {
        "Health across the border",
        "Carbon neutral Alps",
    }
    assert whole.entries[0].link.startswith("http")
    filtered = feedparser.parse(client.get(reverse(name) + "?theme=health").content)
    assert [entry.title for entry in filtered.entries] == ["Health across the border"]
    assert filtered.feed.link.endswith("/calls/?theme=health")


def test_the_deadline_calendar_has_one_deadline_per_call_with_stable_uids(client, two_calls):
    response = client.get(reverse("hub_calls:calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    deadlines = [event for event in events if "-deadline@" in str(event["UID"])]
    assert len(deadlines) == 2
    health = two_calls[0]
    (deadline,) = [event for event in deadlines if "Health" in str(event["SUMMARY"])]
    assert deadline.decoded("DTSTART") == health.closes_at.replace(microsecond=0)
    assert str(deadline["UID"]).startswith(f"call-{health.pk}-deadline@")
    again = icalendar.Calendar.from_ical(client.get(reverse("hub_calls:calendar")).content)
    assert {str(e["UID"]) for e in again.walk("VEVENT")} == {str(e["UID"]) for e in events}


def test_the_deadline_calendar_takes_the_listings_filters(client, two_calls):
    response = client.get(reverse("hub_calls:calendar") + "?programme=alpine-space")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert {str(event["SUMMARY"]) for event in events} == {
        "Deadline: Carbon neutral Alps",
        "Call opens: Carbon neutral Alps",
    }


def test_a_member_sees_no_publish_link_but_a_publisher_does(client, home, user, secretariat):
    client.force_login(user)
    assert CREATE not in client.get(reverse("hub_calls:call_list")).content.decode()
    client.force_login(secretariat)
    assert CREATE in client.get(reverse("hub_calls:call_list")).content.decode()


def test_an_unverified_account_does_not_publish(client, home, programme_a):
    person = UserFactory(verified=False)
    AffiliationFactory(user=person, programme=programme_a)
    client.force_login(person)
    assert client.post(CREATE, _form_data(programme_a)).status_code in (302, 403)
    assert not Call.objects.exists()


# Hostile query strings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["hub_calls:call_list", "hub_calls:calendar", "hub_calls:feed_rss", "hub_calls:feed_atom"],
)
def test_hostile_filters_never_make_a_server_error(home, two_calls, user, name):
    client = Client(raise_request_exception=False)
    params = (*CallFilterForm.base_fields, "page")
    url = reverse(name)
    failures = server_errors(client, url, params)
    client.force_login(user)
    failures += server_errors(client, url, params, each=False)
    assert failures == []
