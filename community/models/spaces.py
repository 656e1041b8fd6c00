"""Spaces, who may see them, and who belongs to them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Affiliation

FUNCTIONS_NEEDED = _("Choose at least one function that may see this space.")
FUNCTIONS_ONLY_FOR_FUNCTION_ELIGIBILITY = _(
    "Functions are only used when the space is for specific functions."
)
SUB_SPACE_TOO_DEEP = _("A sub-space cannot have sub-spaces of its own.")
NOT_INSIDE_ITSELF = _("A space cannot be inside itself.")
UNKNOWN_FUNCTION = _("“%(value)s” is not a function.")


def _known_functions(value):
    known = set(Affiliation.Function.values)
    for function in value or ():
        if function not in known:
            raise ValidationError(UNKNOWN_FUNCTION, params={"value": function}, code="unknown")


class Space(models.Model):
    """A discussion space. Its kind says how people join; its eligibility says who may see it
    at all (and so who may join)."""

    # Anonymous visitors' cached directory lists open spaces: a new or changed one shows at once.
    invalidates_page_cache = True
    invalidates_page_cache_on_create = True

    class Kind(models.TextChoices):
        OPEN = "open", _("Open: anyone eligible joins straight away")
        ON_REQUEST = "on_request", _("On request: moderators approve each request")
        CLOSED = "closed", _("Closed: moderators invite eligible people")

    class Eligibility(models.TextChoices):
        SIGNED_IN = "signed_in", _("Anyone signed in")
        PROGRAMME_STAFF = "programme_staff", _("Approved programme staff")
        FUNCTIONS = "functions", _("Specific functions")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=1000)
    kind = models.CharField(_("how people join"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("inside space"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sub_spaces",
        help_text=_("Leave empty for a top-level space."),
    )
    eligibility = models.CharField(
        _("who may see it"),
        max_length=16,
        choices=Eligibility.choices,
        default=Eligibility.SIGNED_IN,
    )
    eligible_functions = models.JSONField(
        _("functions that may see it"), default=list, blank=True, validators=[_known_functions]
    )
    excluded_functions = models.JSONField(
        _("functions kept out"),
        default=list,
        blank=True,
        validators=[_known_functions],
        help_text=_("People holding any of these functions in any programme never see it."),
    )
    position = models.PositiveSmallIntegerField(_("order in the directory"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("space")
        verbose_name_plural = _("spaces")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:space", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.eligibility == self.Eligibility.FUNCTIONS and not self.eligible_functions:
            errors["eligible_functions"] = FUNCTIONS_NEEDED
        if self.eligibility != self.Eligibility.FUNCTIONS and self.eligible_functions:
            errors["eligible_functions"] = FUNCTIONS_ONLY_FOR_FUNCTION_ELIGIBILITY
        has_sub_spaces = self.pk is not None and self.sub_spaces.exists()
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = NOT_INSIDE_ITSELF
        elif self.parent_id and (self.parent.parent_id or has_sub_spaces):
            errors["parent"] = SUB_SPACE_TOO_DEEP
        if errors:
            raise ValidationError(errors)


class Membership(models.Model):
    """One person's place in a space: a member, a pending request or invitation, or a ban.
    Leaving or being removed deletes the row; a ban keeps it so the person cannot come back."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Member")
        REQUESTED = "requested", _("Asked to join")
        INVITED = "invited", _("Invited")
        BANNED = "banned", _("Banned")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    is_moderator = models.BooleanField(_("moderator"), default=False)
    request_message = models.TextField(_("message to the moderators"), blank=True, max_length=1000)
    decision_message = models.TextField(_("message with the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("membership")
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="community_membership_unique"),
            models.CheckConstraint(
                condition=Q(is_moderator=False) | Q(status="active"),
                name="community_moderator_is_member",
            ),
        ]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.user} — {self.space} ({self.get_status_display()})"
