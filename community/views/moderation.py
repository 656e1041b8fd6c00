"""Moderation: members and join requests, the review queue, the moderation log, hiding and
restoring posts, and locking, pinning, moving and merging threads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.core.forms import submitted
from portal.core.query import query_page

from .. import access, selectors, services
from ..forms import DecisionForm, HideForm, InviteForm, MergeForm, MoveForm
from ..models import Membership, Space
from .common import _moderating, _post, _render, _service_error, _space, _thread


@login_required
@require_http_methods(["GET", "POST"])
def members(request, slug):
    return _members_page(request, _space(request, slug))


def _members_page(request, space, *, refused=None):
    """The members page; `refused` is an answer to a request the form did not take, shown
    again with what the moderator typed."""
    _moderating(request, space.pk)
    invite_form = InviteForm(request.POST if refused is None and request.POST else None)
    done = submitted(
        request,
        invite_form,
        lambda data: (
            services.member_invite(moderator=request.user, space=space, email=data["email"])
            and reverse("community:members", kwargs={"slug": space.slug})
        ),
        success=_("The invitation is sent."),
    )
    if done:
        return done
    return _render(
        request,
        "community/members.html",
        {
            "space": space,
            "page_obj": selectors.members(space=space, page_number=query_page(request)),
            "requests": _join_requests(space, refused=refused),
            "invite_form": invite_form,
        },
    )


def _join_requests(space, *, refused=None) -> list[tuple[Membership, DecisionForm]]:
    """Each waiting request with its own answer form (ids apart, drafts apart)."""
    return [
        (
            membership,
            refused
            if refused is not None and refused.membership_id == membership.pk
            else _decision_form(membership.pk),
        )
        for membership in selectors.join_requests(space=space)
    ]


def _decision_form(membership_id, data=None) -> DecisionForm:
    form = DecisionForm(data, auto_id=f"decision-{membership_id}-%s")
    form.membership_id = membership_id
    return form


def _membership(request, slug, pk) -> Membership:
    space = _space(request, slug)
    _moderating(request, space.pk)
    return get_object_or_404(Membership.objects.select_related("user", "space"), pk=pk, space=space)


@login_required
@require_POST
def membership_decide(request, slug, pk):
    membership = _membership(request, slug, pk)
    form = _decision_form(membership.pk, request.POST)
    if not form.is_valid():
        return _members_page(request, membership.space, refused=form)
    try:
        services.request_decide(
            moderator=request.user,
            membership=membership,
            approve=request.POST.get("decision") == "approve",
            message=form.cleaned_data["message"],
        )
    except ValidationError as error:
        _service_error(request, error)
    else:
        messages.success(request, _("The request is answered."))
    return redirect("community:members", slug=slug)


@login_required
@require_POST
def membership_remove(request, slug, pk):
    membership = _membership(request, slug, pk)
    action = request.POST.get("action")
    try:
        if action == "unban":
            services.member_unban(moderator=request.user, membership=membership)
        else:
            services.member_remove(
                moderator=request.user,
                membership=membership,
                ban=action == "ban",
                note=request.POST.get("note", ""),
            )
    except ValidationError as error:
        _service_error(request, error)
    else:
        messages.success(request, _("Done."))
    return redirect("community:members", slug=slug)


@login_required
@require_GET
def moderation(request, slug):
    space = _space(request, slug)
    _moderating(request, space.pk)
    ids = [space.pk, *(child.pk for child in selectors.sub_spaces(space=space, user=request.user))]
    return _render(
        request,
        "community/moderation.html",
        {
            "space": space,
            "flagged": selectors.flagged_posts(space_ids=ids),
            "requests": _join_requests(space),
            "hide_form": HideForm(),
        },
    )


@login_required
@require_GET
def moderation_log(request, slug):
    space = _space(request, slug)
    _moderating(request, space.pk)
    return _render(
        request,
        "community/moderation_log.html",
        {
            "space": space,
            "page_obj": selectors.moderation_log(
                space_ids=[space.pk], page_number=query_page(request)
            ),
        },
    )


@login_required
@require_POST
def post_moderate(request, pk):
    post = _post(request, pk)
    _moderating(request, post.space_id)
    action = request.POST.get("action")
    hide_form = HideForm(request.POST)
    if action == "hide" and not hide_form.is_valid():
        messages.error(request, hide_form.errors["reason"][0])
    elif action == "hide":
        services.post_hide(
            moderator=request.user, post=post, reason=hide_form.cleaned_data["reason"]
        )
        messages.success(request, _("The post is hidden."))
    elif action == "restore":
        services.post_restore(moderator=request.user, post=post)
        messages.success(request, _("The post is visible again."))
    elif action == "dismiss":
        services.flags_dismiss(moderator=request.user, post=post)
        messages.success(request, _("The flags are dismissed."))
    back = request.POST.get("back")
    if back == "queue":
        return redirect("community:moderation", slug=post.space.slug)
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def thread_toggle(request, pk):
    thread = _thread(request, pk)
    _moderating(request, thread.space_id)
    change = request.POST.get("change")
    if change in services.THREAD_TOGGLES:
        services.thread_toggle(moderator=request.user, thread=thread, change=change)
        messages.success(request, _("The thread is updated."))
    return redirect(thread)


@login_required
@require_http_methods(["GET", "POST"])
def thread_move(request, pk):
    thread = _thread(request, pk)
    _moderating(request, thread.space_id)
    moderated = access.for_user(request.user).moderated_ids() - {thread.space_id}
    form = MoveForm(request.POST or None, spaces=Space.objects.filter(pk__in=moderated))

    def move(data):
        services.thread_move(moderator=request.user, thread=thread, to_space=data["to_space"])
        return thread

    done = submitted(request, form, move, success=_("The thread is moved."))
    return done or _render(
        request,
        "community/thread_moderate_form.html",
        {"thread": thread, "space": thread.space, "form": form, "action": "move"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_merge(request, pk):
    thread = _thread(request, pk)
    _moderating(request, thread.space_id)
    form = MergeForm(request.POST or None, threads=selectors.merge_candidates(thread=thread))
    done = submitted(
        request,
        form,
        lambda data: services.thread_merge(
            moderator=request.user, thread=thread, into=data["into"]
        ),
        success=_("The threads are merged."),
    )
    return done or _render(
        request,
        "community/thread_moderate_form.html",
        {"thread": thread, "space": thread.space, "form": form, "action": "merge"},
    )
