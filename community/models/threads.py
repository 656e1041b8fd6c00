"""Threads, their posts, and what people do with posts: react, mention, attach, read."""

import os
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index

from portal.core.private_files import PrivateFileStorage

from .spaces import Space

POSTS_PER_PAGE = 20
# The one message for an empty post, whether the form or the service notices it first.
POST_EMPTY = _("Write something first.")


def _language_of_author(author) -> str:
    """The language an author reads the portal in, the one they most likely write in; blank
    when they chose none (or left), and the page's language applies. Read through
    select_related("author__profile")."""
    profile = getattr(author, "profile", None) if author is not None else None
    return getattr(profile, "interface_language", "") if profile is not None else ""


class TaggedThread(TaggedItemBase):
    content_object = models.ForeignKey(
        "community.Thread", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Thread(models.Model):
    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        QUESTION = "question", _("Question")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.DISCUSSION)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = TaggableManager(through=TaggedThread, blank=True, verbose_name=_("tags"))
    created_at = models.DateTimeField(auto_now_add=True)
    last_posted_at = models.DateTimeField(db_index=True)
    # The highest post number given out, and how many posts (first included) are visible.
    last_number = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    accepted_post = models.ForeignKey(
        "community.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("thread")
        ordering = ["-is_pinned", "-last_posted_at"]
        indexes = [
            models.Index(fields=["space", "is_pinned", "last_posted_at"]),
            # flood limits count a person's recent threads
            models.Index(fields=["author", "created_at"], name="community_thread_by_author"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("community:thread", kwargs={"pk": self.pk})

    @property
    def language(self) -> str:
        """The language of its title: its author's (see `_language_of_author`)."""
        return _language_of_author(self.author)

    def page_of(self, number: int) -> int:
        return max(1, (number - 1) // POSTS_PER_PAGE + 1)

    def post_url(self, number: int) -> str:
        return f"{self.get_absolute_url()}?page={self.page_of(number)}#post-{number}"


class Post(index.Indexed, models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    # Kept beside the thread's so search filters by space without a join.
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.TextField(_("text"))
    body = models.TextField()  # sanitised HTML made from `source` when it was stored
    text = models.TextField()  # plain text for search and notification excerpts
    quoted_post = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=300, blank=True)

    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.RelatedFields("thread", [index.SearchField("title")]),
        index.FilterField("space_id"),
        index.FilterField("thread_id"),
        index.FilterField("author_id"),
        index.FilterField("created_at"),
        index.FilterField("is_deleted"),
        index.FilterField("is_hidden"),
    ]

    class Meta:
        verbose_name = _("post")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "number"], name="community_post_number")
        ]
        # flood limits count a person's recent replies
        indexes = [models.Index(fields=["author", "created_at"], name="community_post_by_author")]

    def __str__(self):
        return f"{self.thread} #{self.number}"

    def get_absolute_url(self):
        return self.thread.post_url(self.number)

    @property
    def language(self) -> str:
        """The language it is written in: its author's (see `_language_of_author`)."""
        return _language_of_author(self.author)

    @property
    def is_visible(self) -> bool:
        return not (self.is_deleted or self.is_hidden)


class PostRevision(models.Model):
    """What a post said before an edit; moderators read the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    source = models.TextField()
    body = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self):
        return f"{self.post} ({self.replaced_at:%Y-%m-%d %H:%M})"


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="community_reaction_unique")
        ]

    def __str__(self):
        return f"{self.user} likes {self.post}"


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="community_mention_unique")
        ]

    def __str__(self):
        return f"{self.user} in {self.post}"


class CommunityFileStorage(PrivateFileStorage):
    view_name = "community:stored_file"


def _storage():
    return CommunityFileStorage()


def attachment_name(instance, filename) -> str:
    extension = os.path.splitext(filename)[1].lower()
    return f"community/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_name, storage=_storage, max_length=200)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    is_image = models.BooleanField(default=False)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("community:attachment", kwargs={"pk": self.pk})


class ThreadRead(models.Model):
    """How far someone has read a thread, for unread markers and 'jump to first unread'."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="community_thread_read_unique")
        ]

    def __str__(self):
        return f"{self.user} read {self.thread} to #{self.last_read_number}"


class Subscription(models.Model):
    """Watching, tracking or muting a space or a thread (exactly one of them)."""

    class Level(models.TextChoices):
        WATCHING = "watching", _("Watching: tell me about every new post")
        TRACKING = "tracking", _("Tracking: show unread posts; tell me only when mentioned")
        MUTED = "muted", _("Muted: never tell me")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_subscriptions"
    )
    space = models.ForeignKey(
        Space, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    level = models.CharField(max_length=10, choices=Level.choices)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(space__isnull=True) & Q(thread__isnull=False))
                | (Q(space__isnull=False) & Q(thread__isnull=True)),
                name="community_subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "space"],
                condition=Q(space__isnull=False),
                name="community_subscription_space_unique",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="community_subscription_thread_unique",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.space or self.thread}: {self.level}"
