"""Deleting an account: other people's posts stop naming the person."""

import pytest

from community import services
from community.markup import quote_source
from community.models import Post
from portal.accounts.services import account_delete
from tests.factories import UserFactory
from tests.factories.community import make_member, make_space

pytestmark = pytest.mark.django_db


def test_mentions_quotes_and_names_in_other_peoples_posts_become_former_member():
    space = make_space()
    leaving = make_member(space, UserFactory(first_name="Ana", last_name="Lopez"))
    other = make_member(space, UserFactory(first_name="Ines", last_name="Duarte"))
    thread = services.thread_create(
        user=leaving, space=space, title="Rules", kind="discussion", source="My question."
    )
    question = thread.posts.get(number=1)
    public_id = leaving.profile.public_id
    reply = services.post_create(
        user=other,
        thread=thread,
        source=quote_source(author_name="Ana Lopez", source="My question.")
        + f"Thanks @[Ana Lopez]({public_id}), and thanks Ana Lopez. A banana for Anatole.",
        quoted_post=question,
    )
    services.post_edit(user=other, post=reply, source=reply.source + " Edited.")
    untouched = services.post_create(user=other, thread=thread, source="Ana Lopezova agrees.")

    account_delete(user=leaving)

    reply.refresh_from_db()
    assert "Lopez" not in reply.source + reply.body + reply.text
    assert reply.text == (
        "Former member: My question. Thanks @Former member, and thanks Former member. "
        "A banana for Anatole. Edited."
    )
    assert all("Lopez" not in earlier.source + earlier.body for earlier in reply.revisions.all())
    assert Post.objects.get(pk=untouched.pk).source == "Ana Lopezova agrees."
    question.refresh_from_db()
    assert (question.author_id, question.source) == (None, "My question.")
