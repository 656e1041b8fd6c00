"""The admin form of a space: functions as check boxes, moderators by e-mail address (a list
of every account would not scale)."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.accounts import roles
from portal.accounts.models import Affiliation, User

from .models import Membership

UNKNOWN_MODERATORS = _("No active account has these addresses: %(addresses)s.")


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
    moderators = forms.CharField(
        label=_("Moderators"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "E-mail addresses of the moderators, one per line. They approve requests, invite "
            "people and moderate posts."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["moderators"] = "\n".join(
                self.instance.memberships.filter(is_moderator=True)
                .order_by("user__email")
                .values_list("user__email", flat=True)
            )

    def clean_moderators(self):
        addresses = {
            address.strip().lower()
            for address in self.cleaned_data["moderators"].replace(",", "\n").splitlines()
            if address.strip()
        }
        people = list(User.objects.filter(email__in=addresses, is_active=True))
        unknown = addresses - {person.email.lower() for person in people}
        if unknown:
            raise forms.ValidationError(
                UNKNOWN_MODERATORS, params={"addresses": ", ".join(sorted(unknown))}
            )
        return people

    @transaction.atomic
    def save(self, commit=True):
        space = super().save(commit=commit)
        if commit:
            chosen = self.cleaned_data.get("moderators") or []
            space.memberships.filter(is_moderator=True).exclude(user__in=chosen).update(
                is_moderator=False
            )
            roles.identity_changed()  # an update sends no signal; members' rights changed
            for user in chosen:
                Membership.objects.update_or_create(
                    space=space,
                    user=user,
                    defaults={"status": Membership.Status.ACTIVE, "is_moderator": True},
                )
        return space
