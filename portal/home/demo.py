"""Demo content for a fresh installation. Idempotent: each function adds only what is missing."""

import csv
import io
import math
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from academy.models import AcademyLandingPage
from brand.models import BrandLandingPage
from campaigns.cooperation_day.models import CooperationDayLandingPage
from campaigns.slam.models import SlamLandingPage
from community.models import CommunityLandingPage
from portal.accounts.models import Programme
from portal.accounts.services import programme_import
from portal.core.models import SiteChromeSettings
from portal.core.pages import publish_child

from .models import AccessibilityStatementPage, HomePage, HomePageUpcomingItem, StandardPage
from .site_root import install_home_page

HERO_IMAGE_TITLE = "Cooperation across borders (demo illustration)"
LIBRARY_SLUG = "library"


def _rich(*paragraphs: str) -> list[tuple[str, str]]:
    return [("rich_text", "".join(f"<p>{text}</p>" for text in paragraphs))]


SECTIONS = [
    (
        AcademyLandingPage,
        "academy",
        "Academy",
        "Trainings for programme staff: self-paced and live online courses, in-person "
        "sessions, cohorts and certified trainings.",
        "The Interreg Academy brings together the trainings that programme staff need to run "
        "cooperation programmes well: from the regulatory basics to communication, finance and "
        "evaluation. Courses are open to managing authorities, joint secretariats, national "
        "contact points and their partners.",
    ),
    (
        CooperationDayLandingPage,
        "cooperation-day",
        "Cooperation Day",
        "Every year on Cooperation Day, programmes and projects open their doors to the "
        "public. Find an event near you.",
        "Cooperation Day celebrates what regions achieve together across borders. Programmes "
        "and projects organise local public events, from guided tours and open days to "
        "concerts and sports, so that citizens can see the results of cooperation for "
        "themselves.",
    ),
    (
        SlamLandingPage,
        "slam",
        "Interreg Slam",
        "Project stories told on stage: programmes submit stories, a jury shortlists, the "
        "public votes and the winners perform live.",
        "The Interreg Slam turns project results into short, lively performances. Each "
        "programme may put forward its best project story; a jury selects the finalists, who "
        "prepare a video for the public vote before the live final.",
    ),
    (
        BrandLandingPage,
        "brand",
        "Brand",
        "The harmonised Interreg brand: the brand book, programme logos, templates and a logo "
        "generator.",
        "Interreg programmes share one harmonised brand so that citizens recognise cooperation "
        "wherever they meet it. Here communicators find the brand book, logos for every "
        "programme in full colour, monochrome and negative, and ready-made templates.",
    ),
    (
        CommunityLandingPage,
        "community",
        "Community",
        "Discussion spaces for programme management, inter-programme collaboration, finance "
        "and communication.",
        "The community spaces connect people who do the same work in different programmes. "
        "Ask a question, share a practice, or find a partner programme working on the same "
        "territory or theme.",
    ),
]

STANDARD_PAGES = [
    (
        "about",
        "About the portal",
        "One place for the Interreg community: programmes, their staff and the projects they fund.",
        [
            "The Interreg portal gathers the services that programme staff and projects use "
            "throughout the year: trainings in the Academy, the Cooperation Day campaign, the "
            "Interreg Slam, the harmonised brand and the community spaces.",
            "It is open source and run for the Interreg community.",
        ],
    ),
    (
        "privacy",
        "Privacy notice",
        "What personal data the portal keeps, why, and how you can see, correct or delete it.",
        [
            "The portal keeps the data you give it when you create an account: your e-mail "
            "address and, if you add them, your name and professional details. It uses them "
            "only to provide the services you sign up for.",
            "The portal sets no tracking cookies. A session cookie keeps you signed in and "
            "expires after a period without activity.",
        ],
    ),
    (
        "legal-notice",
        "Legal notice",
        "Who publishes the portal and under which terms its content may be reused.",
        [
            "Unless stated otherwise, texts on this portal may be reused with attribution. "
            "Logos and the EU emblem follow their own usage rules described in the brand book.",
        ],
    ),
]


