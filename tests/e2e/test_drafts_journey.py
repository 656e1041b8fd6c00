"""Nothing typed is lost: a reply survives a reload and a refusal by the server, is forgotten
once the server has it, is sent once however often the button is pressed, and stays with
the person who typed it."""

import pytest

from campaigns.cooperation_day.models import Event
from community.forms import ATTACHMENT_TYPE_NOT_ALLOWED
from community.models import Membership, Post, Space
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.e2e.test_identity_journey import sign_out
from tests.factories import ProgrammeFactory, UserFactory, totp_code
from tests.factories.community import make_member, make_space, make_thread
from tests.factories.cooperation_day import make_edition, make_event, make_moderator

pytestmark = pytest.mark.e2e

REPLY = "We checked every invoice twice.\nThe second look found three mistakes."
# The page reacts to the sending (portal.js), then this keeps it from leaving, once.
HOLD_THE_FIRST_SENDING = """
window.addEventListener("submit", (event) => event.preventDefault(), { once: true });
"""
PAGE_SHOWN_FROM_HISTORY = """
window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
"""
MODERATION_MESSAGE = "The map pin sits in the sea.\nPlease move it to the harbour."
STORED_DRAFTS = "Object.keys(sessionStorage).filter((key) => key.startsWith('portal-draft:'))"


def _sign_in(page, site, email, next_path):
    visit(page, f"{site.url}/accounts/login/?next={next_path}")
    sign_in_from(page, email)
    checked(page)


def _type_and_let_it_be_kept(page, text):
    box = page.get_by_label("Your post")
    box.fill(text)
    box.blur()  # the copy is written a moment after typing stops, or when the box is left
    page.wait_for_function(STORED_DRAFTS + ".length === 1")
    return box


def test_a_reply_survives_a_reload_and_a_refusal_and_is_sent_once(site, page):
    space = make_space(name="Programme finance talk", slug="finance-talk")
    author = make_member(space, first_name="Ana", last_name="Silva")
    member = make_member(space, first_name="Jonas", last_name="Weber")
    thread = make_thread(space, author, title="How do you check invoices?")
    thread_path = f"/community/threads/{thread.pk}/"

    _sign_in(page, site, member.email, thread_path)
    _type_and_let_it_be_kept(page, REPLY)

    # A reload (or a crash, or an expired session) brings the text back, and says so.
    page.reload()
    checked(page)
    box = page.get_by_label("Your post")
    assert box.input_value() == REPLY
    assert page.get_by_role("status").filter(has_text="Your unsent text is back").is_visible()

    # The server refuses the reply (a file it does not take): the text is still there.
    page.get_by_label("Attach files").set_input_files(
        files=[{"name": "invoice.exe", "mimeType": "application/octet-stream", "buffer": b"MZ"}]
    )
    page.get_by_role("button", name="Post reply").click()
    checked(page)
    assert (
        page.locator("#id_attachments_error")
        .get_by_text(str(ATTACHMENT_TYPE_NOT_ALLOWED % {"name": "invoice.exe"}))
        .is_visible()
    )
    assert page.get_by_label("Your post").input_value() == REPLY
    assert not Post.objects.filter(thread=thread, number=2).exists()

    # Back on the thread, the reply box there holds it too: both send to the same address.
    visit(page, f"{site.url}{thread_path}")
    box = page.get_by_label("Your post")
    assert box.input_value() == REPLY

    # While the reply is on its way the button is disabled and says so, and pressing again
    # (or Enter on it) sends nothing more. To look at the page in that moment the test keeps
    # the first sending from leaving, after the page has reacted to it.
    posts_sent = []
    page.on("request", lambda request: request.method == "POST" and posts_sent.append(request))
    page.evaluate(HOLD_THE_FIRST_SENDING)
    button = page.get_by_role("button", name="Post reply")
    button.click()
    assert button.is_disabled()
    assert button.get_attribute("aria-disabled") == "true"
    assert page.locator("form[aria-busy=true]").count() == 1
    assert page.get_by_role("status").filter(has_text="Sending…").is_visible()
    page.evaluate("document.querySelector('form[aria-busy=true]').requestSubmit()")
    page.wait_for_timeout(300)
    assert posts_sent == []

    # Coming back to a page kept from before (Back, then Forward), the button works again.
    page.evaluate(PAGE_SHOWN_FROM_HISTORY)
    assert button.is_enabled()
    assert button.get_attribute("aria-disabled") is None
    assert page.locator("form[aria-busy], [data-sending-note], [data-submitter-copy]").count() == 0
    button.click()
    checked(page)
    assert len(posts_sent) == 1

    # The server has it: the copy is gone, and the reply box is empty for the next one.
    assert page.get_by_text("Your reply is posted.").is_visible()
    assert Post.objects.filter(thread=thread).count() == 2
    sent = Post.objects.get(thread=thread, number=2).source
    assert sent.replace("\r\n", "\n") == REPLY  # a browser sends line breaks as CR LF
    assert page.evaluate(STORED_DRAFTS) == []
    page.reload()
    assert page.get_by_label("Your post").input_value() == ""


