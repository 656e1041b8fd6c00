from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import content_changed


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_visibility_changed(sender, **kwargs):
    content_changed()


@receiver(post_delete)
def _deleted(sender, **kwargs):
    if issubclass(sender, Page) or getattr(sender, "invalidates_page_cache", False):
        content_changed()


@receiver(post_save)
def _saved(sender, **kwargs):
    # Drafts do not change what visitors see; sites and site-wide settings do.
    if sender is Site or getattr(sender, "invalidates_page_cache", False):
        content_changed()
