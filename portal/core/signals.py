from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .cache import content_changed


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_visibility_changed(sender, **kwargs):
    content_changed()


# Cached pages are handed out without asking Wagtail again, so anything that changes who may
# see a page, or what every page shows, must drop them.
_ALWAYS_INVALIDATES = (Site, PageViewRestriction)


def _row_shown(sender, instance, *, created: bool) -> bool:
    # A model some of whose rows only are shown (published events among drafts) tells which.
    shown = getattr(sender, "invalidates_page_cache_when", None)
    return shown is not None and shown(instance, created=created)


@receiver(post_delete)
def _deleted(sender, instance=None, **kwargs):
    if (
        issubclass(sender, (Page, *_ALWAYS_INVALIDATES))
        or getattr(sender, "invalidates_page_cache", False)
        or _row_shown(sender, instance, created=False)
    ):
        content_changed()


@receiver(post_save)
def _saved(sender, instance=None, created=False, **kwargs):
    # Drafts do not change what visitors see; restrictions, sites and site settings do.
    # Settings rows are created on first use holding only defaults, which changes nothing.
    # Models whose new rows show up on pages at once (a course session) say so.
    invalidates = getattr(sender, "invalidates_page_cache", False)
    settings_change = invalidates and (
        not created or getattr(sender, "invalidates_page_cache_on_create", False)
    )
    if (
        issubclass(sender, _ALWAYS_INVALIDATES)
        or settings_change
        or _row_shown(sender, instance, created=created)
    ):
        content_changed()


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def _restriction_groups_changed(sender, **kwargs):
    content_changed()
