"""People join spaces, ask and answer, mention each other, and the finance space stays closed
to controllers wherever they look."""

import pytest

from community.demo import seed_community
from community.models import Membership, Space, Thread
from portal.notifications.models import Notification
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.e2e.test_identity_journey import sign_out
from tests.factories import UserFactory
from tests.factories.community import make_member, make_person_with, make_space, make_thread

pytestmark = pytest.mark.e2e


def _sign_in(page, site, email, next_path="/community/"):
    visit(page, f"{site.url}/accounts/login/?next={next_path}")
    sign_in_from(page, email)


def test_a_question_is_asked_a_member_mentioned_and_the_answer_accepted(site, page):
    seed_community()  # the demo's spaces, as people find them
    space = Space.objects.get(slug="programme-project-management")
    expert = make_member(space, first_name="Nora", last_name="Berg")
    asker = UserFactory(first_name="Tomas", last_name="Novak")

    _sign_in(page, site, asker.email)
    checked(page, screenshot="community-directory")
    page.get_by_role("link", name="Programme and project management").click()
    checked(page)
    page.get_by_role("button", name="Join this space").click()
    checked(page, screenshot="community-space")
    assert page.get_by_text("Welcome! You are now a member").is_visible()

    page.get_by_role("link", name="Start a thread").click()
    checked(page)
    page.get_by_label("Title").fill("How do you check public procurement in small projects?")
    page.get_by_label("Question").check()
    editor = page.get_by_label("Your post")
    editor.press_sequentially("Any checklist to share? ")
    page.get_by_role("button", name="Bold").click()
    editor.press("End")
    # Each key asks the server; the list shows the answer to the last one.
    with page.expect_response(lambda response: response.url.endswith("people.json?q=Nor")):
        editor.press_sequentially(" @Nor")
    option = page.get_by_role("option", name="Nora Berg")
    option.wait_for()
    assert editor.get_attribute("aria-activedescendant") == option.get_attribute("id")
    editor.press("ArrowDown")  # one suggestion: the arrow keys stay on it
    editor.press("Enter")
    # The mention takes the place of "@Nor" and nothing else.
    mention = f"@[Nora Berg]({expert.profile.public_id}) "
    assert editor.input_value() == "Any checklist to share? **bold text** " + mention
    page.get_by_label("Tags").fill("procurement, checks")
    page.get_by_role("button", name="Start the thread").click()
    checked(page)
    thread = Thread.objects.get(title__startswith="How do you check public procurement")
    assert thread.kind == "question" and sorted(thread.tags.names()) == ["checks", "procurement"]
    assert page.locator("strong.mention", has_text="@Nora Berg").is_visible()
    assert Notification.objects.filter(recipient=expert, kind="mention").exists()
    sign_out(page)

    # Nora sees the mention in her notification centre and replies.
    _sign_in(page, site, expert.email, "/notifications/")
    checked(page, screenshot="community-notifications")
    assert page.locator(".notification-link__count").inner_text().startswith("1")
    page.get_by_role("button", name="Tomas Novak mentioned you").click()
    checked(page)
    page.get_by_label("Your post").fill("We use the [Commission's checklist](https://example.org).")
    page.get_by_role("button", name="Post reply").click()
    checked(page)
    answer = thread.posts.get(number=2)
    assert 'rel="nofollow ugc' in answer.body
    sign_out(page)

    # Tomas marks it as the accepted answer; it is shown first.
    _sign_in(page, site, asker.email, f"/community/threads/{thread.pk}/")
    page.get_by_role("button", name="Mark as the answer #2").click()
    checked(page, screenshot="community-accepted")
    thread.refresh_from_db()
    assert thread.accepted_post == answer
    accepted = page.get_by_role("region", name="Accepted answer")
    assert "Commission's checklist" in accepted.inner_text()


def test_mentions_are_chosen_with_the_keyboard_from_a_text_area_with_valid_aria(site, page):
    space = make_space(name="Finance circle", slug="finance-circle")
    writer = make_member(space, first_name="Tomas", last_name="Novak")
    mara = make_member(space, first_name="Mara", last_name="Costa")
    make_member(space, first_name="Marek", last_name="Dvorak")
    _sign_in(page, site, writer.email, f"/community/spaces/{space.slug}/new/")
    checked(page)
    editor = page.get_by_label("Your post")
    # The text area keeps its own role: no combobox, no aria-expanded, a listbox popup.
    assert editor.evaluate("area => area.getAttribute('role')") is None
    assert editor.get_attribute("aria-expanded") is None
    assert editor.get_attribute("aria-autocomplete") == "list"
    assert editor.get_attribute("aria-haspopup") == "listbox"
    listbox = page.locator(".editor [role=listbox]")  # hidden until someone is found
    assert listbox.get_attribute("aria-label") == "People to mention"
    assert editor.get_attribute("aria-controls") == listbox.get_attribute("id")

    with page.expect_response(lambda response: response.url.endswith("people.json?q=Mar")):
        editor.press_sequentially("Thanks @Mar")
    options = listbox.get_by_role("option")
    options.nth(1).wait_for()
    assert options.all_inner_texts() == ["Mara Costa", "Marek Dvorak"]
    checked(page)  # axe, with the list open

    def active_option():
        return page.locator(f"#{editor.get_attribute('aria-activedescendant')}").inner_text()

    assert active_option() == "Mara Costa"
    assert options.nth(0).get_attribute("aria-selected") == "true"
    editor.press("ArrowDown")
    assert active_option() == "Marek Dvorak"
    assert options.nth(1).get_attribute("aria-selected") == "true"
    editor.press("ArrowDown")  # round to the first
    assert active_option() == "Mara Costa"
    editor.press("ArrowUp")
    assert active_option() == "Marek Dvorak"

    # Escape closes the list and leaves the text as typed; Enter then makes a new line.
    editor.press("Escape")
    assert listbox.is_hidden()
    assert editor.get_attribute("aria-activedescendant") is None
    assert editor.input_value() == "Thanks @Mar"

    # Typing again opens it; Enter inserts the highlighted person in place of "@Mar".
    with page.expect_response(lambda response: response.url.endswith("people.json?q=Mara")):
        editor.press_sequentially("a")
    listbox.get_by_role("option", name="Mara Costa").wait_for()
    editor.press("Enter")
    assert editor.input_value() == f"Thanks @[Mara Costa]({mara.profile.public_id}) "
    assert listbox.is_hidden()
    assert page.get_by_text("Mara Costa will be mentioned.").count() == 1
    assert editor.evaluate("area => document.activeElement === area")


