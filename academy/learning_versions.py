"""What each learner's "my learning" is kept under (portal.core.cache.kept_for_person): the
version of their learning, changed whenever a row the page reads of theirs changes. Published
courses, sessions and learning paths change the content version, their affiliations (which
paths are recommended) their identity's; both are in every kept copy's key already. A course
page's personal pieces keep the learner's state under the same version (academy/pieces.py)."""

from functools import partial

from django.db.models.signals import post_delete, post_save

from portal.accounts import roles
from portal.accounts.models import Profile
from portal.core.capacity import PlaceStatus
from portal.core.versions import person_changed, person_version

from .models import Certificate, Enrolment, LessonProgress, QuizAttempt

LEARNING = "learning"
# Course pages and "my learning" read it for whoever is signed in.
roles.version_fetched_with_person(partial(person_version, LEARNING))

# Each model whose rows the page shows, and the field naming whose they are. Updates made
# with `QuerySet.update()` send no signal: the services that make them call `learning_changed`.
_PERSON_FIELD = {
    Enrolment: "user_id",
    LessonProgress: "user_id",
    QuizAttempt: "user_id",
    Certificate: "holder_id",
    # Whether their record of certificates is public (the page links it).
    Profile: "user_id",
}


def learning_changed(user_ids) -> None:
    person_changed(LEARNING, user_ids)


def my_learning_versions(request) -> tuple:
    return (person_version(LEARNING, request.user.pk).current(),)


def _row_changed(sender, instance, **_kwargs) -> None:
    changed = [getattr(instance, _PERSON_FIELD[sender])]
    if sender is Enrolment and instance.session_id:
        # A place taken, given up or promoted in a session moves everyone waiting for it up
        # or down the list, and the course page tells each their number.
        changed += Enrolment.objects.filter(
            session_id=instance.session_id, status=PlaceStatus.WAITLISTED
        ).values_list("user_id", flat=True)
    learning_changed(changed)


def connect() -> None:
    for model in _PERSON_FIELD:
        name = model.__name__
        post_save.connect(_row_changed, sender=model, dispatch_uid=f"learning-saved-{name}")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"learning-deleted-{name}")
