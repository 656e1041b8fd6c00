"""Spaces: their page, joining and leaving, answering an invitation, the notification setting,
and the people who may be mentioned there."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from portal.core.cache import kept_for_person
from portal.core.query import query_choice, query_page, query_text

from .. import access, selectors, services
from ..forms import JoinRequestForm, SubscriptionForm
from ..models import Membership
from ..versions import reader_versions
from .common import (
    SUBSCRIPTION_SAVED,
    _readable,
    _render,
    _service_error,
    _space,
)

JOINED = gettext_lazy("Welcome! You are now a member of this space.")
REQUESTED = gettext_lazy(
    "Your request is with the moderators. You will be notified of their answer."
)
LEFT = gettext_lazy("You have left the space.")


@login_required
@require_GET
@kept_for_person(reader_versions)
def space_detail(request, slug):
    return _space_page(request, _space(request, slug, reading=True), join_form=JoinRequestForm())


def _space_page(request, space, *, join_form):
    viewer = access.for_user(request.user)
    readable = viewer.is_readable(space.pk)
    sort = query_choice(request, "sort", selectors.SORTS, "latest")
    context = {
        "space": space,
        "status": viewer.status(space.pk),
        "readable": readable,
        "may_post": viewer.may_post(space.pk),
        "moderates": viewer.moderates(space.pk),
        "sort": sort,
        "sorts": list(selectors.SORTS.items()),
        "sub_spaces": selectors.sub_spaces(space=space, user=request.user),
        "join_form": join_form,
    }
    if readable:
        context["page_obj"] = selectors.thread_list(
            space=space, user=request.user, sort=sort, page_number=query_page(request)
        )
        context["subscription_form"] = SubscriptionForm(
            initial={"level": space.reader_subscription}
        )
    return _render(request, "community/space_detail.html", context)


@login_required
@require_POST
def space_join(request, slug):
    space = _space(request, slug, reading=True)
    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        return _space_page(request, space, join_form=form)  # the message stays, with why
    try:
        membership = services.space_join(
            user=request.user, space=space, message=form.cleaned_data["message"]
        )
    except ValidationError as error:
        _service_error(request, error)
    else:
        active = membership.status == Membership.Status.ACTIVE
        messages.success(request, JOINED if active else REQUESTED)
    return redirect(space)


@login_required
@require_POST
def space_leave(request, slug):
    space = _space(request, slug)
    try:
        services.space_leave(user=request.user, space=space)
    except ValidationError as error:
        _service_error(request, error)
        return redirect(space)
    messages.success(request, LEFT)
    return redirect(selectors.directory_url())


@login_required
@require_POST
def invitation_answer(request, slug):
    space = _space(request, slug)
    if request.POST.get("answer") == "accept":
        try:
            services.invitation_accept(user=request.user, space=space)
        except ValidationError as error:
            _service_error(request, error)
        else:
            messages.success(request, JOINED)
        return redirect(space)
    services.invitation_decline(user=request.user, space=space)
    messages.info(request, _("You declined the invitation."))
    return redirect(selectors.directory_url())


@login_required
@require_POST
def space_subscription(request, slug):
    space = _space(request, slug)
    _readable(request, space.pk)
    form = SubscriptionForm(request.POST)
    if form.is_valid():
        services.subscription_set(user=request.user, space=space, level=form.cleaned_data["level"])
        messages.success(request, SUBSCRIPTION_SAVED)
    return redirect(space)


@login_required
@require_GET
def mention_candidates(request, slug):
    space = _space(request, slug)
    if not access.for_user(request.user).may_post(space.pk):
        raise PermissionDenied
    people = selectors.mention_candidates(space=space, query=query_text(request, "q"))
    response = JsonResponse({"people": people})
    response["Cache-Control"] = "private, no-store"
    return response
