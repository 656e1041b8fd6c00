"""Editors read the accessibility feedback visitors send; nobody edits it."""

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy

from portal.core.viewsets import ReadOnlyPolicy, RelatedModelViewSet

from .models import AccessibilityFeedback


class AccessibilityFeedbackViewSet(RelatedModelViewSet):
    model = AccessibilityFeedback
    icon = "help"
    menu_label = _("Accessibility feedback")
    menu_order = 480
    add_to_admin_menu = True
    list_select_related = ("statement", "sender")
    list_display = ["created_at", "page_concerned", "email", "name"]
    search_fields = ["page_concerned", "problem", "email", "name"]
    ordering = ["-created_at"]
    form_fields = ["problem"]  # never offered: the policy refuses adding and changing
    inspect_view_enabled = True
    inspect_view_fields = ["created_at", "name", "email", "page_concerned", "problem", "sender"]


register_permission_policy(AccessibilityFeedback, ReadOnlyPolicy(AccessibilityFeedback))
