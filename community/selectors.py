"""Reads shaped for the community pages. Query counts do not grow with spaces, threads,
posts or members."""

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from wagtail.search.backends import get_search_backend

from portal.accounts.models import User
from portal.core.selectors import live_page_url, normalise_search_query

from . import access
from .models import (
    POSTS_PER_PAGE,
    CommunityLandingPage,
    Flag,
    Membership,
    ModerationAction,
    Post,
    Reaction,
    Space,
    Subscription,
    TaggedThread,
    Thread,
    ThreadRead,
)

PUBLICLY_LISTED_KINDS = (Space.Kind.OPEN, Space.Kind.ON_REQUEST)
THREADS_PER_PAGE = 25
MEMBERS_PER_PAGE = 50
RESULTS_PER_PAGE = 20
LOG_PER_PAGE = 50
SORTS = {
    "latest": gettext_lazy("Latest activity"),
    "new": gettext_lazy("New"),
    "unanswered": gettext_lazy("Unanswered"),
}


@dataclass
class DirectoryEntry:
    space: Space
    sub_spaces: list


def _moderators():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(status=Membership.Status.ACTIVE, is_moderator=True)
        .select_related("user")
        .order_by("user__first_name", "user__last_name"),
        to_attr="moderator_memberships",
    )


def directory(*, audience: access.SpaceAudience) -> list[DirectoryEntry]:
    """The spaces everyone of `audience` may see, top-level first with their sub-spaces inside
    (where each person stands in them is theirs: the `space_membership` piece)."""
    visible = audience.access().visible_ids()
    if not visible:
        return []
    spaces = list(
        Space.objects.filter(pk__in=visible)
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status=Membership.Status.ACTIVE)
            )
        )
        .prefetch_related(_moderators())
    )
    entries = {space.pk: DirectoryEntry(space, []) for space in spaces}
    top = []
    for space in spaces:
        if space.parent_id in entries:
            entries[space.parent_id].sub_spaces.append(entries[space.pk])
        elif space.parent_id is None:
            top.append(entries[space.pk])
    return top


@dataclass
class PublicDirectoryEntry:
    space: Space
    sub_spaces: list


def public_directory() -> list[PublicDirectoryEntry]:
    """What anonymous visitors see of the community: the open and on-request spaces that any
    new account could see, with their sub-spaces of the same kind; never closed spaces or
    spaces for some people only, never their content (two queries, whatever the count)."""
    listed = (
        Space.objects.filter(
            eligibility=Space.Eligibility.SIGNED_IN,
            kind__in=PUBLICLY_LISTED_KINDS,
        )
        .filter(
            Q(parent=None)
            | Q(
                parent__eligibility=Space.Eligibility.SIGNED_IN,
                parent__kind__in=PUBLICLY_LISTED_KINDS,
            )
        )
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status=Membership.Status.ACTIVE)
            )
        )
        .only("pk", "parent_id", "name", "slug", "description", "kind")
    )
    entries = {space.pk: PublicDirectoryEntry(space, []) for space in listed}
    top = []
    for entry in entries.values():
        parent_id = entry.space.parent_id
        if parent_id is None:
            top.append(entry)
        elif parent_id in entries:
            entries[parent_id].sub_spaces.append(entry)
    return top


def directory_url() -> str:
    return live_page_url(CommunityLandingPage)


def space_for_page(slug: str, *, reader=None) -> Space:
    """The space with what its page shows; for a `reader`, also how they follow it
    (`reader_subscription`)."""
    spaces = (
        Space.objects.select_related("parent")
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__status=Membership.Status.ACTIVE)
            )
        )
        .prefetch_related(_moderators())
    )
    if reader is not None:
        own = Subscription.objects.filter(space=OuterRef("pk"), user_id=reader.pk)
        spaces = spaces.annotate(
            reader_subscription=Coalesce(Subquery(own.values("level")[:1]), Value("default"))
        )
    return spaces.get(slug=slug)


def thread_list(*, space: Space, user, sort: str, page_number):
    read_up_to = ThreadRead.objects.filter(thread=OuterRef("pk"), user_id=user.pk).values(
        "last_read_number"
    )[:1]
    threads = (
        Thread.objects.filter(space=space, merged_into__isnull=True)
        # A row shows whether the thread is answered, not the answer: the id is enough.
        .select_related("author__profile")
        .prefetch_related(_tag_items())
        .annotate(read_up_to=Subquery(read_up_to))
    )
    if sort == "new":
        threads = threads.order_by("-is_pinned", "-created_at", "-pk")
    elif sort == "unanswered":
        threads = threads.filter(reply_count=0).order_by("-created_at", "-pk")
    else:
        threads = threads.order_by("-is_pinned", "-last_posted_at", "-pk")
    return Paginator(threads, THREADS_PER_PAGE).get_page(page_number)


