from .moderation import Flag, ModerationAction
from .pages import CommunityLandingPage
from .spaces import Membership, Space
from .threads import (
    POST_EMPTY,
    POSTS_PER_PAGE,
    Attachment,
    Mention,
    Post,
    PostRevision,
    Reaction,
    Subscription,
    TaggedThread,
    Thread,
    ThreadRead,
)

__all__ = [
    "POSTS_PER_PAGE",
    "POST_EMPTY",
    "Attachment",
    "CommunityLandingPage",
    "Flag",
    "Membership",
    "Mention",
    "ModerationAction",
    "Post",
    "PostRevision",
    "Reaction",
    "Space",
    "Subscription",
    "TaggedThread",
    "Thread",
    "ThreadRead",
]
