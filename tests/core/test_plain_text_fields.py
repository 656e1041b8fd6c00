"""Every form people fill in refuses control characters: one-line fields any of them (CR, LF,
NUL, escape…), text areas all but tab and line breaks, which arrive as \\n."""

import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse
from wagtail.admin.forms import WagtailAdminModelForm

from community.models import Space, Thread
from portal.accounts.models import Profile, Programme
from portal.core.forms import (
    CONTROL_CHARACTERS_REFUSED,
    SINGLE_LINE_ONLY,
    PlainTextFormMixin,
    PortalForm,
    PortalModelForm,
    is_single_line,
)
from tests.factories import UserFactory
from tests.factories.community import make_member, make_space
from tests.factories.cooperation_day import make_edition
from tests.factories.slam import make_slam_edition

APPS = ["academy", "brand", "campaigns", "community", "portal"]
# Forms of Wagtail's admin and of its image and document uploads, for editors only.
ADMIN_FORMS = (WagtailAdminModelForm,)
ADMIN_MODULES = ("portal.core.uploads",)


def _import_everything():
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and not module.name.endswith("settings.production"):
                importlib.import_module(module.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def user_facing_forms():
    _import_everything()
    found = {
        form
        for form in _subclasses(forms.BaseForm)
        if form.__module__.split(".")[0] in APPS
        and form.__module__ not in ADMIN_MODULES
        and not issubclass(form, ADMIN_FORMS)
        and form not in (PortalForm, PortalModelForm)
    }
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__name__}")


def _arguments(form_class) -> dict:
    """What each form's constructor needs besides its data."""
    name = form_class.__name__
    if name == "EventForm":
        return {"edition": make_edition()}
    if name == "ApplicationForm":
        return {"edition": make_slam_edition(), "programmes": Programme.objects.none()}
    if name in ("ParticipationForm",):
        return {"programmes": Programme.objects.none()}
    if name == "MoveForm":
        return {"spaces": Space.objects.none()}
    if name == "SearchForm":
        return {"spaces": []}
    if name == "AccountDeleteForm":
        return {"user": UserFactory()}
    if name == "ProfileForm":
        return {"instance": Profile.objects.create(user=UserFactory())}
    if name == "MergeForm":
        return {"threads": Thread.objects.none()}
    if name == "ReviewForm":
        return {"criteria": []}
    return {}


def test_the_walk_finds_the_forms():
    names = {form.__name__ for form in user_facing_forms()}
    assert {"ThreadForm", "EventForm", "ApplicationForm", "ProfileForm", "LogoForm"} <= names
    assert "PortalSignupForm" in names


def test_every_user_facing_form_checks_its_text():
    unchecked = [
        form.__name__ for form in user_facing_forms() if not issubclass(form, PlainTextFormMixin)
    ]
    assert unchecked == [], "base these forms on portal.core.forms.PortalForm / PortalModelForm"


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", user_facing_forms(), ids=lambda form: form.__name__)
def test_one_line_fields_refuse_control_characters(home, form_class):
    kwargs = _arguments(form_class)
    fields = form_class(**kwargs).fields
    single_line = [name for name, field in fields.items() if is_single_line(field)]
    text_areas = [
        name
        for name, field in fields.items()
        if isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea)
    ]
    for name in single_line:
        for value in ("\rX", "X\nY", "X\x00", "X\x1b[2J", "X\u2028Y", "\tX"):
            form = form_class({name: value}, **kwargs)
            form.is_valid()
            assert SINGLE_LINE_ONLY in form.errors.get(name, []), (name, value)
    for name in text_areas:
        form = form_class({name: "one\x1btwo"}, **kwargs)
        form.is_valid()
        assert CONTROL_CHARACTERS_REFUSED in form.errors.get(name, []), name
        form = form_class({name: "one\r\ntwo\rthree\u2028four\tfive"}, **kwargs)
        form.is_valid()
        assert CONTROL_CHARACTERS_REFUSED not in form.errors.get(name, []), name
        if name in form.cleaned_data:
            assert form.cleaned_data[name] == "one\ntwo\nthree\nfour\tfive"


def test_fields_added_after_construction_are_checked_too():
    class Late(PortalForm):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["venue"] = forms.CharField()

    form = Late({"venue": "Hall\r\nX-Injected: 1"})
    assert not form.is_valid()
    assert form.errors["venue"] == [SINGLE_LINE_ONLY]
    assert Late({"venue": "Hall 1"}).is_valid()


@pytest.mark.django_db
def test_a_thread_title_with_a_line_break_is_refused_with_the_message(client, home):
    space = make_space()
    member = make_member(space)
    client.force_login(member)
    response = client.post(
        reverse("community:thread_create", args=[space.slug]),
        {"title": "Reporting\r\nBcc: everyone@example.org", "kind": "discussion", "source": "Hi"},
    )
    assert response.status_code == 200
    assert str(SINGLE_LINE_ONLY) in response.content.decode()
    assert not Thread.objects.filter(space=space).exists()
