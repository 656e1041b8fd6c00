"""Community endpoints: spaces, threads, posts, membership and moderation.

A space someone may not see does not exist for them (404), wherever they come from: its page,
its threads, its posts' files. A space they may see but not read says how to get in.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from taggit.utils import edit_string_for_tags

from portal.core.forms import submitted

from . import access, selectors, services
from .forms import (
    DecisionForm,
    FlagForm,
    HideForm,
    InviteForm,
    JoinRequestForm,
    MergeForm,
    MoveForm,
    PostForm,
    SearchForm,
    SubscriptionForm,
    ThreadForm,
)
from .markup import quote_source
from .models import Attachment, Membership, Post, Space, Subscription, Thread

JOINED = _("Welcome! You are now a member of this space.")
REQUESTED = _("Your request is with the moderators. You will be notified of their answer.")
LEFT = _("You have left the space.")
POSTED = _("Your reply is posted.")
THREAD_STARTED = _("Your thread is started.")
EDITED = _("Your changes are saved.")
DELETED = _("The post is deleted.")
FLAGGED = _("Thank you. The moderators will review the post.")
SUBSCRIPTION_SAVED = _("Your notification setting is saved.")


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


# Spaces -----------------------------------------------------------------------------------


@login_required
@require_GET
def space_detail(request, slug):
    return _space_page(request, _space(request, slug), join_form=JoinRequestForm())


def _space_page(request, space, *, join_form):
    viewer = access.for_user(request.user)
    readable = viewer.is_readable(space.pk)
    sort = request.GET.get("sort", "latest")
    if sort not in selectors.SORTS:
        sort = "latest"
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
            space=space, user=request.user, sort=sort, page_number=request.GET.get("page", 1)
        )
        context["subscription_form"] = SubscriptionForm(
            initial={"level": _subscription_level(request.user, space=space)}
        )
    return _render(request, "community/space_detail.html", context)


@login_required
@require_POST
def space_join(request, slug):
    space = _space(request, slug)
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
    people = selectors.mention_candidates(space=space, query=request.GET.get("q", ""))
    response = JsonResponse({"people": people})
    response["Cache-Control"] = "private, no-store"
    return response


# Threads and posts ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, slug):
    space = _space(request, slug)
    _readable(request, space.pk)
    if not access.for_user(request.user).may_post(space.pk):
        raise PermissionDenied(access.JOIN_TO_POST)
    form = ThreadForm(request.POST or None, request.FILES or None)
    done = submitted(
        request,
        form,
        lambda data: services.thread_create(
            user=request.user,
            space=space,
            title=data["title"],
            kind=data["kind"],
            source=data["source"],
            tags=data["tags"],
            files=data["attachments"],
        ),
        success=THREAD_STARTED,
    )
    if done:
        return done
    return _render(request, "community/thread_form.html", {"space": space, "form": form})


@login_required
@require_GET
def thread_detail(request, pk):
    thread = _thread(request, pk)
    if thread.merged_into_id:
        return redirect(thread.merged_into)
    viewer = access.for_user(request.user)
    read_before = selectors.last_read_number(thread=thread, user=request.user)
    page_obj = selectors.thread_posts(
        thread=thread, user=request.user, page_number=request.GET.get("page", 1)
    )
    posts = list(page_obj.object_list)
    if posts:
        services.thread_mark_read(user=request.user, thread=thread, number=posts[-1].number)
    moderates = viewer.moderates(thread.space_id)
    may_post = viewer.may_post(thread.space_id)
    return _render(
        request,
        "community/thread_detail.html",
        {
            "thread": thread,
            "space": thread.space,
            "page_obj": page_obj,
            "posts": posts,
            "accepted": selectors.accepted_answer(thread=thread, user=request.user)
            if page_obj.number == 1
            else None,
            "read_before": read_before,
            "moderates": moderates,
            "may_post": may_post,
            "may_reply": may_post and (not thread.is_locked or moderates),
            "may_choose_answer": thread.kind == Thread.Kind.QUESTION
            and (thread.author_id == request.user.pk or moderates),
            "reply_form": PostForm(),
            "subscription_form": SubscriptionForm(
                initial={"level": _subscription_level(request.user, thread=thread)}
            ),
        },
    )


@login_required
@require_GET
def thread_unread(request, pk):
    """Jump to the first post `request.user` has not read."""
    thread = _thread(request, pk)
    read = selectors.last_read_number(thread=thread, user=request.user)
    return redirect(thread.post_url(min(read + 1, max(thread.last_number, 1))))


@login_required
@require_POST
def thread_subscription(request, pk):
    thread = _thread(request, pk)
    form = SubscriptionForm(request.POST)
    if form.is_valid():
        services.subscription_set(
            user=request.user, thread=thread, level=form.cleaned_data["level"]
        )
        messages.success(request, SUBSCRIPTION_SAVED)
    return redirect(thread)


@login_required
@require_http_methods(["GET", "POST"])
def post_reply(request, pk):
    thread = _thread(request, pk)
    quoted = None
    quote_id = request.POST.get("quote") or request.GET.get("quote")
    if quote_id and quote_id.isdigit():
        quoted = (
            Post.objects.filter(pk=quote_id, thread=thread, is_deleted=False, is_hidden=False)
            .select_related("author")
            .first()
        )
    initial = {}
    if quoted is not None:
        name = quoted.author.display_name if quoted.author else _("Someone")
        initial["source"] = quote_source(author_name=name, source=quoted.source)
    form = PostForm(request.POST or None, request.FILES or None, initial=initial)
    done = submitted(
        request,
        form,
        lambda data: services.post_create(
            user=request.user,
            thread=thread,
            source=data["source"],
            quoted_post=quoted,
            files=data["attachments"],
        ).get_absolute_url(),
        success=POSTED,
    )
    if done:
        return done
    return _render(
        request,
        "community/post_form.html",
        {"thread": thread, "space": thread.space, "form": form, "quoted": quoted, "mode": "reply"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = _post(request, pk)
    moderates = access.for_user(request.user).moderates(post.space_id)
    if post.author_id != request.user.pk and not moderates:
        raise PermissionDenied(services.NOT_YOUR_POST)
    first = post.number == 1
    initial = {"source": post.source}
    if first:  # the first post carries the thread's title, type and tags
        thread = post.thread
        initial.update(
            title=thread.title, kind=thread.kind, tags=edit_string_for_tags(thread.tags.all())
        )
    form_class = ThreadForm if first else PostForm
    form = form_class(request.POST or None, request.FILES or None, initial=initial)

    def save(data):
        thread_fields = (
            {"title": data["title"], "kind": data["kind"], "tags": data["tags"]} if first else None
        )
        services.post_edit(
            user=request.user,
            post=post,
            source=data["source"],
            files=data["attachments"],
            thread_fields=thread_fields,
        )
        return post.get_absolute_url()

    done = submitted(request, form, save, success=EDITED)
    if done:
        return done
    return _render(
        request,
        "community/post_form.html",
        {"thread": post.thread, "space": post.space, "form": form, "post": post, "mode": "edit"},
    )


@login_required
@require_POST
def post_delete(request, pk):
    post = _post(request, pk)
    services.post_delete(user=request.user, post=post)
    messages.success(request, DELETED)
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def post_like(request, pk):
    post = _post(request, pk)
    try:
        services.reaction_toggle(user=request.user, post=post)
    except ValidationError as error:
        _service_error(request, error)
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def post_accept(request, pk):
    post = _post(request, pk)
    try:
        services.answer_accept(
            user=request.user, post=post, accept=request.POST.get("accept") != "0"
        )
    except ValidationError as error:
        _service_error(request, error)
    else:
        messages.success(request, _("The accepted answer is saved."))
    return redirect(post.get_absolute_url())


@login_required
@require_GET
def post_history(request, pk):
    post = _post(request, pk)
    _moderating(request, post.space_id)
    return _render(
        request,
        "community/post_history.html",
        {
            "post": post,
            "space": post.space,
            "revisions": list(post.revisions.select_related("edited_by")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_flag(request, pk):
    post = _post(request, pk)
    form = FlagForm(request.POST or None)
    done = submitted(
        request,
        form,
        lambda data: services.post_flag(
            user=request.user, post=post, **data
        ).post.get_absolute_url(),
        success=FLAGGED,
    )
    if done:
        return done
    return _render(
        request, "community/post_flag.html", {"post": post, "space": post.space, "form": form}
    )


@login_required
@require_GET
def attachment(request, pk):
    item = get_object_or_404(Attachment.objects.select_related("post"), pk=pk)
    _readable(request, item.post.space_id)
    if not item.post.is_visible and not access.for_user(request.user).moderates(item.post.space_id):
        raise Http404
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=not item.is_image,
        filename=item.name,
        content_type=item.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_GET
def stored_file(request, name):
    """The storage's own address for a file leads to the checked view."""
    item = get_object_or_404(Attachment, file=name)
    return redirect("community:attachment", pk=item.pk)


