from allauth.account.forms import SignupForm
from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.core.forms import (
    KeepsDrafts,
    PlainTextFormMixin,
    PortalForm,
    PortalModelForm,
    SharedOptionsSelect,
)
from portal.core.sanitize import sanitize_html
from portal.core.uploads import avatar_from_upload

from .models import Affiliation, Profile, Programme


class ProgrammeFilterForm(PortalForm):
    q = forms.CharField(label=_("Name or acronym"), required=False, max_length=100)
    strand = forms.ChoiceField(
        label=_("Strand"),
        required=False,
        choices=[("", _("All strands")), *Programme.Strand.choices],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, country_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries")), *country_choices]


class AffiliationRequestForm(PortalForm):
    programme = forms.ModelChoiceField(
        label=_("Programme"), queryset=Programme.objects.order_by("name").only("name", "acronym")
    )
    function = forms.ChoiceField(label=_("Your function"), choices=Affiliation.Function.choices)
    listed = forms.BooleanField(
        label=_("Show me on the programme's public page once approved"), required=False
    )


class AffiliationDecisionForm(KeepsDrafts, PortalForm):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    message = forms.CharField(
        label=_("Message to the person"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you decline: say what is wrong."),
    )


PRIVACY_CONSENT_REQUIRED = _("Please accept the privacy notice to create an account.")
DELETE_CONFIRMATION_MISMATCH = _("Type your e-mail address exactly as shown to confirm.")


class PortalSignupForm(PlainTextFormMixin, SignupForm):
    accept_privacy_notice = forms.BooleanField(
        label=_("I have read and accept the privacy notice"),
        error_messages={"required": PRIVACY_CONSENT_REQUIRED},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_privacy_notice"].help_text = format_html(
            '<a href="{}">{}</a>', settings.PRIVACY_NOTICE_URL, _("Read the privacy notice")
        )


class ProfileForm(KeepsDrafts, PortalModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages I work in"),
        choices=Profile.LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    avatar = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, up to 5 MB. It is cropped to a square."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )

    class Meta:
        model = Profile
        fields = [
            "organisation",
            "country",
            "languages",
            "bio",
            "avatar",
            "email_frequency",
            "is_public",
            "credentials_public",
            "show_organisation",
            "show_country",
            "show_languages",
            "show_bio",
            "show_avatar",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            # Every country, the same list for everyone in a language: built once, only the
            # person's own marked on each request.
            "country": SharedOptionsSelect(options_key="countries"),
        }

    field_order = ["first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].initial = self.instance.user.first_name
        self.fields["last_name"].initial = self.instance.user.last_name

    def clean_bio(self):
        return sanitize_html(self.cleaned_data["bio"])

    def clean_avatar(self):
        uploaded = self.cleaned_data.get("avatar")
        if uploaded and "avatar" in self.changed_data and hasattr(uploaded, "seek"):
            return avatar_from_upload(uploaded)
        return uploaded

    def save(self, commit=True):
        profile = super().save(commit=False)
        user = profile.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        if commit:
            user.save(update_fields=["first_name", "last_name"])
            profile.save()
        return profile


class AccountDeleteForm(PortalForm):
    confirm_email = forms.CharField(label=_("Your e-mail address"), max_length=320)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm_email(self):
        typed = self.cleaned_data["confirm_email"].strip()
        if typed.lower() != self.user.email.lower():
            raise forms.ValidationError(DELETE_CONFIRMATION_MISMATCH, code="mismatch")
        return typed
