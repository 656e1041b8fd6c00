from wagtail import hooks

from .viewsets import AccessibilityFeedbackViewSet


@hooks.register("register_admin_viewset")
def register_accessibility_feedback_viewset():
    return AccessibilityFeedbackViewSet("home_accessibility_feedback")
