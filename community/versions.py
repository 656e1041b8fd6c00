"""What a thread's page, a space's thread list and community search are kept under for each
reader (portal.core.cache.kept_for_person).

- **The community version**: one number for every space, changed whenever a row those pages
  show changes: a thread (its title, tags, lock, pin, move, merge, counts, answer), a post (its
  text, hiding, deletion), a like, an attachment or an edit's revision. It is one version for
  the whole community rather than one per thread or space: search spans every space a person
  may read, and a thread moved or merged changes two spaces at once; a page dropped costs one
  render of a bounded page (20 posts, 25 threads).
- **The reader's own version**: how far they have read each thread (the thread list's unread
  marks, a thread's "new since your last visit") and how they follow each thread and space.

A post reaches the search index in the task worker, after its save: the community version
changes again once it is indexed.

Spaces change the content version; a person's memberships, eligibility and name their
identity's; both are in every kept copy's key already."""

from functools import partial

from django.db.models.signals import post_delete, post_save
from django_tasks.signals import task_finished
from modelsearch.tasks import insert_or_update_object_task

from portal.accounts import roles
from portal.core.versions import Version, person_changed, person_version, read_together

from .models import (
    Attachment,
    Post,
    PostRevision,
    Reaction,
    Subscription,
    TaggedThread,
    Thread,
    ThreadRead,
)

# Nothing is kept while the cache server is down (as with a person's version).
COMMUNITY_VERSION = Version("community-version", while_unreachable=None)

READING = "community-reading"

# Updates made with `QuerySet.update()` or `bulk_create()` send no signal. The services that
# make them save a thread or a post in the same transaction (a reply, a move, a merge), or call
# `reading_changed` themselves (a thread marked read).
_SHOWN = (Thread, Post, Reaction, Attachment, PostRevision, TaggedThread)
_READERS = (ThreadRead, Subscription)


# Community pages read both for whoever is signed in.
roles.version_fetched_with_person(partial(person_version, READING))
roles.version_fetched_with_person(lambda _user_id: COMMUNITY_VERSION)


def community_changed() -> None:
    COMMUNITY_VERSION.changed()


def reading_changed(user_ids) -> None:
    person_changed(READING, user_ids)


def reader_versions(request) -> tuple:
    reading = person_version(READING, request.user.pk)
    read_together(COMMUNITY_VERSION, reading)  # one trip to the cache for both
    return (COMMUNITY_VERSION.current(), reading.current())


def _shown_changed(sender, **_kwargs) -> None:
    community_changed()


def _reader_changed(sender, instance, **_kwargs) -> None:
    reading_changed([instance.user_id])


def _post_indexed(sender, task_result, **_kwargs) -> None:
    # A saved post reaches the search index later, in the task worker: search pages kept
    # meanwhile would go on missing it.
    if task_result.task.module_path != insert_or_update_object_task.module_path:
        return
    if tuple(task_result.args[:2]) == (Post._meta.app_label, Post._meta.model_name):
        community_changed()


def connect() -> None:
    task_finished.connect(_post_indexed, dispatch_uid="community-post-indexed")
    for model in _SHOWN:
        name = model.__name__
        post_save.connect(_shown_changed, sender=model, dispatch_uid=f"community-saved-{name}")
        post_delete.connect(_shown_changed, sender=model, dispatch_uid=f"community-deleted-{name}")
    for model in _READERS:
        name = model.__name__
        post_save.connect(_reader_changed, sender=model, dispatch_uid=f"community-read-{name}")
        post_delete.connect(_reader_changed, sender=model, dispatch_uid=f"community-unread-{name}")