# What is known of the portal today: reviewed whenever a limitation is fixed or found.
STATEMENT_LIMITATIONS = [
    {
        "title": "Maps without a tile server show no streets",
        "description": (
            "Where the portal runs without a map tile server, the Cooperation Day maps show "
            "country outlines and the names of larger towns only, and stop at a regional "
            "zoom: the map alone does not show the street where an event takes place."
        ),
        "reason": "non_compliance",
        "alternative": (
            "Every event page gives the event's address as text with a link to the place on "
            "OpenStreetMap, and the list of events can be filtered by country or by a nearby "
            "town without using the map."
        ),
    },
    {
        "title": "Slam films shown from YouTube or Vimeo",
        "description": (
            "Films uploaded to the portal need captions unless they have no speech, but a "
            "programme may instead link a film published on YouTube or Vimeo, whose captions "
            "the portal does not check (WCAG 2.1 success criterion 1.2.2, captions)."
        ),
        "reason": "non_compliance",
        "alternative": (
            "Ask for a transcript through the form below; we obtain it from the programme "
            "that made the film."
        ),
    },
    {
        "title": "Documents and files shared by members",
        "description": (
            "Attachments to community posts and documents of programmes linked from the "
            "portal are written by their authors, not by the portal team, and may not be "
            "accessible."
        ),
        "reason": "outside_scope",
        "alternative": (
            "Tell us which file you need and we ask its author for an accessible version."
        ),
    },
]


def _accessibility_statement(home: HomePage) -> AccessibilityStatementPage:
    today = timezone.localdate()
    return publish_child(
        home,
        AccessibilityStatementPage(
            title="Accessibility statement",
            slug="accessibility",
            summary=(
                "How accessible the portal is, what is not accessible yet, and how to report "
                "a barrier."
            ),
            introduction=(
                "The portal is built to be used with a keyboard alone, with a screen reader "
                "and on a small screen. Its interface is in English for now: translations "
                "into the other official languages of the EU wait for review by native "
                "speakers before they are published."
            ),
            organisation="The Interreg portal team",
            website="this Interreg community portal",
            compliance=AccessibilityStatementPage.Compliance.PARTIAL,
            non_accessible_content=[("item", item) for item in STATEMENT_LIMITATIONS],
            prepared_on=today,
            reviewed_on=today,
            method=AccessibilityStatementPage.Method.SELF,
            contact_email="portal@example.org",
            contact_details="We answer within ten working days.",
            enforcement_body="National web accessibility monitoring bodies",
            enforcement_url="https://digital-strategy.ec.europa.eu/en/policies/web-accessibility",
            enforcement_text=(
                "If our answer does not satisfy you, you can complain to the body that "
                "monitors the accessibility of public sector websites in your country. The "
                "European Commission lists these bodies on its web accessibility page."
            ),
        ),
    )


def demo_person(email: str, first_name: str, last_name: str, *, joined=None):
    """A demo account that cannot sign in (no password), made once."""
    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name}
    )
    if created:
        user.set_unusable_password()
        if joined is not None:
            user.date_joined = joined
        user.save(update_fields=["password", "date_joined"])
    return user


