"""Saving a form as a draft and submitting it: Cooperation Day events and Slam applications."""

from typing import NamedTuple

from django.core.exceptions import ValidationError

from portal.core.forms import add_service_errors, submission_token
from portal.core.submissions import submission_once

SUBMIT_ACTION = "submit"


class DraftOutcome(NamedTuple):
    """`done` when everything asked for happened; `earlier_url`, when this same form had
    already been sent and made its draft, is where that first sending leads."""

    draft: object
    done: bool
    earlier_url: str | None = None


def _save_and_submit(request, form, *, save, submit, renamed) -> DraftOutcome:
    try:
        draft = save(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error, renamed=renamed)
        return DraftOutcome(None, False)
    if request.POST.get("action") != SUBMIT_ACTION:
        return DraftOutcome(draft, True)
    try:
        submit(draft)
    except ValidationError as error:
        add_service_errors(form, error, renamed=renamed)
        return DraftOutcome(draft, False)
    return DraftOutcome(draft, True)


def draft_save_and_submit(request, form, *, save, submit, renamed=None, result_url=None):
    """For a valid, POSTed `form`: store it with `save(cleaned_data)`, a service call that
    returns the stored draft, then hand that draft to `submit(draft)` when the person pressed
    the submit button. A service's refusal puts its errors next to the fields (`renamed` maps
    model fields to form fields, as in `add_service_errors`).

    Returns a `DraftOutcome`. A draft stored before its submission was refused comes back too,
    so that the page shows the form bound to it, posting to its own address: trying again
    updates that draft and never makes a second one.

    A form that makes a new draft passes `result_url(draft)`, the address of the draft: its
    submission token (`portal.core.submissions`) is then kept with that address, and the same
    form sent again stores nothing and comes back with `earlier_url` set to it.
    """
    if result_url is None:
        return _save_and_submit(request, form, save=save, submit=submit, renamed=renamed)

    def make():
        outcome = _save_and_submit(request, form, save=save, submit=submit, renamed=renamed)
        return outcome, (result_url(outcome.draft) if outcome.draft is not None else None)

    try:
        once = submission_once(token=submission_token(form), user=request.user, make=make)
    except ValidationError as error:
        add_service_errors(form, error, renamed=renamed)
        return DraftOutcome(None, False)
    if once.earlier_url:
        return DraftOutcome(None, True, once.earlier_url)
    return once.result


def submitting(request) -> bool:
    return request.POST.get("action") == SUBMIT_ACTION
