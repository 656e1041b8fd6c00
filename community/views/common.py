"""Request helpers the community's views share.

A space someone may not see does not exist for them (404), wherever they come from: its page,
its threads, its posts' files. A space they may see but not read says how to get in.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from .. import access, selectors
from ..models import Post, Space, Thread

SUBSCRIPTION_SAVED = gettext_lazy("Your notification setting is saved.")


def _space(request, slug, *, reading=False) -> Space:
    """The space, when `request.user` may see it; 404 otherwise. `reading` adds how they
    follow it (`selectors.space_for_page`)."""
    try:
        space = selectors.space_for_page(slug, reader=request.user if reading else None)
    except Space.DoesNotExist as missing:
        raise Http404 from missing
    if not access.for_user(request.user).is_visible(space.pk):
        raise Http404
    return space


def _readable(request, space_id: int) -> None:
    viewer = access.for_user(request.user)
    if not viewer.is_visible(space_id):
        raise Http404
    refusal = viewer.refusal(space_id)
    if refusal:
        raise PermissionDenied(refusal)


def _moderating(request, space_id: int) -> None:
    if not access.for_user(request.user).moderates(space_id):
        if not access.for_user(request.user).is_visible(space_id):
            raise Http404
        raise PermissionDenied


def _thread(request, pk, *, reading=False) -> Thread:
    """The thread, when `request.user` may read it; `reading` adds what they had read and how
    they follow it (`selectors.thread_for_page`)."""
    try:
        thread = selectors.thread_for_page(pk, reader=request.user if reading else None)
    except Thread.DoesNotExist as missing:
        raise Http404 from missing
    _readable(request, thread.space_id)
    return thread


def _post(request, pk) -> Post:
    try:
        post = selectors.post_for_action(pk)
    except Post.DoesNotExist as missing:
        raise Http404 from missing
    _readable(request, post.space_id)
    return post


def _render(request, template: str, context: dict):
    return render(request, template, {"directory_url": selectors.directory_url(), **context})


def _service_error(request, error: ValidationError):
    messages.error(request, " ".join(error.messages))