def stored_demo_image(title: str, filename: str, draw_on):
    """The demo image called `title`, drawn by `draw_on()` (a Pillow image) when first needed."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = draw_on()
    buffer = io.BytesIO()
    # No optimize pass: browser tests seed the demo afresh for each test, and the pass takes
    # several times as long as the encoding for a file a few per cent smaller, shown the same.
    canvas.save(buffer, format="PNG")
    image = image_model(title=title)
    image.file = ImageFile(buffer, name=filename)
    image.save()
    return image


def _draw_hero() -> PILImage.Image:
    width, height = 1440, 960
    canvas = PILImage.new("RGB", (width, height), "#003399")
    draw = ImageDraw.Draw(canvas)
    for step in range(height):
        shade = int(0x33 + (0x66 - 0x33) * step / height)
        draw.line([(0, step), (width, step)], fill=(0, int(shade * 0.6), shade + 0x66))
    # Twelve gold rings joined by lines: regions linked across a border.
    centre_x, centre_y, radius = width // 2, height // 2, 320
    points = [
        (
            centre_x + radius * math.cos(math.radians(30 * index)),
            centre_y + radius * math.sin(math.radians(30 * index)),
        )
        for index in range(12)
    ]
    for index, point in enumerate(points):
        draw.line([point, points[(index + 5) % 12]], fill=(255, 204, 0), width=3)
    for x, y in points:
        draw.ellipse([x - 34, y - 34, x + 34, y + 34], outline=(255, 204, 0), width=8)
    return canvas


def _child_by_slug(parent: Page, slug: str) -> Page | None:
    return parent.get_children().filter(slug=slug).specific().first()


def ensure_home_page() -> HomePage:
    """The site's home page, replacing Wagtail's initial welcome page on a fresh database."""
    return HomePage.objects.first() or install_home_page(
        HomePage(
            title="Home",
            slug="home",
            hero_title="The Interreg community, in one place",
            hero_text=(
                "Trainings, campaigns, the Interreg brand and discussion spaces for the people "
                "who run European cooperation programmes and the projects they fund."
            ),
            hero_cta_label="Explore the Academy",
            summary="The portal of the Interreg community.",
        )
    )


DEMO_PROGRAMMES = (
    Path(__file__).resolve().parent.parent / "accounts" / "data" / "demo_programmes.csv"
)


def seed_programmes() -> None:
    """The demo programme directory, imported through the same path as `import_programmes`."""
    with DEMO_PROGRAMMES.open(newline="", encoding="utf-8") as handle:
        rows = [
            row
            for row in csv.DictReader(handle)
            if not Programme.objects.filter(acronym__iexact=row["acronym"]).exists()
        ]
    report = programme_import(rows=rows)
    if report.rejected:
        raise ValueError(f"Demo programmes rejected: {report.rejected}")


@transaction.atomic
def seed_site() -> HomePage:
    seed_programmes()
    home = ensure_home_page()
    sections = {}
    for model, slug, title, summary, intro in SECTIONS:
        page = _child_by_slug(home, slug)
        if page is None:
            page = publish_child(
                home,
                model(
                    title=title,
                    slug=slug,
                    summary=summary,
                    intro=intro,
                    show_in_menus=True,
                ),
            )
        sections[slug] = page

    footer_pages = []
    for slug, title, introduction, paragraphs in STANDARD_PAGES:
        page = _child_by_slug(home, slug)
        if page is None:
            page = publish_child(
                home,
                StandardPage(
                    title=title,
                    slug=slug,
                    summary=introduction,
                    introduction=introduction,
                    body=_rich(*paragraphs),
                ),
            )
        footer_pages.append(page)
    # The footer links to the statement on every site by itself.
    if _child_by_slug(home, "accessibility") is None:
        _accessibility_statement(home)

    home = HomePage.objects.get(pk=home.pk)
    changed = False
    if home.hero_image_id is None:
        home.hero_image = stored_demo_image(HERO_IMAGE_TITLE, "cooperation-hero.png", _draw_hero)
        changed = True
    if home.hero_cta_page_id is None:
        home.hero_cta_page = sections["academy"]
        changed = True
    if not home.upcoming_items.exists():
        # The campaigns' dates come from their editions' timelines (campaigns.dates).
        today = timezone.localdate()
        home.upcoming_items = [
            HomePageUpcomingItem(
                date=today + timedelta(days=45),
                title="Brand refresher for communication officers",
                summary="A live online session on the harmonised logos and templates.",
                link_page=sections["brand"],
            ),
        ]
        changed = True
    if changed:
        home.save_revision().publish()

    site = Site.objects.get(root_page=home)
    chrome = SiteChromeSettings.for_site(site)
    if not chrome.footer_links:
        chrome.footer_links = [("page", page) for page in footer_pages]
        chrome.contact_email = chrome.contact_email or "portal@example.org"
        chrome.save()
    return home


def seed_bulk_pages(count: int) -> int:
    """Ensure `count` library articles exist below the home page, for load and query tests."""
    home = ensure_home_page()
    library = _child_by_slug(home, LIBRARY_SLUG)
    if library is None:
        library = publish_child(
            home,
            StandardPage(
                title="Knowledge library",
                slug=LIBRARY_SLUG,
                introduction="Articles and guidance collected by the programmes.",
                summary="Articles and guidance collected by the programmes.",
                body=_rich("Articles and guidance collected by the programmes."),
            ),
        )
    existing = library.get_children().count()
    for number in range(existing + 1, count + 1):
        library.add_child(
            instance=StandardPage(
                title=f"Library article {number}",
                slug=f"article-{number}",
                summary=f"Guidance note number {number} on running a cooperation programme.",
                introduction="Guidance collected by the programmes.",
                body=_rich(
                    f"Guidance note {number}: practical advice on programme management, "
                    "finance and communication, shared by Interreg programmes."
                ),
            )
        )
    return max(count - existing, 0)
