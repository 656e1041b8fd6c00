"""The Wagtail admin in each editor's language: the language chosen in the portal (the
profile's `interface_language`) becomes Wagtail's preferred language for them when Wagtail
ships a translation of its admin in it (WAGTAILADMIN_PERMITTED_LANGUAGES); in another language
(Irish, Maltese) the admin speaks English."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.admin.localization import get_available_admin_languages
from wagtail.users.models import UserProfile

from portal.accounts.models import Profile

# Wagtail ships these admin translations under the country's variant only (pt_PT, hr_HR, sk_SK).
ADMIN_VARIANTS = {"hr": "hr-hr", "pt": "pt-pt", "sk": "sk-sk"}


def admin_language_for(code: str) -> str | None:
    variant = ADMIN_VARIANTS.get(code, code)
    return variant if variant in dict(get_available_admin_languages()) else None


@receiver(post_save, sender=Profile)
def _portal_language_chosen(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and "interface_language" not in update_fields:
        return
    if not instance.interface_language:
        return
    language = admin_language_for(instance.interface_language) or ""
    UserProfile.objects.update_or_create(
        user_id=instance.user_id, defaults={"preferred_language": language}
    )
