"""The admin form of a space: functions as check boxes, moderators chosen by name."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.accounts.models import Affiliation, User

from .models import Membership


class SpaceAdminForm(WagtailAdminModelForm):
    eligible_functions = forms.MultipleChoiceField(
        label=_("Functions that may see it"),
        choices=Affiliation.Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only used when the space is for specific functions."),
    )
    excluded_functions = forms.MultipleChoiceField(
        label=_("Functions kept out"),
        choices=Affiliation.Function.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("People holding any of these functions in any programme never see it."),
    )
    moderators = forms.ModelMultipleChoiceField(
        label=_("Moderators"),
        queryset=User.objects.filter(is_active=True).order_by("first_name", "last_name"),
        required=False,
        help_text=_("They approve requests, invite people and moderate posts."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["moderators"] = list(
                self.instance.memberships.filter(is_moderator=True).values_list("user", flat=True)
            )

    @transaction.atomic
    def save(self, commit=True):
        space = super().save(commit=commit)
        if commit:
            chosen = set(self.cleaned_data.get("moderators") or ())
            space.memberships.filter(is_moderator=True).exclude(user__in=chosen).update(
                is_moderator=False
            )
            for user in chosen:
                Membership.objects.update_or_create(
                    space=space,
                    user=user,
                    defaults={"status": Membership.Status.ACTIVE, "is_moderator": True},
                )
        return space
