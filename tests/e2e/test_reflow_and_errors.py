"""Every page shape of the route inventory reflows at 320 CSS pixels and passes axe-core, signed
out and signed in; a form answered with errors takes the person to them.

The page shapes come from tests/security/routes.py: every route a person opens with GET, with
a real object where the route takes one (`REAL_OBJECTS`), and one page of each Wagtail page
type. A route added to the inventory is covered here without further work, except one that
takes a parameter: it names a real object below (all built by `build_portal_data`, open to
the person signed in), or says why it has no page of its own; otherwise a test fails.
"""

from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from academy import services as academy_services
from academy.models import Certificate
from campaigns.cooperation_day.models import EventAttendee
from campaigns.cooperation_day.services import SIGN_UP_SALT
from campaigns.slam.models import SlamJuror
from campaigns.slam.services import jury_assign
from portal.accounts.models import Profile
from portal.notifications.emails import unsubscribe_token
from tests.e2e.conftest import _finish, _make_page, assert_accessible, checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import UserFactory
from tests.factories.academy import (
    make_course,
    make_lesson,
    make_module,
    make_path,
    make_quiz,
    question_ids,
)
from tests.factories.brand import make_asset, make_library, make_terms
from tests.factories.community import make_member, make_space, make_thread
from tests.factories.cooperation_day import make_edition, make_event
from tests.factories.hub import PartnerFactory, ProjectFactory
from tests.factories.news import make_article
from tests.factories.slam import make_applicant, make_application, make_slam_edition
from tests.factories.users import AffiliationFactory
from tests.factories.vacancies import make_vacancy
from tests.hub.calls.factories import CallFactory
from tests.security.routes import STAFF, all_routes, rule_for

pytestmark = pytest.mark.e2e

