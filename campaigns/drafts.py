"""Saving a form as a draft and submitting it: Cooperation Day events and Slam applications."""

from django.core.exceptions import ValidationError

from portal.core.forms import add_service_errors

SUBMIT_ACTION = "submit"


def draft_save_and_submit(request, form, *, save, submit, renamed=None):
    """For a valid, POSTed `form`: store it with `save(cleaned_data)`, a service call that
    returns the stored draft, then hand that draft to `submit(draft)` when the person pressed
    the submit button. A service's refusal puts its errors next to the fields (`renamed` maps
    model fields to form fields, as in `add_service_errors`).

    Returns `(draft, done)`: `done` when everything asked for happened. A draft stored before
    its submission was refused comes back too, so that the page shows the form bound to it,
    posting to its own address: trying again updates that draft and never makes a second one.
    """
    try:
        draft = save(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error, renamed=renamed)
        return None, False
    if request.POST.get("action") != SUBMIT_ACTION:
        return draft, True
    try:
        submit(draft)
    except ValidationError as error:
        add_service_errors(form, error, renamed=renamed)
        return draft, False
    return draft, True


def submitting(request) -> bool:
    return request.POST.get("action") == SUBMIT_ACTION
