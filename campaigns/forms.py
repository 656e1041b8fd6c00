"""Form fields both campaigns use."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from hub.models import Project
from portal.core.languages import EU_LANGUAGE_OWN_NAMES
from portal.core.uploads import CheckedImageField

TOO_MANY_PHOTOS = _("Choose at most %(count)s photos.")
PROJECT_UNKNOWN = _(
    "keep.eu has no project with the id or acronym “%(value)s”. Check it on keep.eu, or leave "
    "this empty and give the project's web address instead."
)
PROJECT_NAME_NEEDED = _("Give the project's name, or its keep.eu id or acronym above.")
PROJECT_AMBIGUOUS = _(
    "Several projects are called “%(value)s”: type the keep.eu id of yours (one of %(ids)s)."
)


def page_language() -> str:
    """The language people most likely write in here: the one they use the portal in."""
    language = translation.get_language()
    return language if language in EU_LANGUAGE_OWN_NAMES else settings.LANGUAGE_CODE


class WrittenInALanguage:
    """For a model form whose `language` says what language the texts are written in (shown
    with `OwnLanguageSelect`): a new text starts in the page's language. Left out (an older
    form, a script), a new text takes the page's language and an existing one keeps its own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].required = False
        if not self.instance.pk:
            self.initial["language"] = page_language()

    def clean_language(self):
        chosen = self.cleaned_data.get("language")
        if chosen:
            return chosen
        return self.instance.language if self.instance.pk else page_language()


def https_by_default(model_field, **kwargs):
    """A ModelForm field callback: a web address typed without a scheme means https
    ("keep.eu/project" is https://keep.eu/project)."""
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several images at once, each checked by content like any other image upload."""

    widget = MultipleImageInput

    def __init__(self, *, max_count: int, **kwargs):
        self.max_count = max_count
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if len(uploads) > self.max_count:
            raise ValidationError(TOO_MANY_PHOTOS % {"count": self.max_count}, code="too_many")
        checker = CheckedImageField(required=False)
        return [checker.clean(uploaded) for uploaded in uploads]


class KeepProjectField(forms.CharField):
    """A project named by its keep.eu id or acronym, as organisers find it on keep.eu; cleans
    to the `hub.Project` (or None when left empty). What was typed stays in the field when it
    names no project, or several."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("keep.eu project id or acronym"))
        kwargs.setdefault(
            "help_text",
            _(
                "For example “34797” or “CARSO-KRAS”, as on the project's page on keep.eu. "
                "Leave it empty if the project is not on keep.eu."
            ),
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", Project._meta.get_field("acronym").max_length)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def prepare_value(self, value):
        # The form's initial value is the project's primary key (or the project itself).
        if isinstance(value, Project):
            return value.keep_id
        if isinstance(value, int):
            return Project.objects.filter(pk=value).values_list("keep_id", flat=True).first()
        return value

    def clean(self, value):
        typed = super().clean(value)
        if not typed:
            return None
        by_id = Project.objects.filter(keep_id=typed).first()
        if by_id is not None:
            return by_id
        matches = list(Project.objects.filter(acronym__iexact=typed).order_by("keep_id")[:6])
        if not matches:
            raise ValidationError(PROJECT_UNKNOWN, code="unknown", params={"value": typed})
        if len(matches) > 1:
            ids = ", ".join(project.keep_id for project in matches[:5])
            raise ValidationError(
                PROJECT_AMBIGUOUS, code="ambiguous", params={"value": typed, "ids": ids}
            )
        return matches[0]


class NamesItsProject:
    """For a form with `project` (a `KeepProjectField`), `project_name` and `project_acronym`:
    a project found on keep.eu gives its name and acronym when they were left empty, so naming
    it once is enough. Put it before the form class among the bases."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names_required = [
            name for name in ("project_name", "project_acronym") if self.fields[name].required
        ]
        for name in self.names_required:
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        project = cleaned.get("project")
        for name, attribute in (("project_name", "name"), ("project_acronym", "acronym")):
            if name in self.errors or cleaned.get(name):
                continue
            if project is not None:
                limit = self.fields[name].max_length
                cleaned[name] = getattr(project, attribute)[:limit]
            elif name in self.names_required and "project" not in self.errors:
                self.add_error(name, ValidationError(PROJECT_NAME_NEEDED, code="required"))
        return cleaned