def _tag_items():
    """The threads' tags as `tag_items` (each with its `tag`), in one query for all of them:
    taggit's own prefetch of `tags` builds a queryset per thread to read the same rows."""
    return Prefetch(
        "tagged_items",
        queryset=TaggedThread.objects.select_related("tag").order_by("tag__name", "pk"),
        to_attr="tag_items",
    )


def sub_spaces(*, space: Space, user) -> list[Space]:
    viewer = access.for_user(user)
    # The rules already know every space's parent: most spaces have no sub-space to read.
    visible = [
        pk
        for pk, rule in viewer.rules.items()
        if rule.parent_id == space.pk and viewer.is_visible(pk)
    ]
    if not visible:
        return []
    return list(space.sub_spaces.filter(pk__in=visible))


def thread_for_page(pk: int, *, reader=None) -> Thread:
    """The thread with what its page shows (its tags as `tag_items`); for a `reader`, also
    how far they had read (`reader_last_read`, 0 if never), how they follow it
    (`reader_subscription`), and the number of its posts (`post_count`)."""
    threads = Thread.objects.select_related(
        "space__parent", "author__profile", "merged_into"
    ).prefetch_related(_tag_items())
    if reader is not None:
        own = {"thread": OuterRef("pk"), "user_id": reader.pk}
        counted = Post.objects.filter(thread=OuterRef("pk")).order_by()
        threads = threads.annotate(
            post_count=Coalesce(
                Subquery(counted.values("thread").annotate(count=Count("pk")).values("count")),
                Value(0),
            ),
            reader_last_read=Coalesce(
                Subquery(ThreadRead.objects.filter(**own).values("last_read_number")[:1]),
                Value(0),
            ),
            reader_subscription=Coalesce(
                Subquery(Subscription.objects.filter(**own).values("level")[:1]),
                Value("default"),
            ),
        )
    return threads.get(pk=pk)


def _posts(thread: Thread, user):
    return (
        Post.objects.filter(thread=thread)
        .select_related("author__profile", "quoted_post__author__profile")
        .annotate(
            like_count=Count("reactions", distinct=True),
            liked=Exists(Reaction.objects.filter(post=OuterRef("pk"), user_id=user.pk)),
            revision_count=Count("revisions", distinct=True),
        )
        .order_by("number")
    )


@dataclass
class ThreadPage:
    page_obj: object
    posts: list[Post]
    accepted: Post | None  # shown above the first page's posts


def thread_page(*, thread: Thread, user, page_number) -> ThreadPage:
    """A page of the thread's posts for `user`, with the accepted answer on the first page:
    the same few queries however long the thread. A thread found with a `reader`
    (`thread_for_page`) brings its post count, so the pages are not counted again."""
    paginator = Paginator(_posts(thread, user), POSTS_PER_PAGE)
    if hasattr(thread, "post_count"):
        paginator.count = thread.post_count
    page_obj = paginator.get_page(page_number)
    posts = list(page_obj.object_list)
    accepted = None
    if page_obj.number == 1 and thread.accepted_post_id:
        on_page = [post for post in posts if post.pk == thread.accepted_post_id]
        accepted = on_page[0] if on_page else _accepted(thread, user)
    # One query for the attachments of the page's posts and of the answer above them.
    prefetch_related_objects([*posts, *([accepted] if accepted else [])], "attachments")
    return ThreadPage(page_obj=page_obj, posts=posts, accepted=accepted)


def _accepted(thread: Thread, user) -> Post | None:
    return _posts(thread, user).filter(pk=thread.accepted_post_id).first()


def last_read_number(*, thread: Thread, user) -> int:
    return (
        ThreadRead.objects.filter(thread=thread, user_id=user.pk)
        .values_list("last_read_number", flat=True)
        .first()
        or 0
    )


def post_for_action(pk: int) -> Post:
    return Post.objects.select_related("thread__space", "space", "author").get(pk=pk)


MERGE_CANDIDATES = 200


def merge_candidates(*, thread: Thread):
    """The threads of the same space a thread may be merged into, most recent first."""
    recent = (
        Thread.objects.filter(space_id=thread.space_id, merged_into__isnull=True)
        .exclude(pk=thread.pk)
        .order_by("-last_posted_at")
        .values_list("pk", flat=True)[:MERGE_CANDIDATES]
    )
    return Thread.objects.filter(pk__in=list(recent)).order_by("-last_posted_at")


def members(*, space: Space, page_number):
    memberships = (
        Membership.objects.filter(space=space)
        .exclude(status=Membership.Status.REQUESTED)
        .select_related("user")
        .order_by("-is_moderator", "status", "user__first_name", "user__last_name", "pk")
    )
    return Paginator(memberships, MEMBERS_PER_PAGE).get_page(page_number)