PHONE = {"width": 320, "height": 640}
# WCAG 2.1 success criterion 1.4.12: the text spacing a person may set without losing anything.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
LARGER_TEXT = "html { font-size: 200% !important; }"
SIDEWAYS_SCROLL = "document.documentElement.scrollWidth > document.documentElement.clientWidth"
# The elements that push the page sideways, to name them in a failure: those past the right
# edge that no clipping or scrolling box of their own holds, outermost first.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const contained = element => {
    for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible") { return true; }
    }
    return false;
  };
  const names = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.right <= width + 1 || box.width === 0 || contained(element)) { continue; }
    if (element.parentElement && names.some(name => name.node.contains(element))) { continue; }
    const classes = typeof element.className === "string" && element.className.trim()
      ? "." + element.className.trim().split(/\\s+/).join(".") : "";
    names.push({node: element, text: element.tagName.toLowerCase()
      + (element.id ? "#" + element.id : "") + classes + " (" + Math.round(box.right) + " px)"});
  }
  return names.slice(0, 4).map(name => name.text);
}"""


@dataclass
class PortalData:
    """One of each thing a page can show, and a person who may see all of it."""

    person: object
    programme: object
    event: object
    space: object
    thread: object
    application: object
    asset: object
    terms: object
    slam_year: int
    requests_programme: object
    certificate: object
    sign_up_token: str
    attendee: object
    review: object
    unsubscribe: str
    email_key: str
    reset_key: str
    passkey: object
    page_restriction: object
    document_restriction: object
    call: object
    article: object
    project: object
    vacancy: object
    learning_path: object


def build_portal_data() -> PortalData:
    affiliation = AffiliationFactory(function="joint_secretariat", status="approved")
    person, programme = affiliation.user, affiliation.programme
    Profile.objects.update_or_create(
        user=person, defaults={"is_public": True, "credentials_public": True}
    )

    course = make_course(title="Simplified cost options")
    module = make_module(course, title="Flat rates")
    make_lesson(module, title="What a flat rate covers")
    make_quiz(module)
    learning_path = make_path(course, title="Joint secretariat: the first steps")

    edition = make_edition()
    event = make_event(
        edition,
        programme,
        person,
        title="Open day at the bridge of Hainburg an der Donau",
        venue="https://www.example.org/a-very-long-address-without-any-place-to-break-it",
    )

    space = make_space(name="Programme and project management")
    make_member(space, person, moderator=True)
    thread = make_thread(space, person, replies=2, title="Reporting unit costs: a checklist?")

    slam = make_slam_edition(phase="applications")
    application = make_application(slam, programme, person, status="draft")

    make_library()
    terms = make_terms()
    asset = make_asset(title="Interreg logo, full colour", usage_terms=terms)

    # The person appoints a programme's staff, and someone asks to join it.
    appointed = AffiliationFactory(user=person, is_programme_admin=True, status="approved")
    AffiliationFactory(programme=appointed.programme, status="pending", function="controller")

    certificate = academy_services.certificate_issue(
        kind=Certificate.Kind.SLAM_COACHING,
        source_key="slam:coaching:reflow",
        holder=person,
        title="Interreg Slam coaching",
        completed_on=timezone.localdate(),
    )
    sign_up_token = signing.dumps(
        {"event": event.pk, "name": "Ana Ferreira", "email": "ana@example.org"},
        salt=SIGN_UP_SALT,
    )
    attendee = EventAttendee.objects.create(event=event, name="Rui Costa", email="rui@example.org")

    # The person sits on the jury of an edition in review.
    judged = make_slam_edition(year=slam.year + 1, phase="review")
    review = make_application(judged, programme, make_applicant(programme))
    SlamJuror.objects.create(edition=judged, user=person, is_chair=True)
    jury_assign(edition=judged)

    address = EmailAddress.objects.create(
        user=person, email="second.address@example.org", verified=False, primary=False
    )
    passkey = Authenticator.objects.create(
        user=person, type=Authenticator.Type.WEBAUTHN, data={"name": "Laptop", "credential": {}}
    )
    # A second course behind a password: the first keeps showing its own page.
    restricted_course = make_course(title="Cost options for auditors")
    page_restriction = PageViewRestriction.objects.create(
        page=restricted_course,
        restriction_type=PageViewRestriction.PASSWORD,
        password="open sesame",
    )
    collection = Collection.get_first_root_node().add_child(name="Minutes")
    get_document_model().objects.create(title="Minutes", collection=collection)
    document_restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="open sesame",
    )
    # The person publishes news for their programme.
    article = make_article(programmes=[programme], title="The joint secretariat moves to Gorizia")
    project = ProjectFactory(
        programme=programme,
        acronym="CROSSCARE",
        name="Emergency care without borders between Gorizia and Nova Gorica",
    )
    PartnerFactory(project=project, organisation="Splošna bolnišnica Nova Gorica", role="lead")
    return PortalData(
        article=article,
        person=person,
        programme=programme,
        event=event,
        space=space,
        thread=thread,
        application=application,
        asset=asset,
        terms=terms,
        slam_year=slam.year,
        requests_programme=appointed.programme,
        certificate=certificate,
        sign_up_token=sign_up_token,
        attendee=attendee,
        review=review,
        unsubscribe=unsubscribe_token(user=person, kind="watched"),
        email_key=EmailConfirmationHMAC(address).key,
        reset_key=default_token_generator.make_token(person),
        passkey=passkey,
        page_restriction=page_restriction,
        document_restriction=document_restriction,
        call=CallFactory(programme=programme),
        project=project,
        vacancy=make_vacancy(programme, title="Financial controller (first level control)"),
        learning_path=learning_path,
    )


REAL_OBJECTS = {
    "accounts:programme_detail": lambda d: {"slug": d.programme.slug},
    "hub:project_detail": lambda d: {"keep_id": d.project.keep_id},
    "accounts:profile_public": lambda d: {"public_id": d.person.profile.public_id},
    "cooperation_day:event_detail": lambda d: {"public_id": d.event.public_id},
    "cooperation_day:event_edit": lambda d: {"public_id": d.event.public_id},
    "cooperation_day:event_attendees": lambda d: {"public_id": d.event.public_id},
    "cooperation_day:event_report": lambda d: {"public_id": d.event.public_id},
    "slam:application_edit": lambda d: {"public_id": d.application.public_id},
    "slam:video": lambda d: {"public_id": d.application.public_id},
    "slam:results": lambda d: {"year": d.slam_year},
    "hub_calls:call_detail": lambda d: {"programme_slug": d.programme.slug, "slug": d.call.slug},
    "hub_calls:call_edit": lambda d: {"programme_slug": d.programme.slug, "slug": d.call.slug},
    "brand:asset": lambda d: {"pk": d.asset.pk},
    "brand:terms": lambda d: {"pk": d.terms.pk},
    "community:space": lambda d: {"slug": d.space.slug},
    "community:thread_create": lambda d: {"slug": d.space.slug},
    "community:members": lambda d: {"slug": d.space.slug},
    "community:moderation": lambda d: {"slug": d.space.slug},
    "community:log": lambda d: {"slug": d.space.slug},
    "community:thread": lambda d: {"pk": d.thread.pk},
    "community:reply": lambda d: {"pk": d.thread.pk},
    "community:thread_move": lambda d: {"pk": d.thread.pk},
    "community:thread_merge": lambda d: {"pk": d.thread.pk},
    "community:post_edit": lambda d: {"pk": d.thread.posts.order_by("pk").first().pk},
    "community:post_history": lambda d: {"pk": d.thread.posts.order_by("pk").first().pk},
    "community:post_flag": lambda d: {"pk": d.thread.posts.order_by("pk").last().pk},
    "community:thread_unread": lambda d: {"pk": d.thread.pk},
    "accounts:programme_requests": lambda d: {"slug": d.requests_programme.slug},
    "academy:certificate_verify": lambda d: {"code": d.certificate.code},
    "academy:learning_path": lambda d: {"pk": d.learning_path.pk},
    "academy:learner_record": lambda d: {"public_id": d.person.profile.public_id},
    "cooperation_day:sign_up_confirm": lambda d: {"token": d.sign_up_token},
    "cooperation_day:sign_up_cancel": lambda d: {"token": d.attendee.cancel_token},
    "slam:review": lambda d: {"public_id": d.review.public_id},
    "hub_vacancies:vacancy_detail": lambda d: {"pk": d.vacancy.pk, "slug": d.vacancy.slug},
    "hub_vacancies:vacancy_edit": lambda d: {"pk": d.vacancy.pk},
    "brand:download_terms": lambda d: {"pk": d.asset.variants.order_by("pk").first().pk},
    "notifications:unsubscribe": lambda d: {"token": d.unsubscribe},
    "account_confirm_email": lambda d: {"key": d.email_key},
    "account_reset_password_from_key": lambda d: {
        "uidb36": user_pk_to_url_str(d.person),
        "key": d.reset_key,
    },
    "hub_news:article_edit": lambda d: {"pk": d.article.pk},
    "mfa_edit_webauthn": lambda d: {"pk": d.passkey.pk},
    "mfa_remove_webauthn": lambda d: {"pk": d.passkey.pk},
    "wagtailcore_authenticate_with_password": lambda d: {
        "page_view_restriction_id": d.page_restriction.pk,
        "page_id": d.page_restriction.page_id,
    },
    "wagtaildocs_authenticate_with_password": lambda d: {
        "restriction_id": d.document_restriction.pk
    },
}
# Routes that take a parameter but answer with no page of their own: forms' POST targets,
# files, feeds and JSON, and links that lead elsewhere. A new parameterised route is either
# named above with a real object or here, or `test_every_parameterised_page_has_a_real_object`
# fails.
NOT_HTML_PAGES = {
    "choose_language",  # remembers a language and leads to the page in it
    "accounts:persona_sign_in",  # POST only
    "accounts:affiliation_withdraw",  # POST only
    "academy:enrol",  # POST only
    "academy:enrolment_cancel",  # POST only
    "academy:session_calendar",  # an .ics file
    "academy:certificate_download",  # a PDF
    "academy:certificate_linkedin",  # leads to LinkedIn
    "academy:certificate_credential",  # the Open Badges credential (VC-JWT)
    "academy:certificate_badge",  # the baked badge image
    "credential_status_list",  # a revocation list (VC-JWT)
    "cooperation_day:event_calendar",  # an .ics file
    "cooperation_day:sign_up",  # POST only
    "cooperation_day:event_submit",  # POST only
    "slam:vote",  # POST only
    "brand:download",  # the file
    "brand:preview",  # an image
    "brand:stored_file",  # leads to the download or preview
    "brand:logo_file",  # the generated file
    "community:join",  # POST only
    "community:leave",  # POST only
    "community:invitation",  # POST only
    "community:space_subscription",  # POST only
    "community:mentions",  # JSON
    "community:membership_decide",  # POST only
    "community:membership_remove",  # POST only
    "community:thread_subscription",  # POST only
    "community:thread_toggle",  # POST only
    "community:post_delete",  # POST only
    "community:post_like",  # POST only
    "community:post_accept",  # POST only
    "community:post_moderate",  # POST only
    "community:attachment",  # the file
    "community:stored_file",  # leads to the attachment
    "hub_alerts:alert_delete",  # POST only
    "notifications:open",  # POST only
    "wagtaildocs_serve",  # the document
    "media",  # image renditions
}
# Pages whose look is the same as another's, or that end the session being checked.
NOT_PAGE_SHAPES = {"account_logout"}


def page_shape_paths(data: PortalData) -> list[str]:
    """One address per page shape: each inventory route outside Wagtail's admin (with a real
    object where it takes one), and one live page of each page type."""
    paths = []
    for route in all_routes():
        if rule_for(route) == STAFF or route.name in NOT_PAGE_SHAPES | NOT_HTML_PAGES:
            continue
        if route.name == "wagtail_serve":
            paths.extend(_one_page_of_each_type())
        elif route.name in REAL_OBJECTS:
            paths.append(reverse(route.name, kwargs=REAL_OBJECTS[route.name](data)))
        else:
            paths.append(route.url)
    return list(dict.fromkeys(paths))


def _one_page_of_each_type() -> list[str]:
    first_of_type = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path"):
        first_of_type.setdefault(page.content_type_id, page)
    return [urlparse(page.specific.full_url or page.url).path for page in first_of_type.values()]


def _is_html_page(page, url: str) -> bool:
    """Asked first with the browser's cookies, so that files, feeds and POST-only addresses are
    never opened as pages (a download would stop the navigation)."""
    response = page.request.get(url, max_redirects=5)
    return response.status != 405 and response.headers.get("content-type", "").startswith(
        "text/html"
    )


def _sideways(page, label: str) -> list[str]:
    if page.evaluate(SIDEWAYS_SCROLL):
        return [f"{label}: {page.evaluate(OVERFLOWING)}"]
    return []


# A constructed style sheet: the site's CSP refuses inline <style>, as it should.
ADD_STYLE = """css => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""
REMOVE_ADDED_STYLES = "() => { document.adoptedStyleSheets = []; }"