def test_the_pressed_button_still_says_what_to_do(site, page):
    """Answering a request to join: Approve and Decline are two buttons of one form."""
    space = make_space(name="Western Balkans", slug="western-balkans", kind=Space.Kind.ON_REQUEST)
    moderator = make_member(space, moderator=True)
    applicant = make_member(make_space(), first_name="Ivo", last_name="Marić")
    Membership.objects.create(user=applicant, space=space, status=Membership.Status.REQUESTED)

    _sign_in(page, site, moderator.email, f"/community/spaces/{space.slug}/members/")
    page.get_by_label("Message (optional)").fill("Welcome, Ivo.")
    page.evaluate(HOLD_THE_FIRST_SENDING)
    page.get_by_role("button", name="Decline — Ivo Marić").click()
    copy = page.locator("input[type=hidden][data-submitter-copy]")
    assert (copy.get_attribute("name"), copy.get_attribute("value")) == ("decision", "decline")
    page.evaluate(PAGE_SHOWN_FROM_HISTORY)
    page.get_by_role("button", name="Approve — Ivo Marić").click()
    checked(page)
    assert Membership.objects.get(user=applicant, space=space).status == Membership.Status.ACTIVE


def test_a_draft_stays_with_the_person_who_typed_it(site, page):
    space = make_space(name="Shared computer", slug="shared-computer")
    first = make_member(space, first_name="Eva", last_name="Novak")
    second = make_member(space, first_name="Piet", last_name="Jansen")
    thread = make_thread(space, first, title="Who else uses the office laptop?")
    thread_path = f"/community/threads/{thread.pk}/"

    _sign_in(page, site, first.email, thread_path)
    _type_and_let_it_be_kept(page, "Half a thought I did not send")
    sign_out(page)
    assert page.evaluate(STORED_DRAFTS) == []

    _sign_in(page, site, second.email, thread_path)
    assert page.get_by_label("Your post").input_value() == ""


def test_a_moderators_message_in_the_admin_survives_a_reload_until_the_decision_is_made(site, page):
    edition = make_edition()
    programme = ProgrammeFactory(countries=["AT"])
    organiser = UserFactory()
    event = make_event(
        edition, programme, organiser, status=Event.Status.SUBMITTED, title="Harbour day"
    )
    moderator = make_moderator("campaign@example.org", countries=["AT"])
    review_path = f"/admin/cooperation-day/events/{event.pk}/"

    visit(page, f"{site.url}{review_path}")
    sign_in_from(page, moderator.email)
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url(f"**{review_path}")
    box = page.get_by_label("Message to the organiser")
    box.fill(MODERATION_MESSAGE)
    box.blur()
    page.wait_for_function(STORED_DRAFTS + ".length === 1")

    page.reload()
    assert page.get_by_label("Message to the organiser").input_value() == MODERATION_MESSAGE
    assert page.get_by_role("status").filter(has_text="Your unsent text is back").is_visible()

    # The decision is taken: the queue's success message lets the copy go.
    page.get_by_label("Reason").select_option(index=1)
    page.get_by_role("button", name="Ask for changes").click()
    page.wait_for_url("**/admin/cooperation-day/queue/")
    assert page.get_by_text("The organiser is asked for changes").is_visible()
    assert page.evaluate(STORED_DRAFTS) == []
    event.refresh_from_db()
    assert MODERATION_MESSAGE.splitlines()[0] in event.transitions.latest("pk").message
