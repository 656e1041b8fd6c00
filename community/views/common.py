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
from ..models import Post, Space, Subscription, Thread

SUBSCRIPTION_SAVED = gettext_lazy("Your notification setting is saved.")


def _space(request, slug) -> Space:
    """The space, when `request.user` may see it; 404 otherwise."""
    try:
        space = selectors.space_for_page(slug)
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


def _thread(request, pk) -> Thread:
    try:
        thread = selectors.thread_for_page(pk)
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


def _subscription_level(user, **target) -> str:
    level = Subscription.objects.filter(user=user, **target).values_list("level", flat=True)
    return level.first() or "default"