# Moderation -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def members(request, slug):
    space = _space(request, slug)
    _moderating(request, space.pk)
    invite_form = InviteForm(request.POST or None)
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
            "page_obj": selectors.members(space=space, page_number=request.GET.get("page", 1)),
            "requests": selectors.join_requests(space=space),
            "invite_form": invite_form,
            "decision_form": DecisionForm(),
        },
    )


def _membership(request, slug, pk) -> Membership:
    space = _space(request, slug)
    _moderating(request, space.pk)
    return get_object_or_404(Membership.objects.select_related("user", "space"), pk=pk, space=space)


@login_required
@require_POST
def membership_decide(request, slug, pk):
    membership = _membership(request, slug, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["message"][0])
        return redirect("community:members", slug=slug)
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
            "requests": selectors.join_requests(space=space),
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
                space_ids=[space.pk], page_number=request.GET.get("page", 1)
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


# Search -----------------------------------------------------------------------------------


@login_required
@require_GET
def search(request):
    viewer = access.for_user(request.user)
    readable = viewer.readable_ids()
    spaces = list(Space.objects.filter(pk__in=readable).order_by("position", "name"))
    form = SearchForm(request.GET or None, spaces=spaces)
    results = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        chosen = [space.pk for space in spaces if not data["space"] or space.slug == data["space"]]
        results = selectors.search(
            user=request.user,
            query=data["q"],
            space_ids=chosen,
            tag=data["tag"],
            author=data["author"],
            since=data["since"],
            until=data["until"],
            page_number=request.GET.get("page", 1),
        )
    return _render(
        request,
        "community/search.html",
        {
            "form": form,
            "results": results,
            "query": form.data.get("q", "") if form.is_bound else "",
        },
    )
