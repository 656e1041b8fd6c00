from portal.accounts import gdpr

from .models import AccessibilityFeedback


@gdpr.register("accessibility_feedback")
def accessibility_feedback_data(user):
    return [
        {
            "page_concerned": feedback.page_concerned,
            "problem": feedback.problem,
            "name": feedback.name,
            "email": feedback.email,
            "sent": feedback.created_at.isoformat(),
        }
        for feedback in AccessibilityFeedback.objects.filter(sender=user)
    ]


@gdpr.register_erasure("accessibility_feedback")
def accessibility_feedback_erase(user):
    """The barrier reported stays for the editors to fix; who reported it goes."""
    AccessibilityFeedback.objects.filter(sender=user).update(name="", email="", sender=None)
