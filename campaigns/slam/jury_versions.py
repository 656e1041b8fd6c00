"""What the jury's workspace and ranking are kept under (portal.core.cache.kept_for_person):
one Slam-wide jury version, changed whenever a row those pages read changes: an application
(entering or leaving the jury stage, its shortlisting, finalists and awards), an assignment,
a review (a juror's scores, comment or conflict of interest: the ranking shows every juror's)
or a seat on a jury. It is one version for the whole Slam, not one per juror: the jury is a
handful of people and these rows change rarely, so dropping every juror's copy at once costs
little and cannot miss whose page a change shows on. Editions and programmes change the
content version, a person's rights their identity's; both are in every kept copy's key. The
edition's phase dates are kept by the clock: the views bound each copy by the next one."""

from django.db.models.signals import post_delete, post_save

from portal.core.versions import Version

from .models import SlamApplication, SlamAssignment, SlamJuror, SlamReview

# Nothing is kept while the cache server is down (as with a person's version).
JURY_VERSION = Version("slam-jury-version", while_unreachable=None)

# Updates made with `QuerySet.update()` or `bulk_create()` send no signal: the services that
# make them call `jury_changed()` (services.jury_assign). A review's scores are written in
# bulk but the review itself is saved after them, which sends its signal.
_MODELS = (SlamApplication, SlamAssignment, SlamReview, SlamJuror)


def jury_changed() -> None:
    JURY_VERSION.changed()


def jury_versions(request) -> tuple:
    return (JURY_VERSION.current(),)


def _row_changed(sender, **_kwargs) -> None:
    jury_changed()


def connect() -> None:
    for model in _MODELS:
        name = model.__name__
        post_save.connect(_row_changed, sender=model, dispatch_uid=f"slam-jury-saved-{name}")
        post_delete.connect(_row_changed, sender=model, dispatch_uid=f"slam-jury-deleted-{name}")
