from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal.core.cache import content_changed

from .models import Asset, UsageTerms


@receiver(post_save, sender=Asset)
@receiver(post_delete, sender=Asset)
@receiver(post_save, sender=UsageTerms)
def _asset_changed(sender, **kwargs):
    """The library page is cached for anonymous visitors until published content changes."""
    content_changed()