def join_requests(*, space: Space) -> list[Membership]:
    return list(
        Membership.objects.filter(space=space, status=Membership.Status.REQUESTED)
        .select_related("user")
        .order_by("created_at")
    )


def flagged_posts(*, space_ids) -> list[Post]:
    """Posts with flags waiting for review, oldest flag first, with their flags."""
    return list(
        Post.objects.filter(space_id__in=space_ids, flags__status=Flag.Status.OPEN)
        .distinct()
        .select_related("thread__author__profile", "author__profile", "space")
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.filter(status=Flag.Status.OPEN).select_related("reporter"),
                to_attr="open_flags",
            )
        )
        .order_by("created_at")
    )


def moderation_log(*, space_ids, page_number):
    entries = (
        ModerationAction.objects.filter(space_id__in=space_ids)
        .select_related("actor", "member", "thread", "post", "space")
        .order_by("-created_at", "-pk")
    )
    return Paginator(entries, LOG_PER_PAGE).get_page(page_number)


def mention_candidates(*, space: Space, query: str, limit: int = 8) -> list[dict]:
    """Active members of `space` whose name or e-mail starts like `query`."""
    query = query.strip()[:50]
    if not query:
        return []
    people = (
        User.objects.filter(
            space_memberships__space=space,
            space_memberships__status=Membership.Status.ACTIVE,
            is_active=True,
        )
        .filter(
            Q(first_name__istartswith=query)
            | Q(last_name__istartswith=query)
            | Q(email__istartswith=query)
        )
        .select_related("profile")
        .order_by("first_name", "last_name")[:limit]
    )
    return [
        {"name": person.display_name, "id": person.profile.public_id}
        for person in people
        if hasattr(person, "profile")
    ]


# Search -----------------------------------------------------------------------------------


def _terms(query: str) -> list[str]:
    return [term for term in normalise_search_query(query).split() if len(term) > 1]


def highlight(text: str, query: str, *, width: int = 240) -> str:
    """An escaped excerpt of `text` around the first matching term, every term in <mark>."""
    terms = _terms(query)
    if not terms:
        return escape(text[:width])
    pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - width // 3)
    excerpt = text[start : start + width]
    pieces, position = [], 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(excerpt[position:]))
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    # Every piece was escaped above; only the <mark> tags are ours.
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def search(
    *,
    user,
    query: str,
    space_ids,
    tag: str = "",
    author: str = "",
    since=None,
    until=None,
    page_number=1,
):
    """Posts matching `query` in the spaces `user` may read (narrowed to `space_ids`), with
    highlighted excerpts, newest relevance first."""
    if not normalise_search_query(query):
        return None
    readable = access.for_user(user).readable_ids() & set(space_ids)
    if not readable:
        return Paginator(Post.objects.none(), RESULTS_PER_PAGE).get_page(1)
    posts = Post.objects.filter(space_id__in=readable, is_deleted=False, is_hidden=False)
    if since:
        posts = posts.filter(created_at__gte=_start_of(since))
    if until:
        posts = posts.filter(created_at__lt=_start_of(until + timedelta(days=1)))
    if tag:
        posts = posts.filter(
            thread_id__in=list(
                Thread.objects.filter(space_id__in=readable, tags__name__iexact=tag).values_list(
                    "pk", flat=True
                )
            )
        )
    if author:
        authors = User.objects.filter(
            Q(first_name__icontains=author) | Q(last_name__icontains=author)
        ).values_list("pk", flat=True)[:200]
        posts = posts.filter(author_id__in=list(authors))
    results = get_search_backend().search(normalise_search_query(query), posts)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
    hits = {
        post.pk: post
        for post in Post.objects.filter(pk__in=[post.pk for post in page]).select_related(
            "thread__author__profile", "space", "author__profile"
        )
    }
    page.object_list = [
        {
            "post": hits[post.pk],
            "title": highlight(hits[post.pk].thread.title, query, width=200),
            "excerpt": highlight(hits[post.pk].text, query),
        }
        for post in page
        if post.pk in hits
    ]
    return page


def flags_waiting(*, user) -> list[tuple[str, str, int]]:
    """(space name, space slug, open flags) for each space `user` moderates with flags
    waiting, in one query after the person's access."""
    moderated = access.for_user(user).moderated_ids()
    if not moderated:
        return []
    rows = (
        Flag.objects.filter(status=Flag.Status.OPEN, post__space_id__in=moderated)
        .values("post__space__name", "post__space__slug")
        .annotate(waiting=Count("pk"))
        .order_by("post__space__name")
    )
    return [(row["post__space__name"], row["post__space__slug"], row["waiting"]) for row in rows]
