"""A form sent back with errors opens with one summary of them, each linked to its field, and
the page title says so; this works without JavaScript."""

import re

import pytest
from django import forms
from django.urls import reverse

from portal.core.forms import PortalForm


class ContactForm(PortalForm):
    name = forms.CharField(label="Your name")
    channel = forms.ChoiceField(
        label="How to reach you",
        choices=[("mail", "E-mail"), ("phone", "Phone")],
        widget=forms.RadioSelect,
    )
    code = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Nothing was sent.")


def _text(html: str) -> str:
    return " ".join(html.split())


def test_the_summary_links_each_field_with_its_label_and_message():
    html = _text(str(ContactForm(data={"code": ""})))
    summary = re.search(r'<div class="error-summary".*?</div>', html).group(0)
    assert 'tabindex="-1"' in summary and "data-error-summary" in summary
    assert "There is a problem" in summary
    assert "<li>Nothing was sent.</li>" in summary
    assert '<a href="#id_name">Your name: This field is required.</a>' in summary
    # A group of radio buttons is reached through its first button.
    assert '<a href="#id_channel_0">How to reach you: This field is required.</a>' in summary
    assert 'id="id_channel_0"' in html
    # A hidden field cannot be reached: its message stands alone.
    assert "<li>(Hidden field code) This field is required.</li>" in summary
    assert html.index("error-summary") < html.index('id="id_name"')


def test_the_group_of_radio_buttons_is_described_by_its_message():
    html = _text(str(ContactForm(data={})))
    assert re.search(r'<fieldset [^>]*aria-describedby="id_channel_error"', html)
    assert 'id="id_channel_error"' in html


def test_a_form_without_errors_has_no_summary():
    assert "error-summary" not in str(ContactForm())
    assert "error-summary" not in str(ContactForm(data={"name": "Ana", "channel": "mail"})["name"])


@pytest.mark.django_db
def test_the_page_title_starts_with_error_only_when_the_form_has_errors(client, home):
    shown = _text(client.get(reverse("account_login")).content.decode())
    assert re.search(r"<title> ?Sign In", shown)
    answered = _text(
        client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()
    )
    assert re.search(r"<title>Error: Sign In", answered)
    assert '<a href="#id_login">Email: This field is required.</a>' in answered
