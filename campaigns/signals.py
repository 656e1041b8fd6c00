from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def _drop_unpublished_events(sender, instance, **kwargs):
    """A deleted account takes its drafts and events in review along; published events stay
    public, with the organiser's name gone."""
    from .models import Event

    Event.objects.filter(organiser=instance).exclude(status=Event.Status.PUBLISHED).delete()