def reflow_problems(page) -> list[str]:
    """Sideways scrolling on the page the browser is on: as it is, with the menu open, with
    the WCAG text spacing and with text at 200 %."""
    problems = _sideways(page, "as served")
    toggle = page.locator("[data-nav-toggle]")
    if toggle.is_visible():
        toggle.click()
        problems += _sideways(page, "menu open")
        toggle.click()
    page.evaluate(ADD_STYLE, TEXT_SPACING)
    problems += _sideways(page, "text spacing")
    page.evaluate(REMOVE_ADDED_STYLES)
    page.evaluate(ADD_STYLE, LARGER_TEXT)
    problems += _sideways(page, "text at 200 %")
    if toggle.is_visible():
        toggle.click()
        problems += _sideways(page, "text at 200 %, menu open")
        toggle.click()
    page.evaluate(REMOVE_ADDED_STYLES)
    return problems


def check_every_page_shape(page, base_url: str, paths: list[str], who: str) -> list[str]:
    failures, checked_pages = [], 0
    for path in paths:
        url = base_url + path
        if not _is_html_page(page, url):
            continue
        page.portal_guard.expected_not_found.add(url)
        page.goto(url)
        page.wait_for_load_state("load")
        checked_pages += 1
        failures += [f"{who} {path} {problem}" for problem in reflow_problems(page)]
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(f"{who} {path} axe: {error}")
    assert checked_pages > len(paths) // 2, "most page shapes should be HTML pages"
    return failures


