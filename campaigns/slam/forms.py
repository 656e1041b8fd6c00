from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from campaigns.forms import (
    KeepProjectField,
    MultipleImageField,
    NamesItsProject,
    WrittenInALanguage,
    https_by_default,
)
from portal.core.blocks import EMBED_URL_UNSUPPORTED, embed_player_url
from portal.core.forms import KeepsDrafts, PortalForm, PortalModelForm, SubmissionTokenMixin
from portal.core.languages import EU_LANGUAGE_CHOICES, EU_LANGUAGE_OWN_NAMES, OwnLanguageSelect
from portal.core.uploads import CheckedImageField

from .captions import captions_check
from .models import (
    CAPTIONS_LANGUAGE_NEEDED,
    CAPTIONS_NEEDED,
    SCORE_MAX,
    STORY_MAX_LENGTH,
    STORY_PROMPTS,
    SlamApplication,
    SlamVideo,
)

VIDEO_MAX_BYTES = 500 * 1024 * 1024
VIDEO_TOO_LARGE = _("The video file may be at most 500 MB.")
VIDEO_WRONG_TYPE = _("Upload an MP4 or WebM video file.")
MAX_APPLICATION_PHOTOS = 5


def video_file_kind(uploaded) -> str | None:
    """ "mp4" or "webm" when the file's first bytes say so, else None."""
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    return None


class ApplicationForm(
    WrittenInALanguage, NamesItsProject, SubmissionTokenMixin, KeepsDrafts, PortalModelForm
):
    photos = MultipleImageField(
        label=_("Photos"),
        required=False,
        max_count=MAX_APPLICATION_PHOTOS,
        help_text=_("Up to %(count)s photos of the project and its people.")
        % {"count": MAX_APPLICATION_PHOTOS},
    )
    project = KeepProjectField()

    class Meta:
        model = SlamApplication
        formfield_callback = https_by_default
        fields = [
            "programme",
            "project",
            "project_name",
            "project_acronym",
            "project_url",
            "category",
            "story",
            "language",
            "theme_fit",
            "contact_name",
            "contact_email",
            "contact_phone",
            "video_link",
        ]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 14, "maxlength": STORY_MAX_LENGTH}),
            "theme_fit": forms.Textarea(attrs={"rows": 4}),
            "language": OwnLanguageSelect,
        }
        help_texts = {
            "project_url": _("For a project keep.eu does not list: its own website."),
            "story": _("Up to 3,000 characters. Tell it as you would on stage."),
        }

    def __init__(self, *args, edition, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.prompts = STORY_PROMPTS
        self.fields["programme"].queryset = programmes
        self.fields["programme"].empty_label = None
        categories = edition.categories.all()
        if categories:
            self.fields["category"].queryset = categories
        else:
            del self.fields["category"]

    def clean_video_link(self):
        link = self.cleaned_data.get("video_link")
        if link and embed_player_url(link) is None:
            raise ValidationError(EMBED_URL_UNSUPPORTED, code="unsupported")
        return link


class ReviewForm(KeepsDrafts, PortalForm):
    conflict = forms.BooleanField(
        label=_("I have a conflict of interest with this project"),
        required=False,
        help_text=_("You will not score it, and your view will not count in its ranking."),
    )
    comment = forms.CharField(
        label=_("Comment for the jury"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("%(name)s (weight %(weight)s)")
                % {"name": criterion.name, "weight": criterion.weight},
                help_text=criterion.description,
                min_value=0,
                max_value=SCORE_MAX,
                required=False,
                widget=forms.NumberInput(attrs={"min": 0, "max": SCORE_MAX}),
            )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("conflict"):
            for criterion in self.criteria:
                name = f"score_{criterion.pk}"
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Give a score from 0 to 10."))
        return cleaned

    def scores(self) -> dict[int, int]:
        return {
            criterion.pk: self.cleaned_data.get(f"score_{criterion.pk}")
            for criterion in self.criteria
        }


class VideoForm(PortalModelForm):
    thumbnail_file = CheckedImageField(label=_("Thumbnail"), required=False)

    class Meta:
        model = SlamVideo
        formfield_callback = https_by_default
        fields = ["video_url", "file", "captions", "captions_language", "no_speech", "description"]
        widgets = {"captions_language": OwnLanguageSelect}
        labels = {"no_speech": _("This film has no speech")}
        help_texts = {
            "video_url": _("Where the film is published; or upload the file below."),
            "file": _("MP4 or WebM, at most 500 MB."),
            "captions": _(
                "A WebVTT (.vtt) file of at most 500 KB with what is said and the sounds that "
                "matter. An uploaded film needs captions unless nobody speaks in it."
            ),
            "no_speech": _("Tick this instead of adding captions if the film has no spoken words."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = self.fields["captions_language"]
        language.choices = EU_LANGUAGE_CHOICES
        if not self.instance.captions_language and get_language() in EU_LANGUAGE_OWN_NAMES:
            self.initial["captions_language"] = get_language()

    def clean_video_url(self):
        url = self.cleaned_data.get("video_url")
        if url and embed_player_url(url) is None:
            raise ValidationError(EMBED_URL_UNSUPPORTED, code="unsupported")
        return url

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            if uploaded.size > VIDEO_MAX_BYTES:
                raise ValidationError(VIDEO_TOO_LARGE, code="too_large")
            kind = video_file_kind(uploaded)
            extension = uploaded.name.rsplit(".", 1)[-1].lower()
            if (
                kind is None
                or extension not in {"mp4", "m4v", "webm"}
                or ((kind == "webm") != (extension == "webm"))
            ):
                raise ValidationError(VIDEO_WRONG_TYPE, code="wrong_type")
        return uploaded

    def clean_captions(self):
        uploaded = self.cleaned_data.get("captions")
        if uploaded and "captions" in self.changed_data:
            captions_check(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        # False: the person ticked "Clear"; None or the stored file: nothing new was chosen.
        film = cleaned.get("file", self.instance.file)
        captions = cleaned.get("captions", self.instance.captions)
        needs_captions = film and not captions and not cleaned.get("no_speech")
        if needs_captions and not {"file", "captions"} & set(self.errors):
            self.add_error("captions", CAPTIONS_NEEDED)
        if captions and "captions" not in self.errors and not cleaned.get("captions_language"):
            self.add_error("captions_language", CAPTIONS_LANGUAGE_NEEDED)
        return cleaned
