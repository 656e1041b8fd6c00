"""One-time submission tokens: a form that makes something, sent twice, makes it once."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from community.models import Post, Thread
from portal.core.models import FormSubmission
from portal.core.submissions import (
    SUBMISSION_NOT_YOURS,
    TOKEN_KEPT,
    submission_once,
    submission_tokens_prune,
)
from tests.factories import UserFactory
from tests.factories.community import make_member, make_space, make_thread
from tests.helpers import submission_token_in

pytestmark = pytest.mark.django_db


def test_each_showing_of_a_form_has_its_own_token(client, home):
    space = make_space()
    client.force_login(make_member(space))
    url = reverse("community:thread_create", args=[space.slug])
    first, second = submission_token_in(client.get(url)), submission_token_in(client.get(url))
    assert first != second and len(first) >= 40


def test_a_thread_form_sent_twice_makes_one_thread_and_both_lead_to_it(client, home):
    space = make_space()
    client.force_login(make_member(space))
    url = reverse("community:thread_create", args=[space.slug])
    data = {
        "title": "Audit trail questions",
        "kind": "discussion",
        "source": "How do you keep it?",
        "submission_token": submission_token_in(client.get(url)),
    }
    first = client.post(url, data)
    second = client.post(url, data)
    thread = Thread.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == thread.get_absolute_url()
    assert FormSubmission.objects.get().result_url == thread.get_absolute_url()


def test_a_reply_sent_twice_is_posted_once(client, home):
    space = make_space()
    member = make_member(space)
    thread = make_thread(space, member)
    client.force_login(member)
    page = client.get(reverse("community:thread", args=[thread.pk]))
    data = {"source": "Agreed.", "submission_token": submission_token_in(page)}
    url = reverse("community:reply", args=[thread.pk])
    first, second = client.post(url, data), client.post(url, data)
    reply = Post.objects.get(source="Agreed.")
    assert first["Location"] == second["Location"] == reply.get_absolute_url()


def test_a_refused_submission_keeps_no_token_so_the_corrected_form_goes_through(client, home):
    space = make_space()
    client.force_login(make_member(space))
    url = reverse("community:thread_create", args=[space.slug])
    token = submission_token_in(client.get(url))
    data = {"title": "Hi", "kind": "discussion", "source": "Text", "submission_token": token}
    refused = client.post(url, data)
    assert refused.status_code == 200 and not FormSubmission.objects.exists()
    assert submission_token_in(refused) == token  # shown again with the same token
    corrected = client.post(url, {**data, "title": "A longer title"})
    assert corrected.status_code == 302
    assert Thread.objects.get().title == "A longer title"


def test_someone_elses_token_makes_nothing_and_says_so(client, home):
    space = make_space()
    first, second = make_member(space), make_member(space)
    url = reverse("community:thread_create", args=[space.slug])
    client.force_login(first)
    data = {"title": "My own thread", "kind": "discussion", "source": "Text"}
    data["submission_token"] = submission_token_in(client.get(url))
    client.post(url, data)
    client.force_login(second)
    response = client.post(url, {**data, "title": "Not my thread"})
    assert response.status_code == 200
    assert str(SUBMISSION_NOT_YOURS) in response.context["form"].non_field_errors()
    assert list(Thread.objects.values_list("title", flat=True)) == ["My own thread"]


def test_a_form_sent_without_a_token_is_still_processed(client, home):
    space = make_space()
    client.force_login(make_member(space))
    url = reverse("community:thread_create", args=[space.slug])
    response = client.post(url, {"title": "No token here", "kind": "discussion", "source": "x"})
    assert response.status_code == 302
    assert Thread.objects.count() == 1 and not FormSubmission.objects.exists()


def test_what_the_service_refuses_is_undone_with_the_token():
    person = UserFactory()

    def make():
        FormSubmission.objects.create(token="inner", user=person)
        raise ValidationError("no")

    with pytest.raises(ValidationError):
        submission_once(token="outer", user=person, make=make)
    assert not FormSubmission.objects.exists()


def test_old_tokens_are_pruned_by_the_daily_command(capsys):
    person = UserFactory()
    old = FormSubmission.objects.create(token="old", user=person, result_url="/a/")
    FormSubmission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - TOKEN_KEPT - timedelta(minutes=1)
    )
    FormSubmission.objects.create(token="recent", user=person, result_url="/b/")
    call_command("prune_submission_tokens")
    assert "removed: 1" in capsys.readouterr().out
    assert list(FormSubmission.objects.values_list("token", flat=True)) == ["recent"]
    assert submission_tokens_prune() == 0