@pytest.fixture
def narrow_page(browser):
    context, page, guard = _make_page(browser, PHONE)
    yield page
    guard.console_errors = [
        error for error in guard.console_errors if "the server responded with a status" not in error
    ]
    _finish(context, guard)


def test_every_page_shape_reflows_at_320_pixels_and_passes_axe(site, narrow_page):
    page = narrow_page
    data = build_portal_data()
    paths = page_shape_paths(data)

    failures = check_every_page_shape(page, site.url, paths, "signed out")
    visit(page, f"{site.url}/accounts/login/")
    sign_in_from(page, data.person.email)
    failures += check_every_page_shape(page, site.url, paths, "signed in")

    assert failures == [], "\n".join(failures)


def _takes_a_parameter(route) -> bool:
    return "<" in route.pattern or "(" in route.pattern


def test_the_sample_data_names_a_real_object_for_routes_that_exist():
    inventory = {route.name for route in all_routes()}
    assert set(REAL_OBJECTS) <= inventory
    assert inventory >= NOT_HTML_PAGES
    assert not set(REAL_OBJECTS) & NOT_HTML_PAGES


def test_every_parameterised_page_has_a_real_object():
    missing = [
        route.name
        for route in all_routes()
        if _takes_a_parameter(route)
        and rule_for(route) != STAFF
        and route.name not in {*REAL_OBJECTS, *NOT_HTML_PAGES, "wagtail_serve"}
    ]
    assert missing == [], "name a real object in REAL_OBJECTS (or say why it has no page)"


