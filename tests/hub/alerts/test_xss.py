"""Filter values typed into a listing's address come back in the saved search's name and
link, on the saved searches page and in the button: always as text."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from hub.alerts.models import SavedSearch
from tests.factories import UserFactory

from .conftest import KIND

pytestmark = pytest.mark.django_db

PAYLOAD = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def test_a_saved_search_s_filters_are_shown_back_as_text(client, project_source):
    person = UserFactory()
    client.force_login(person)
    client.post(
        reverse("hub_alerts:alert_create"),
        {"kind": KIND, "query": f"q={PAYLOAD}&theme={PAYLOAD}", "next": "/"},
    )
    saved = SavedSearch.objects.get(user=person)
    assert "<script>" in saved.name  # kept as typed; escaped where shown

    page = client.get(reverse("hub_alerts:alert_list")).content.decode()

    assert "<script>alert(1)" not in page
    assert "onerror=alert(2)>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_button_escapes_what_it_carries(project_source):
    html = render_to_string(
        "hub/alerts/save_search.html",
        {"kind": KIND, "query": PAYLOAD, "signed_in": True, "next": f"/x?{PAYLOAD}"},
    )
    signed_out = render_to_string(
        "hub/alerts/save_search.html",
        {"kind": KIND, "query": PAYLOAD, "signed_in": False, "next": f"/x?{PAYLOAD}"},
    )

    assert "<script>" not in html and "<script>" not in signed_out
    assert 'value="&quot;&gt;&lt;script&gt;' in html
