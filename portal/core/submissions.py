"""Forms that make something, made once however often they are sent.

Each such form carries a one-time token (`SubmissionTokenMixin` in `portal.core.forms`). The
first request to process it inserts the token in a table with a unique constraint, in the same
transaction as what it makes, and stores the address of the result there. A second request
with the token (a double click, ten identical POSTs at once) cannot insert it: on PostgreSQL it
waits for the first one's transaction, then finds the stored address and leads there. A
submission that makes nothing (refused, invalid) keeps no token, so the same form can be
corrected and sent again.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from .models import FormSubmission

TOKEN_FIELD = "submission_token"  # noqa: S105 - a field name, not a secret
# Long enough for any double click or resent request; older tokens are pruned.
TOKEN_KEPT = timedelta(days=7)
SUBMISSION_NOT_YOURS = gettext_lazy(
    "This form has already been sent. Reload the page and try again."
)


class Once(NamedTuple):
    """What `submission_once` did: `result`, what `make()` returned, or, when the form had
    already been processed, `earlier_url`, where that submission led."""

    result: object = None
    earlier_url: str | None = None


def _user_id(user) -> int | None:
    return user.pk if getattr(user, "is_authenticated", False) else None


def submission_once(*, token: str | None, user, make: Callable[[], tuple]) -> Once:
    """Run `make()` unless a submission with `token` was already processed.

    `make()` returns `(result, url)`: `url` is the address of what it stored, or None when it
    stored nothing (then the token is not kept). It runs in one transaction with the token's
    record; a ValidationError it raises undoes both. Without a token, `make()` just runs.
    A token someone else already used is refused with SUBMISSION_NOT_YOURS."""
    if not token:
        return Once(result=make()[0])
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = FormSubmission.objects.create(token=token, user_id=_user_id(user))
        except IntegrityError:
            earlier = FormSubmission.objects.filter(token=token).first()
            if earlier is None or earlier.user_id != _user_id(user) or not earlier.result_url:
                raise ValidationError(SUBMISSION_NOT_YOURS, code="submission_used") from None
            return Once(earlier_url=earlier.result_url)
        result, url = make()
        if url is None:
            claim.delete()
        else:
            claim.result_url = url
            claim.save(update_fields=["result_url"])
    return Once(result=result)


def submission_tokens_prune(*, now=None) -> int:
    """Forget tokens older than TOKEN_KEPT; returns how many."""
    cutoff = (now or timezone.now()) - TOKEN_KEPT
    deleted, _by_model = FormSubmission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
