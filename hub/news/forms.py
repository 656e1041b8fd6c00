from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from hub.models import Project, Theme
from portal.core.forms import KeepsDrafts, PortalForm, SubmissionTokenMixin
from portal.core.uploads import CheckedImageField

from .models import LEAD_IMAGE_NEEDS_ALT, ArticlePage

ANY = [("", _("Any"))]
UNKNOWN_PROJECTS = _("No project has the keep.eu id %(ids)s.")
TOO_MANY_PROJECTS = _("Name at most %(limit)s projects.")
MAX_PROJECTS = 10


class NewsFilterForm(PortalForm):
    """The listing's filters; every value lives in the URL so a filtered list can be shared
    and subscribed to as a feed."""

    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=ANY + ArticlePage.Kind.choices
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(
        self, *args, programme_choices=(), theme_choices=(), country_codes=(), years=(), **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = ANY + list(programme_choices)
        self.fields["theme"].choices = ANY + list(theme_choices)
        self.fields["country"].choices = ANY + sorted(
            ((code, countries.name(code)) for code in country_codes), key=lambda choice: choice[1]
        )
        self.fields["year"].choices = ANY + [(year, str(year)) for year in years]


class ArticleForm(SubmissionTokenMixin, KeepsDrafts, PortalForm):
    """What a programme's staff write when they publish news or a story."""

    title = forms.CharField(label=_("Headline"), max_length=255)
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=ArticlePage.Kind.choices,
        initial=ArticlePage.Kind.NEWS,
        widget=forms.RadioSelect,
        help_text=_("A story tells the public what a project changed; news is everything else."),
    )
    date = forms.DateField(
        label=_("Publication date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences shown on cards, in feeds and to search engines."),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=30000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Leave a blank line between paragraphs. You may use simple HTML: headings "
            "(&lt;h2&gt;), lists, links, bold and italic."
        ),
    )
    programmes = forms.ModelMultipleChoiceField(
        label=_("Programmes"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The programmes this is about; you publish for these."),
    )
    projects = forms.CharField(
        label=_("Projects (keep.eu ids)"),
        required=False,
        max_length=400,
        help_text=_("Separate ids with commas, e.g. “21034, 21187”. A story names its project."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        choices=countries,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    lead_image_file = CheckedImageField(
        label=_("Lead image"), required=False, help_text=_("A landscape photo, JPEG or PNG.")
    )
    lead_image_alt = forms.CharField(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    lead_image_credit = forms.CharField(
        label=_("Image credit"), required=False, max_length=200, help_text=_("E.g. “© Jana Novak”.")
    )

    SECTIONS = (
        (_("The article"), ("title", "kind", "date", "summary", "body")),
        (_("What it is about"), ("programmes", "projects", "themes", "countries")),
        (_("Lead image"), ("lead_image_file", "lead_image_alt", "lead_image_credit")),
    )

    def __init__(self, *args, programmes, has_image: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programmes"].queryset = programmes
        offered = list(programmes[:2])
        if len(offered) == 1 and "programmes" not in self.initial:
            # Most staff publish for one programme: it is chosen for them.
            self.initial["programmes"] = offered
        self.fields["date"].initial = timezone.localdate
        self.has_image = has_image
        if has_image:
            self.fields["lead_image_file"].help_text = _(
                "The article has an image; upload another to replace it."
            )

    @property
    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def clean_projects(self) -> list[Project]:
        ids = list(dict.fromkeys(part.strip() for part in self.cleaned_data["projects"].split(",")))
        ids = [keep_id for keep_id in ids if keep_id]
        if len(ids) > MAX_PROJECTS:
            raise forms.ValidationError(
                TOO_MANY_PROJECTS, code="too_many", params={"limit": MAX_PROJECTS}
            )
        found = {project.keep_id: project for project in Project.objects.filter(keep_id__in=ids)}
        unknown = [keep_id for keep_id in ids if keep_id not in found]
        if unknown:
            raise forms.ValidationError(
                UNKNOWN_PROJECTS, code="unknown", params={"ids": ", ".join(unknown)}
            )
        return [found[keep_id] for keep_id in ids]

    def clean(self):
        cleaned = super().clean()
        has_image = self.has_image or bool(cleaned.get("lead_image_file"))
        if has_image and not (cleaned.get("lead_image_alt") or "").strip():
            self.add_error("lead_image_alt", forms.ValidationError(LEAD_IMAGE_NEEDS_ALT))
        return cleaned