@pytest.mark.django_db
def test_the_real_objects_open_their_pages_to_the_person_signed_in(home):
    data = build_portal_data()
    client = Client()
    client.force_login(data.person)
    refused = {}
    for name, kwargs in REAL_OBJECTS.items():
        response = client.get(reverse(name, kwargs=kwargs(data)), follow=True)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            refused[name] = response.status_code
    assert refused == {}
    # None of them ended the session the browser test goes on with.
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_person_who_signs_up_with_mistakes_is_taken_to_them(site, page):
    visit(page, f"{site.url}/accounts/signup/")
    assert not page.title().startswith("Error")
    page.get_by_label("Email").fill("not an address")
    page.get_by_role("button", name="Sign Up").click()
    checked(page, screenshot="sign-up-errors")

    assert page.title().startswith("Error: ")
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("element => element === document.activeElement")
    assert summary.get_by_role("heading", name="There is a problem").is_visible()
    email_link = summary.get_by_role("link", name="Email: Enter a valid email address.")
    assert email_link.get_attribute("href") == "#id_email"
    password_link = summary.get_by_role("link").filter(has_text="Password")
    assert password_link.count() >= 1

    email_link.click()
    assert page.evaluate("document.activeElement.id") == "id_email"
    field = page.locator("#id_email")
    assert field.input_value() == "not an address"
    assert field.get_attribute("aria-invalid") == "true"
    assert "id_email_error" in field.get_attribute("aria-describedby")
    assert page.locator("#id_email_error").inner_text() == "Enter a valid email address."

    password_link.first.focus()  # by keyboard this time
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_password1"


def _is_focused(locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def test_a_learner_who_leaves_a_quiz_question_unanswered_is_taken_to_it(site, page):
    course = make_course(title="Simplified cost options")
    module = make_module(course, "Designing options")
    lesson = make_lesson(module, "Flat rates")
    quiz = make_quiz(module)
    learner = UserFactory(email="ines@example.org", first_name="Inês", last_name="Moura")
    academy_services.enrolment_create(user=learner, course=course)
    academy_services.lesson_complete(user=learner, lesson=lesson)
    _single, several = question_ids(quiz)

    visit(page, f"{site.url}/accounts/login/?next={quiz.url}")
    sign_in_from(page, learner.email)
    page.get_by_label("A flat rate").check()
    page.get_by_role("button", name="Submit my answers").click()
    checked(page, screenshot="quiz-unanswered")

    assert page.title().startswith("Error: ")
    summary = page.locator("[data-error-summary]")
    assert _is_focused(summary)
    assert summary.get_by_role("link").count() == 1
    link = summary.get_by_role("link", name="Question 2: Answer this question.")
    link.focus()  # by keyboard
    page.keyboard.press("Enter")
    first_option = page.locator(f"#question-{several}_0")
    assert _is_focused(first_option)
    assert first_option.get_attribute("name") == several
    assert page.get_by_label("A flat rate").is_checked()  # the answer given is kept


def test_an_organiser_who_submits_an_incomplete_event_is_taken_to_the_errors(site, page):
    make_edition()
    organiser = UserFactory(email="lena@example.org", first_name="Lena", last_name="Weber")

    visit(page, f"{site.url}/accounts/login/?next=/cooperation-day/events/new/")
    sign_in_from(page, organiser.email)
    assert not page.title().startswith("Error")
    page.get_by_label("Title", exact=True).fill("Lanterns on the Danube")
    page.get_by_role("button", name="Submit for review").click()
    checked(page, screenshot="event-form-errors")

    assert page.title().startswith("Error: ")
    summary = page.locator("[data-error-summary]")
    assert _is_focused(summary)
    assert summary.get_by_role("heading", name="There is a problem").is_visible()
    description = summary.get_by_role("link").filter(has_text="Description")
    target = description.first.get_attribute("href")
    description.first.click()
    assert page.evaluate("document.activeElement.id") == target.removeprefix("#")
    assert page.get_by_label("Title", exact=True).input_value() == "Lanterns on the Danube"
