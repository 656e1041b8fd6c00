"""A visitor finds the accessibility statement from the footer and reports a barrier."""

import pytest

from portal.home.models import AccessibilityFeedback
from tests.e2e.conftest import checked, visit

pytestmark = pytest.mark.e2e


def test_a_visitor_reports_a_barrier_with_the_keyboard(site, page):
    visit(page, site.url + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility").click()
    page.wait_for_url("**/accessibility/")
    checked(page, screenshot="accessibility-statement-desktop")
    assert page.get_by_role("heading", name="Compliance status").is_visible()
    assert page.get_by_text("This website is partially compliant with EN 301 549").is_visible()
    assert page.get_by_role("heading", name="Enforcement procedure").is_visible()

    page.get_by_label("Your e-mail address").fill("reader@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("/cooperation-day/")
    # Sent without the problem: the form says what is missing and keeps the rest.
    page.get_by_role("button", name="Send feedback").press("Enter")
    page.wait_for_load_state("load")
    checked(page, screenshot="accessibility-feedback-error")
    assert page.locator("#id_problem_error").get_by_text("This field is required.").is_visible()
    assert page.get_by_label("Page concerned").input_value() == "/cooperation-day/"

    page.get_by_label("The problem").fill("The event map cannot be moved with the arrow keys.")
    page.get_by_role("button", name="Send feedback").press("Enter")
    page.wait_for_url("**/accessibility/#main")
    checked(page, screenshot="accessibility-feedback-sent")
    assert page.get_by_text("Thank you: your feedback has reached the editors").is_visible()
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.email, feedback.page_concerned) == ("reader@example.org", "/cooperation-day/")


def test_the_statement_reads_on_a_phone_without_sideways_scrolling(site, phone_page):
    visit(phone_page, site.url + "/accessibility/", screenshot="accessibility-statement-phone")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