def test_a_request_to_join_is_approved_by_a_moderator(site, page):
    parent = make_space(
        name="Inter-programme collaboration", slug="collaboration", kind=Space.Kind.ON_REQUEST
    )
    space = make_space(
        name="Baltic Sea", slug="baltic-sea", kind=Space.Kind.ON_REQUEST, parent=parent
    )
    moderator = make_member(parent, moderator=True, first_name="Mira", last_name="Kask")
    make_thread(space, moderator, title="Joint capitalisation event in Riga")
    applicant = UserFactory(first_name="Lena", last_name="Holm")
    make_member(parent, applicant)

    _sign_in(page, site, applicant.email, "/community/spaces/baltic-sea/")
    checked(page)
    assert page.get_by_text("Only members can read the threads").is_visible()
    page.get_by_label("Message to the moderators").fill("I coordinate the Interreg Baltic call.")
    page.get_by_role("button", name="Send my request").click()
    checked(page)
    assert Membership.objects.get(user=applicant, space=space).status == "requested"
    sign_out(page)

    _sign_in(page, site, moderator.email, "/notifications/")
    page.get_by_role("button", name="Lena Holm asks to join Baltic Sea").click()
    checked(page, screenshot="community-members")
    page.get_by_label("Message (optional)").fill("Welcome aboard!")
    page.get_by_role("button", name="Approve — Lena Holm").click()
    checked(page)
    assert Membership.objects.get(user=applicant, space=space).status == "active"
    page.get_by_role("link", name="Moderation log").first.click()
    checked(page)
    assert page.get_by_text("Approved a request to join").is_visible()
    sign_out(page)

    _sign_in(page, site, applicant.email, "/notifications/")
    assert page.get_by_text("Welcome aboard!").is_visible()
    visit(page, f"{site.url}/community/spaces/baltic-sea/")
    page.get_by_role("link", name="Joint capitalisation event in Riga").click()
    checked(page)


def test_the_finance_space_is_for_finance_officers_and_hidden_from_controllers(site, page):
    finance = make_space(
        name="Programme finance",
        slug="programme-finance",
        kind=Space.Kind.CLOSED,
        eligibility=Space.Eligibility.FUNCTIONS,
        eligible_functions=["finance_officer"],
        excluded_functions=["controller", "auditor"],
    )
    officer = make_member(finance, make_person_with("finance_officer"), moderator=True)
    thread = make_thread(
        finance,
        officer,
        title="Exchange rates for partner reports",
        source="Which monthly rate do you apply?",
    )
    controller = make_person_with("controller")
    Notification.objects.create(  # a notification about the space must never surface
        recipient=controller,
        kind="watched",
        verb="started",
        target="Exchange rates for partner reports",
        url=thread.get_absolute_url(),
        scope_type="community.space",
        scope_id=finance.pk,
    )

    _sign_in(page, site, officer.email)
    assert page.get_by_role("link", name="Programme finance").is_visible()
    page.get_by_role("link", name="Programme finance").click()
    checked(page)
    assert page.get_by_role("link", name="Exchange rates for partner reports").is_visible()
    page.get_by_label("Search this space").fill("exchange")
    page.locator(".community-search").get_by_role("button", name="Search").click()
    checked(page, screenshot="community-search")
    assert page.locator("mark", has_text="Exchange").first.is_visible()
    sign_out(page)

    _sign_in(page, site, controller.email)
    assert page.get_by_role("link", name="Programme finance").count() == 0
    visit(page, f"{site.url}/community/search/?q=exchange")
    assert page.get_by_text("Nothing found in the spaces open to you").is_visible()
    visit(page, f"{site.url}/notifications/")
    assert page.get_by_text("Exchange rates").count() == 0
    assert page.locator(".notification-link__count").count() == 0
    visit(page, f"{site.url}/community/spaces/programme-finance/", status=404)
    visit(page, f"{site.url}{thread.get_absolute_url()}", status=404)
