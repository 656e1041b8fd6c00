"""What the community keeps about a person, for 'download my data'."""

from portal.accounts.gdpr import iso, register, register_erasure

from .models import Flag, Membership, Post, Reaction, Subscription
from .services import posts_forget_person


@register("community")
def community_data(user):
    return {
        "memberships": [
            {"space": space, "status": status, "moderator": moderator, "since": iso(since)}
            for space, status, moderator, since in Membership.objects.filter(user=user).values_list(
                "space__name", "status", "is_moderator", "created_at"
            )
        ],
        "posts": [
            {
                "thread": title,
                "number": number,
                "text": source,
                "written_at": iso(created),
                "edited_at": iso(edited),
                "deleted": deleted,
            }
            for title, number, source, created, edited, deleted in Post.objects.filter(
                author=user
            ).values_list(
                "thread__title", "number", "source", "created_at", "edited_at", "is_deleted"
            )
        ],
        "likes": [
            {"thread": title, "post": number}
            for title, number in Reaction.objects.filter(user=user).values_list(
                "post__thread__title", "post__number"
            )
        ],
        "flags_raised": [
            {"thread": title, "post": number, "reason": reason, "note": note}
            for title, number, reason, note in Flag.objects.filter(reporter=user).values_list(
                "post__thread__title", "post__number", "reason", "note"
            )
        ],
        "notification_settings": [
            {"space": space, "thread": thread, "level": level}
            for space, thread, level in Subscription.objects.filter(user=user).values_list(
                "space__name", "thread__title", "level"
            )
        ],
    }


@register_erasure("community")
def community_erase(user):
    """The person's posts stay in their threads without a name (their author becomes null);
    other people's posts that mention, quote or name them say "Former member" instead."""
    posts_forget_person(user=user)
