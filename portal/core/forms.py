import re
import secrets

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.shortcuts import redirect, resolve_url
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy

from . import personal
from .cache import cached_value
from .submissions import TOKEN_FIELD, submission_once

SINGLE_LINE_ONLY = gettext_lazy("Use a single line without control characters.")
CONTROL_CHARACTERS_REFUSED = gettext_lazy(
    "Remove the control characters: only line breaks and tabs are allowed here."
)

# Unicode category Cc, and the line and paragraph separators some editors paste.
_NOT_IN_A_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# In text of several lines: the same, but tab and the line breaks normalised to \n.
_NOT_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile(r"\r\n|\r|\u2028|\u2029")


def validate_single_line(value) -> None:
    if isinstance(value, str) and _NOT_IN_A_LINE.search(value):
        raise ValidationError(SINGLE_LINE_ONLY, code="single_line")


def validate_plain_text(value) -> None:
    if isinstance(value, str) and _NOT_IN_TEXT.search(value):
        raise ValidationError(CONTROL_CHARACTERS_REFUSED, code="control_characters")


def normalise_line_breaks(value):
    return _LINE_BREAK.sub("\n", value) if isinstance(value, str) else value


def is_single_line(field) -> bool:
    """A text field typed into a one-line input (passwords are left as typed)."""
    return isinstance(field, forms.CharField) and not isinstance(
        field.widget, forms.Textarea | forms.PasswordInput
    )


def _guard(field) -> None:
    """Check the value as typed, before the field strips it (a leading CR would vanish)."""
    if getattr(field, "_text_guarded", False) or not isinstance(field, forms.CharField):
        return
    field._text_guarded = True
    to_python = field.to_python
    if is_single_line(field):

        def single_line(value):
            validate_single_line(value)
            return to_python(value)

        field.to_python = single_line
    elif isinstance(field.widget, forms.Textarea):

        def plain_text(value):
            value = normalise_line_breaks(value)
            validate_plain_text(value)
            return to_python(value)

        field.to_python = plain_text


class PlainTextFormMixin:
    """Text fields refuse control characters: one-line inputs any of them (a CR or LF there
    would start a new header in an e-mail or a new property in a calendar file), text areas
    all but tab and line breaks, which they normalise to \\n. Fields added in a subclass's
    __init__ are covered too: the rules are attached when the form is cleaned."""

    def full_clean(self):
        for field in self.fields.values():
            _guard(field)
        super().full_clean()


class PortalForm(PlainTextFormMixin, forms.Form):
    pass


class PortalModelForm(PlainTextFormMixin, forms.ModelForm):
    pass


class PortalFormRenderer(TemplatesSetting):
    """Every form on the site, allauth's included, renders fields with one template."""

    form_template_name = "components/form/form.html"
    field_template_name = "components/form/field.html"


class SharedOptionsSelect(forms.Select):
    """A select with many options that are the same for everyone (every programme): their
    HTML is built once per language and kept until content changes (the options' model must
    say `invalidates_page_cache`, creations included), and each request only marks its own
    choice. `options_key` names the list in the cache."""

    template_name = "components/form/shared_options_select.html"

    def __init__(self, attrs=None, choices=(), *, options_key: str):
        super().__init__(attrs, choices)
        self.options_key = options_key

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        options = cached_value(
            ("select-options", self.options_key, get_language()),
            self._options_html,
            settings.PAGE_CACHE_SECONDS,
        )
        chosen = self.format_value(value)
        for option_value in chosen[:1]:  # a single select has one choice at most
            unmarked = format_html('<option value="{}">', option_value)
            options = options.replace(unmarked, unmarked[:-1] + " selected>", 1)
        context["widget"]["options_html"] = mark_safe(options)  # noqa: S308 - built by format_html
        return context

    def _options_html(self) -> str:
        return str(
            format_html_join(
                "",
                '<option value="{}">{}</option>',
                ((str(value), label) for value, label in self.choices),
            )
        )


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


SUBMISSION_TOKEN_PIECE = "submission_token"  # noqa: S105 - a piece's name, not a secret


class SubmissionTokenInput(forms.HiddenInput):
    """The one-time token's field. A blank form's token in a page kept for more than one
    request (portal.core.personal) is a piece, drawn anew for each request: two tabs showing
    the same kept page send two tokens, and make two things."""

    def __init__(self, *, blank: bool, **kwargs):
        super().__init__(**kwargs)
        self.blank = blank

    def render(self, name, value, attrs=None, renderer=None):
        shared = personal.shared_render_under_way()
        if shared is None or not self.blank:
            return super().render(name, value, attrs, renderer)
        field_id = (attrs or {}).get("id") or ""
        return shared.marker(SUBMISSION_TOKEN_PIECE, {"name": name, "field_id": field_id})


@personal.piece(SUBMISSION_TOKEN_PIECE)
def _fresh_submission_token(request, *, name: str, field_id: str) -> str:
    attrs = {"id": field_id} if field_id else None
    return SubmissionTokenInput(blank=False).render(name, secrets.token_urlsafe(32), attrs)


class SubmissionTokenMixin:
    """For forms that make something: a hidden one-time token, new each time the form is
    shown, so that the same form sent twice makes one thing (`portal.core.submissions`).
    Templates that lay fields out by hand include `components/form/hidden_fields.html`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[TOKEN_FIELD] = forms.CharField(
            required=False,
            max_length=64,
            widget=SubmissionTokenInput(blank=not self.is_bound),
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
