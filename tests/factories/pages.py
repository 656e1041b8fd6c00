"""The page tree the tests start from, and builders for the pages and settings around it."""

import io
from datetime import timedelta

import factory
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from academy.models import AcademyLandingPage
from brand.models import BrandLandingPage
from campaigns.cooperation_day.models import CooperationDayLandingPage
from campaigns.slam.models import SlamLandingPage
from community.models import CommunityLandingPage
from portal.core.models import SiteChromeSettings
from portal.core.pages import publish_child
from portal.home.models import (
    AccessibilityFeedback,
    AccessibilityStatementPage,
    HomePage,
    HomePageUpcomingItem,
    StandardPage,
)
from portal.home.site_root import install_home_page

# The services' landing pages, with the slugs and titles the demo gives them.
LANDING_PAGES = [
    (AcademyLandingPage, "academy", "Academy"),
    (CooperationDayLandingPage, "cooperation-day", "Cooperation Day"),
    (SlamLandingPage, "slam", "Interreg Slam"),
    (BrandLandingPage, "brand", "Brand"),
    (CommunityLandingPage, "community", "Community"),
]


def build_page_tree() -> HomePage:
    """The home page as the default site's root, and below it, in the menu, the landing page of
    each service. No images, programmes or footer links: tests that need them make them."""
    home = install_home_page(
        HomePage(
            title="Home",
            slug="home",
            hero_title="The Interreg community, in one place",
            hero_text=(
                "Trainings, campaigns, the Interreg brand and discussion spaces for the people "
                "who run European cooperation programmes and the projects they fund."
            ),
            summary="The portal of the Interreg community.",
        )
    )
    for model, slug, title in LANDING_PAGES:
        publish_child(
            home,
            model(
                title=title,
                slug=slug,
                summary=f"The {title} service.",
                intro=f"What the {title} service offers.",
                show_in_menus=True,
            ),
        )
    return home


class StandardPageFactory(factory.Factory):
    """Builds a StandardPage and adds it to the tree below `parent` (default: the home page)."""

    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Guidance page {n}")
    slug = factory.Sequence(lambda n: f"guidance-{n}")
    summary = "A page written for the tests."
    introduction = "Introduction."
    body = factory.LazyFunction(lambda: [("rich_text", "<p>Body text.</p>")])

    @classmethod
    def _create(cls, model_class, *args, parent: Page | None = None, **kwargs):
        parent = parent or HomePage.objects.get()
        return publish_child(parent, model_class(*args, **kwargs))


class AccessibilityStatementFactory(factory.Factory):
    """Builds the accessibility statement below the home page, partially compliant, with one
    item for each reason content may not be accessible."""

    class Meta:
        model = AccessibilityStatementPage

    title = "Accessibility statement"
    slug = "accessibility"
    organisation = "The portal team"
    website = "portal.example.org"
    compliance = AccessibilityStatementPage.Compliance.PARTIAL
    non_accessible_content = factory.LazyFunction(
        lambda: [
            (
                "item",
                {
                    "title": "Maps show outlines only",
                    "description": "Streets are missing.",
                    "reason": "non_compliance",
                    "alternative": "Addresses are given as text.",
                },
            ),
            (
                "item",
                {
                    "title": "Old newsletters",
                    "description": "Scanned PDF files.",
                    "reason": "disproportionate_burden",
                    "alternative": "",
                },
            ),
            (
                "item",
                {
                    "title": "Members' attachments",
                    "description": "Written by members.",
                    "reason": "outside_scope",
                    "alternative": "",
                },
            ),
        ]
    )
    prepared_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    reviewed_on = factory.LazyFunction(timezone.localdate)
    method = AccessibilityStatementPage.Method.SELF
    contact_email = "access@example.org"
    contact_details = "We answer within ten working days."
    enforcement_body = "The national monitoring body"
    enforcement_url = "https://monitoring.example.org/complaints"
    enforcement_text = "If our answer does not satisfy you, you may complain."

    @classmethod
    def _create(cls, model_class, *args, parent: Page | None = None, **kwargs):
        parent = parent or HomePage.objects.get()
        return publish_child(parent, model_class(*args, **kwargs))


class AccessibilityFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessibilityFeedback

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    page_concerned = "/cooperation-day/"
    problem = "The map cannot be used with a keyboard."


def make_image(title: str = "Test image", size=(96, 64)):
    """A stored Wagtail image, small enough to make renditions of quickly."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#003399").save(buffer, format="PNG")
    image = get_image_model()(title=title)
    image.file = ImageFile(buffer, name="test-image.png")
    image.save()
    return image


def make_upcoming_item(home: HomePage, *, days_ahead: int = 14, **fields) -> HomePageUpcomingItem:
    values = {
        "page": home,
        "date": timezone.localdate() + timedelta(days=days_ahead),
        "title": f"Coming up in {days_ahead} days",
        "link_url": "https://example.org/coming-up",
    }
    values.update(fields)
    return HomePageUpcomingItem.objects.create(**values)


def make_footer_links(pages, *, contact_email: str = "") -> SiteChromeSettings:
    """The default site's header and footer settings, linking to `pages` in the footer."""
    chrome = SiteChromeSettings.for_site(Site.objects.get(is_default_site=True))
    chrome.footer_links = [("page", page) for page in pages]
    chrome.contact_email = contact_email
    chrome.save()
    return chrome


def furnish_home_page(home: HomePage) -> HomePage:
    """Everything an editor puts on the home page besides the services: a hero image and button,
    dates coming up that link to pages, and footer links, so that rendering it costs what it
    costs on a real site."""
    sections = {page.slug: page for page in home.get_children()}
    home = HomePage.objects.get(pk=home.pk)
    home.hero_image = make_image("Hero")
    home.hero_cta_label = "Explore the Academy"
    home.hero_cta_page = sections["academy"]
    home.save_revision().publish()
    for days_ahead, slug in [(21, "slam"), (45, "brand"), (90, "cooperation-day")]:
        make_upcoming_item(home, days_ahead=days_ahead, link_page=sections[slug], link_url="")
    footer_pages = [
        StandardPageFactory(title=title, slug=slug)
        for slug, title in [("about", "About the portal"), ("privacy", "Privacy notice")]
    ]
    make_footer_links(footer_pages, contact_email="portal@example.org")
    return home
