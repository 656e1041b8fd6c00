"""What each organiser's "my events" is kept under (portal.core.cache.kept_for_person): the
version of their events, changed whenever one of their events, its sign-ups or its moderation
history changes. Editions and programmes change the content version, which every kept copy's
key holds already. An event's organiser is set when it is made and never changed."""

from functools import partial

from django.db.models.signals import post_delete, post_save

from portal.accounts import roles
from portal.core.versions import person_changed, person_version

from .models import Event, EventAttendee, EventTransition

MY_EVENTS = "my-events"
roles.version_fetched_with_person(partial(person_version, MY_EVENTS))


def my_events_versions(request) -> tuple:
    return (person_version(MY_EVENTS, request.user.pk).current(),)


def _event_changed(sender, instance, **_kwargs) -> None:
    person_changed(MY_EVENTS, [instance.organiser_id])


def _part_changed(sender, instance, **_kwargs) -> None:
    # A sign-up counts on the page, a transition gives its last message. The event is read
    # for its organiser; when it is being deleted with them, there is no page left to drop.
    organiser = Event.objects.filter(pk=instance.event_id).values_list("organiser_id", flat=True)
    person_changed(MY_EVENTS, list(organiser))


def connect() -> None:
    post_save.connect(_event_changed, sender=Event, dispatch_uid="my-events-event-saved")
    post_delete.connect(_event_changed, sender=Event, dispatch_uid="my-events-event-deleted")
    for model in (EventAttendee, EventTransition):
        name = model.__name__
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"my-events-saved-{name}")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"my-events-deleted-{name}")
