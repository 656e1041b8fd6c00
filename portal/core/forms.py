import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.shortcuts import redirect, resolve_url

from .submissions import TOKEN_FIELD, submission_once


class PortalFormRenderer(TemplatesSetting):
    """Every form on the site, allauth's included, renders fields with one template."""

    form_template_name = "components/form/form.html"
    field_template_name = "components/form/field.html"


class KeepsDrafts:
    """A form whose text areas keep what is typed in the browser's session storage
    (static/js/drafts.js) until a success message confirms the server has it, so nothing is
    lost to a reload, a failed request or an expired session. Put it first among the bases."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["data-draft"] = ""


def add_service_errors(form, error: ValidationError, *, renamed=None) -> None:
    """Put a service's errors next to the form fields they concern (a model field may be
    called otherwise in the form: `renamed`), and the rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, errors in error.message_dict.items():
        target = (renamed or {}).get(name, name)
        form.add_error(target if target in form.fields else None, errors)


class SubmissionTokenMixin:
    """For forms that make something: a hidden one-time token, new each time the form is
    shown, so that the same form sent twice makes one thing (`portal.core.submissions`).
    Templates that lay fields out by hand include `components/form/hidden_fields.html`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD] = forms.CharField(
            required=False,
            max_length=64,
            widget=forms.HiddenInput,
            initial=secrets.token_urlsafe(32),
        )


def submission_token(form) -> str | None:
    """The token a valid form was sent with (None for forms without one)."""
    return form.cleaned_data.get(TOKEN_FIELD) or None


def submitted(request, form, apply, *, success: str):
    """For a POSTed, valid `form`: run `apply(cleaned_data)`, a service call whose result is
    where to go next, and say `success`. Returns that redirect, or None when the form must be
    shown again (not posted, invalid, or refused by the service, whose errors it now holds).

    A form with a submission token is applied once: sent again, it leads to where the first
    submission led, without applying it a second time."""
    if request.method != "POST" or not form.is_valid():
        return None

    def make():
        target = resolve_url(apply(form.cleaned_data))
        return target, target

    try:
        once = submission_once(token=submission_token(form), user=request.user, make=make)
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    if once.earlier_url:
        return redirect(once.earlier_url)
    messages.success(request, success)
    return redirect(once.result)
