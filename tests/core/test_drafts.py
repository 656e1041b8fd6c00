"""Long text is kept in the browser until the server has it: every form people type long text
into marks its text areas through one mixin, and each signed-in person's copies are kept apart
from everyone else's."""

import importlib
import inspect

import pytest
from django import forms
from django.contrib import messages
from django.template.loader import render_to_string
from django.test import RequestFactory

from portal.core.forms import KeepsDrafts
from tests.factories import UserFactory

# The modules holding the forms people fill in on the site (the Wagtail admin's own forms
# are not among them: the portal's scripts are not loaded there).
FORM_MODULES = [
    "academy.forms",
    "brand.forms",
    "campaigns.cooperation_day.forms",
    "campaigns.slam.forms",
    "community.forms",
    "portal.accounts.forms",
]


def _forms_with_text_areas():
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, candidate in inspect.getmembers(module, inspect.isclass):
            if candidate.__module__ != module_name or not issubclass(candidate, forms.BaseForm):
                continue
            if any(isinstance(f.widget, forms.Textarea) for f in candidate.base_fields.values()):
                yield f"{module_name}.{name}", candidate


def test_the_forms_with_long_text_are_the_expected_ones():
    names = {name for name, _form in _forms_with_text_areas()}
    assert {
        "community.forms.PostForm",
        "community.forms.ThreadForm",
        "community.forms.JoinRequestForm",
        "community.forms.DecisionForm",
        "community.forms.FlagForm",
        "campaigns.slam.forms.ApplicationForm",
        "campaigns.slam.forms.ReviewForm",
        "campaigns.cooperation_day.forms.EventForm",
        "campaigns.cooperation_day.forms.ParticipationForm",
        "portal.accounts.forms.ProfileForm",
        "portal.accounts.forms.AffiliationDecisionForm",
    } <= names


@pytest.mark.parametrize("name, form_class", list(_forms_with_text_areas()))
def test_every_form_with_long_text_keeps_drafts(name, form_class):
    assert issubclass(form_class, KeepsDrafts), f"{name} does not keep drafts"


def test_the_mixin_marks_text_areas_and_nothing_else():
    class NoteForm(KeepsDrafts, forms.Form):
        title = forms.CharField()
        note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))

    html = str(NoteForm())
    textarea = html[html.index("<textarea") : html.index(">", html.index("<textarea"))]
    assert "data-draft" in textarea
    assert html.count("data-draft") == 1

    class PlainForm(forms.Form):
        note = forms.CharField(widget=forms.Textarea)

    assert "data-draft" not in str(PlainForm())


@pytest.mark.django_db
def test_each_person_has_their_own_draft_scope_and_visitors_none(client, home):
    first, second = UserFactory(), UserFactory()

    def scope():
        html = client.get("/").content.decode()
        start = html.index('data-draft-scope="') + len('data-draft-scope="')
        return html[start : html.index('"', start)]

    assert scope() == ""
    client.force_login(first)
    first_scope = scope()
    assert len(first_scope) == 24 and scope() == first_scope
    client.force_login(second)
    assert scope() not in ("", first_scope)


@pytest.mark.django_db
def test_only_a_success_message_tells_the_browser_to_forget_what_was_sent():
    request = RequestFactory().get("/")
    levels = [messages.SUCCESS, messages.INFO, messages.WARNING, messages.ERROR]
    shown = [messages.storage.base.Message(level, f"level {level}") for level in levels]
    html = render_to_string("components/messages.html", {"messages": shown}, request=request)
    assert html.count("data-clear-drafts") == 1
    assert '<p class="message message--success" data-clear-drafts>level 25</p>' in html
