"""Form fields both campaigns use."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.uploads import CheckedImageField

TOO_MANY_PHOTOS = _("Choose at most %(count)s photos.")


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
