"""Threads and posts: starting and reading threads, replying, editing, deleting, liking,
accepting an answer, the edit history, flagging, and the posts' files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from taggit.utils import edit_string_for_tags

from portal.core.cache import kept_for_person
from portal.core.forms import submitted
from portal.core.private_files import private_file_response
from portal.core.query import parse_int, query_int, query_page

from .. import access, selectors, services
from ..forms import FlagForm, PostForm, SubscriptionForm, ThreadForm
from ..markup import quote_source
from ..models import Attachment, Post, Thread
from ..versions import reader_versions
from .common import (
    SUBSCRIPTION_SAVED,
    _moderating,
    _post,
    _readable,
    _render,
    _service_error,
    _space,
    _thread,
)

POSTED = gettext_lazy("Your reply is posted.")
THREAD_STARTED = gettext_lazy("Your thread is started.")
EDITED = gettext_lazy("Your changes are saved.")
DELETED = gettext_lazy("The post is deleted.")
FLAGGED = gettext_lazy("Thank you. The moderators will review the post.")


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
@kept_for_person(reader_versions)
def thread_detail(request, pk):
    thread = _thread(request, pk, reading=True)
    if thread.merged_into_id:
        return redirect(thread.merged_into)
    viewer = access.for_user(request.user)
    read_before = thread.reader_last_read
    page = selectors.thread_page(thread=thread, user=request.user, page_number=query_page(request))
    posts = page.posts
    if posts:
        services.thread_mark_read(
            user=request.user, thread=thread, number=posts[-1].number, already_read=read_before
        )
    moderates = viewer.moderates(thread.space_id)
    may_post = viewer.may_post(thread.space_id)
    return _render(
        request,
        "community/thread_detail.html",
        {
            "thread": thread,
            "space": thread.space,
            "page_obj": page.page_obj,
            "posts": posts,
            "accepted": page.accepted,
            "read_before": read_before,
            "moderates": moderates,
            "may_post": may_post,
            "may_reply": may_post and (not thread.is_locked or moderates),
            "may_choose_answer": thread.kind == Thread.Kind.QUESTION
            and (thread.author_id == request.user.pk or moderates),
            "reply_form": PostForm(),
            "subscription_form": SubscriptionForm(initial={"level": thread.reader_subscription}),
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
    quote_id = parse_int(request.POST.get("quote"), minimum=1) or query_int(
        request, "quote", minimum=1
    )
    if quote_id:
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
    response = private_file_response(
        item.file,
        filename=item.name,
        content_type=item.content_type,
        as_attachment=not item.is_image,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_GET
def stored_file(request, name):
    """The storage's own address for a file leads to the checked view."""
    item = get_object_or_404(Attachment, file=name)
    return redirect("community:attachment", pk=item.pk)
