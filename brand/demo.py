"""Demo content for the brand: the brand book, the asset library (every type, public and
restricted files, one superseded and one expired asset), usage terms and a year of downloads.

Every file goes through the same upload checks as a file added in the admin, and the logos
come from the logo generator itself.
"""

import io
import json
import random
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as pdf_canvas
from wagtail.models import GroupPagePermission
from wagtail.rich_text import RichText

from portal.accounts.demo import demo_account
from portal.accounts.models import Affiliation, Programme
from portal.core.access import AccessLevel
from portal.core.cache import content_changed
from portal.core.pages import publish_child
from portal.home.demo import demo_person, stored_demo_image

from . import logo, services, typeset
from .emblem import REFLEX_BLUE, YELLOW, Emblem
from .files import checked_upload
from .models import (
    Asset,
    AssetDownload,
    AssetLibraryPage,
    AssetVariant,
    BrandBookPage,
    BrandLandingPage,
    UsageTerms,
)

BRAND_MANAGER = ("noor.haddad@brand.example.org", "Noor", "Haddad")
DEMO_FILES = Path(__file__).resolve().parent / "demo_files"
Colour = AssetVariant.ColourVersion
Space = AssetVariant.ColourSpace
LOGO_PROGRAMMES = [
    "ALCOTRA",
    "UPPER-RHINE",
    "EMR",
    "GREATER-REGION",
    "POCTEP",
    "OKS",
    "NORTH-SEA",
    "BSR",
    "EURO-MED",
    "DANUBE",
    "MAC",
]


def _rich(*paragraphs: str) -> tuple[str, RichText]:
    return ("rich_text", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))


# The brand book ----------------------------------------------------------------------------


def _logo_image(title: str, spec: logo.LogoSpec, *, spoil=None):
    def draw():
        with PILImage.open(io.BytesIO(logo.logo_png(spec, width=900))) as rendered:
            picture = PILImage.new(
                "RGB", rendered.size, "#1f2433" if spec.colour == Colour.NEGATIVE else "#ffffff"
            )
            picture.paste(rendered, mask=rendered)
        return spoil(picture) if spoil else picture

    return stored_demo_image(title, f"{title.lower().replace(' ', '-')[:40]}.png", draw)


def _stretched(picture):
    return picture.resize((picture.width, picture.height * 2 // 3)).resize(picture.size)


def _recoloured(picture):
    pixels = picture.load()
    for x in range(picture.width):
        for y in range(picture.height):
            red, _green, blue = pixels[x, y][:3]
            if blue > 120 and red < 60:  # the flag's blue becomes red
                pixels[x, y] = (200, 20, 40)
    return picture


def _crowded(picture):
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 0, picture.width, picture.height // 6], fill="#d9d9d9")
    return picture


def _example(image, verdict: str, explanation: str) -> dict:
    return {"image": image, "verdict": verdict, "explanation": explanation}


def _logo_rules_body(programme_name: str) -> list:
    name = logo.programme_logo_name(programme_name)
    spec = logo.LogoSpec(name=name, language="en", colour=Colour.FULL_COLOUR, layout="horizontal")
    negative = logo.LogoSpec(name=name, language="en", colour=Colour.NEGATIVE, layout="horizontal")
    return [
        _rich(
            "Every programme logo has three parts: the word Interreg, the programme's name, and "
            "the EU emblem with the statement “Co-funded by the European Union”. They always "
            "appear together and are never redrawn: use the files from the library or the logo "
            "generator.",
            "Keep clear space of a quarter of the flag's height around the logo. The flag keeps "
            "its white outline of 1/25 of its height on every background. The logo is at least "
            "20 mm wide in print, and the EU emblem is at least as large as any other logo "
            "shown beside it.",
        ),
        (
            "do_dont",
            {
                "heading": "Do and don't",
                "examples": [
                    _example(
                        _logo_image("Logo rule: full colour on white", spec),
                        "do",
                        "Use the full-colour logo on white or light backgrounds.",
                    ),
                    _example(
                        _logo_image("Logo rule: negative on dark", negative),
                        "do",
                        "Use the negative logo on dark backgrounds and photos.",
                    ),
                    _example(
                        _logo_image("Logo rule: stretched", spec, spoil=_stretched),
                        "dont",
                        "Never stretch or squeeze the logo.",
                    ),
                    _example(
                        _logo_image("Logo rule: recoloured", spec, spoil=_recoloured),
                        "dont",
                        "Never change the colours of the flag.",
                    ),
                    _example(
                        _logo_image("Logo rule: crowded", spec, spoil=_crowded),
                        "dont",
                        "Never place anything inside the clear space.",
                    ),
                ],
            },
        ),
    ]


COLOURS = [
    {
        "name": "Reflex Blue",
        "hex": "#003399",
        "cmyk": "100 / 80 / 0 / 0",
        "pantone": "Pantone Reflex Blue",
        "usage": "The flag, the word Interreg, headings.",
    },
    {
        "name": "Yellow",
        "hex": "#FFCC00",
        "cmyk": "0 / 0 / 100 / 0",
        "pantone": "Pantone Yellow",
        "usage": "The stars; highlights in small amounts.",
    },
    {
        "name": "Ink",
        "hex": "#1A1A1F",
        "cmyk": "0 / 0 / 0 / 95",
        "pantone": "",
        "usage": "Body text.",
    },
    {
        "name": "Light blue",
        "hex": "#E6ECF7",
        "cmyk": "10 / 4 / 0 / 0",
        "pantone": "",
        "usage": "Backgrounds of boxes and tables.",
    },
]

CHAPTERS = [
    (
        "our-brand",
        "Our brand",
        "Why one harmonised brand for all Interreg programmes, and what it stands for.",
        lambda programme: [
            _rich(
                "Interreg is one of the European Union's most visible policies: thousands "
                "of projects across borders. Until 2021 each programme had its own logo; "
                "since then all share one harmonised brand, so that people recognise "
                "cooperation wherever they meet it.",
                "The brand is built from the word Interreg, the programme's name and the EU "
                "emblem. It is simple on purpose: a communicator should get a correct logo in "
                "a minute.",
            )
        ],
    ),
    (
        "logo-rules",
        "Logo rules",
        "Parts of the logo, clear space, minimum size, colour versions, and what not to do.",
        _logo_rules_body,
    ),
    (
        "colours",
        "Colours",
        "The brand colours with their HEX, RGB, CMYK and Pantone values.",
        lambda programme: [
            _rich("Use the colours exactly as given; copy a value with its button."),
            ("colour_palette", {"heading": "Brand colours", "colours": COLOURS}),
        ],
    ),
    (
        "typography",
        "Typography",
        "Typefaces for the logo statement, documents and the web.",
        lambda programme: [
            _rich(
                "The statement “Co-funded by the European Union” is set in Ubuntu, one of the "
                "typefaces the European Commission recommends for it (with Arial, Calibri, "
                "Garamond, Trebuchet, Tahoma and Verdana). Ubuntu is free: download it from the "
                "library.",
                "In documents, use Ubuntu or, where it is not installed, Arial. Set body text at "
                "11 pt or more and keep lines short.",
            )
        ],
    ),
    (
        "templates",
        "Templates",
        "Presentations, letterheads, posters and social media templates.",
        lambda programme: [
            _rich(
                "Templates carry the logo in the right place and size. Programme staff find "
                "them in the asset library after signing in; choose the type “Template”.",
            )
        ],
    ),
    (
        "visibility-rules",
        "Visibility rules for projects",
        "What every funded project must show, and where (Regulation (EU) 2021/1060).",
        lambda programme: [
            _rich(
                "Projects show the programme logo with the EU emblem on their website and social "
                "media pages, with a short description of the project, its aims and results, "
                "highlighting the support from the European Union.",
                "Documents and communication material for the public carry the logo. Operations "
                "involving physical investment or equipment above EUR 500 000 put up durable "
                "plaques or billboards; other projects put up at least one A3 poster or an "
                "equivalent electronic display at a place visible to the public.",
                "Projects of strategic importance and those above EUR 10 million organise a "
                "communication event with the Commission and the managing authority.",
            )
        ],
    ),
]


def _brand_book(landing: BrandLandingPage) -> None:
    programme = Programme.objects.filter(acronym__iexact=LOGO_PROGRAMMES[0]).first()
    existing = set(landing.get_children().values_list("slug", flat=True))
    for slug, title, summary, body in CHAPTERS:
        if slug not in existing:
            publish_child(
                landing,
                BrandBookPage(
                    title=title,
                    slug=slug,
                    summary=summary,
                    body=body(programme.name if programme else "Interreg Programme"),
                ),
            )
    if "assets" not in existing:
        publish_child(
            landing,
            AssetLibraryPage(
                title="Asset library",
                slug="assets",
                summary="Logos, templates, icons, photos, fonts and videos to download.",
                intro="Find the right file in the right format. Filter by type, programme, "
                "language, format or colour version.",
            ),
        )
    # The group comes from a migration (a database emptied by browser tests has none).
    managers = Group.objects.filter(name="Brand managers").first()
    if managers is None:
        return
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=["add_page", "change_page", "publish_page"],
    )
    for permission in page_permissions:
        GroupPagePermission.objects.get_or_create(
            group=managers, page=landing, permission=permission
        )


# Files -------------------------------------------------------------------------------------


def _svg_icon(symbol: str) -> bytes:
    shapes = {
        "cooperation": '<circle cx="36" cy="48" r="20"/><circle cx="60" cy="48" r="20"/>',
        "border": '<path d="M48 8v80" stroke-dasharray="8 6"/><circle cx="26" cy="48" r="12"/>'
        '<circle cx="70" cy="48" r="12"/>',
        "climate": '<path d="M48 12c18 20 24 34 24 46a24 24 0 0 1-48 0c0-12 6-26 24-46z"/>',
        "mobility": '<rect x="16" y="30" width="64" height="36" rx="8"/><circle cx="32" cy="72"'
        ' r="6"/><circle cx="64" cy="72" r="6"/>',
        "people": '<circle cx="48" cy="32" r="14"/><path d="M20 84c0-18 12-30 28-30s28 12 28 30"/>',
        "innovation": '<circle cx="48" cy="40" r="22"/><path d="M38 66h20M40 76h16"/>',
    }
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96">'
        f'<g fill="none" stroke="{REFLEX_BLUE}" stroke-width="5" stroke-linecap="round">'
        f"{shapes[symbol]}</g></svg>"
    ).encode()


def _png(picture) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _jpeg(picture) -> bytes:
    buffer = io.BytesIO()
    picture.convert("RGB").save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _illustration(seed: int, width=1600, height=1067) -> PILImage.Image:
    """A landscape of hills and a bridge: demo stand-ins for photos."""
    rng = random.Random(seed)  # noqa: S311 (a drawing, not a secret)
    picture = PILImage.new("RGB", (width, height), (200, 220, 240))
    draw = ImageDraw.Draw(picture)
    for layer in range(4):
        base = height * (0.45 + layer * 0.12)
        colour = (40 + layer * 30, 110 + layer * 25 - rng.randint(0, 30), 60 + layer * 10)
        points = [(0, height)]
        for step in range(0, width + 80, 80):
            points.append((step, base - rng.randint(0, 90)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    draw.arc(
        [width * 0.2, height * 0.5, width * 0.8, height * 1.1], 180, 360, fill=YELLOW, width=18
    )
    return picture


def _brand_book_pdf() -> bytes:
    buffer = io.BytesIO()
    page = pdf_canvas.Canvas(buffer, pagesize=A4)
    height = A4[1]
    page.setTitle("Interreg brand book (summary)")
    emblem = Emblem(60, 60, 60)
    page.setFillColor(REFLEX_BLUE)
    page.rect(emblem.x, height - emblem.y - emblem.height, emblem.width, emblem.height, 0, 1)
    page.setFillColor(YELLOW)
    for star in emblem.stars():
        path = page.beginPath()
        path.moveTo(star[0][0], height - star[0][1])
        for x, y in star[1:]:
            path.lineTo(x, height - y)
        path.close()
        page.drawPath(path, stroke=0, fill=1)
    page.setFillColor(REFLEX_BLUE)
    page.setFont("Helvetica-Bold", 28)
    page.drawString(170, height - 100, "Interreg brand book")
    page.setFont("Helvetica", 12)
    lines = [
        "1. The logo: Interreg, the programme name, the EU emblem and the statement.",
        "2. Clear space: a quarter of the flag's height on every side.",
        "3. The flag's white outline: 1/25 of its height. Minimum width: 20 mm.",
        "4. Colours: Reflex Blue #003399, Yellow #FFCC00.",
        "5. Typeface for the statement: Ubuntu (or Arial, Calibri, Verdana...).",
        "6. Projects: logo on websites, posters, documents; plaques for investments.",
    ]
    for number, line in enumerate(lines):
        page.drawString(60, height - 170 - number * 22, line)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _statements_file() -> bytes:
    return "\n".join(f"{code}\t{text}" for code, text in logo.STATEMENTS.items()).encode() + b"\n"


def _palette_file() -> bytes:
    return json.dumps(COLOURS, indent=2, ensure_ascii=False).encode()


# Assets ------------------------------------------------------------------------------------


def _create_asset(*, files, tags=(), **fields) -> Asset:
    asset = Asset.objects.create(**fields)
    if tags:
        asset.tags.add(*tags)
        asset.save()  # a cluster's tags are written when the asset is saved
    for order, (filename, content, colour, space, label) in enumerate(files):
        checked = checked_upload(SimpleUploadedFile(filename, content))
        AssetVariant.objects.create(
            asset=asset,
            file=checked,
            colour_version=colour,
            colour_space=space,
            label=label,
            sort_order=order,
        )
    services.asset_files_describe(asset=asset)
    return asset


def _logo_files(name: str) -> list:
    files = []
    for colour in Colour.values:
        spec = logo.LogoSpec(name=name, language="en", colour=colour, layout="horizontal")
        files.append((f"logo-{colour}.svg", logo.logo_svg(spec).encode(), colour, Space.RGB, ""))
        if colour == Colour.FULL_COLOUR:
            files.append(
                (f"logo-{colour}.png", logo.logo_png(spec, width=1200), colour, Space.RGB, "Large")
            )
            files.append((f"logo-{colour}.pdf", logo.logo_pdf(spec), colour, Space.CMYK, "Print"))
    return files


def _assets(terms: UsageTerms) -> list[Asset]:
    now = timezone.now()
    created = []
    programmes = {
        programme.acronym.upper(): programme
        for programme in Programme.objects.filter(acronym__in=LOGO_PROGRAMMES)
    }
    for acronym in LOGO_PROGRAMMES:
        programme = programmes.get(acronym)
        if programme is None:
            continue
        name = logo.programme_logo_name(programme.name)
        created.append(
            _create_asset(
                title=f"Interreg {name} logo",
                kind=Asset.Kind.LOGO,
                programme=programme,
                language="en",
                usage_terms=terms,
                tags=["logo", programme.acronym.lower()],
                description=f"The harmonised logo of Interreg {name} in every colour version.",
                guidance="Use the SVG on screens and the PDF in print.\n"
                "Use the negative version on dark backgrounds only.",
                published_at=now - timedelta(days=330),
                files=_logo_files(name),
            )
        )
    for number, symbol in enumerate(
        ("cooperation", "border", "climate", "mobility", "people", "innovation")
    ):
        svg = _svg_icon(symbol)
        created.append(
            _create_asset(
                title=f"Icon: {symbol}",
                kind=Asset.Kind.ICON,
                tags=["icon", symbol],
                description=f"A line icon for “{symbol}”, in Reflex Blue.",
                published_at=now - timedelta(days=200 + number),
                files=[(f"icon-{symbol}.svg", svg, Colour.FULL_COLOUR, Space.RGB, "96 px grid")],
            )
        )
    for number, (title, language) in enumerate(
        (
            ("Cross-border bridge at dusk", ""),
            ("Hills of the Greater Region", ""),
            ("River valley in spring", ""),
            ("Mountain pass in the Alps", ""),
        )
    ):
        picture = _illustration(number)
        created.append(
            _create_asset(
                title=f"Photo: {title}",
                kind=Asset.Kind.PHOTO,
                tags=["photo", "landscape"],
                description="Demo illustration standing in for a photo; free to use for Interreg "
                "communication.",
                access_level=AccessLevel.REGISTERED,
                usage_terms=terms,
                language=language,
                published_at=now - timedelta(days=150 + number),
                files=[
                    (f"photo-{number}.jpg", _jpeg(picture), "", Space.RGB, "Large"),
                    (
                        f"photo-{number}-small.jpg",
                        _jpeg(picture.resize((800, 533))),
                        "",
                        Space.RGB,
                        "Small",
                    ),
                ],
            )
        )
    old_book = _create_asset(
        title="Interreg brand manual 2014-2020",
        kind=Asset.Kind.BRAND_BOOK,
        description="The brand manual of the previous programming period.",
        language="en",
        published_at=now - timedelta(days=2400),
        expires_at=now - timedelta(days=300),
        files=[("brand-manual-2014.pdf", _brand_book_pdf(), "", "", "A4")],
    )
    book = _create_asset(
        title="Interreg brand book 2021-2027 (summary)",
        kind=Asset.Kind.BRAND_BOOK,
        language="en",
        tags=["brand book", "rules"],
        usage_terms=terms,
        description="The rules of the harmonised brand on one page.",
        published_at=now - timedelta(days=340),
        files=[("brand-book.pdf", _brand_book_pdf(), "", Space.RGB, "A4")],
    )
    old_book.superseded_by = book
    old_book.save(update_fields=["superseded_by"])
    created += [old_book, book]
    fonts = [
        (path.name, path.read_bytes(), "", "", "")
        for path in (typeset.FONT_DIR / typeset.REGULAR, typeset.FONT_DIR / typeset.BOLD)
    ]
    licence = typeset.FONT_DIR / "UBUNTU-FONT-LICENCE.txt"
    fonts.append((licence.name, licence.read_bytes(), "", "", ""))
    created.append(
        _create_asset(
            title="Ubuntu typeface",
            kind=Asset.Kind.FONT,
            tags=["font", "typography"],
            description="Regular and bold, with Latin, Greek and Cyrillic: every EU language.",
            published_at=now - timedelta(days=320),
            files=fonts,
        )
    )
    templates = [
        ("Presentation template 16:9", "interreg-presentation-16x9.pptx", "Widescreen"),
        ("Letterhead template A4", "interreg-letterhead-a4.docx", "A4"),
    ]
    for title, filename, label in templates:
        created.append(
            _create_asset(
                title=title,
                kind=Asset.Kind.TEMPLATE,
                language="en",
                tags=["template", "office"],
                access_level=AccessLevel.PROGRAMME_STAFF,
                usage_terms=terms,
                description="With the logo placed; replace “Programme name” with yours.",
                published_at=now - timedelta(days=280),
                files=[(filename, (DEMO_FILES / filename).read_bytes(), "", Space.RGB, label)],
            )
        )
    poster_spec = logo.LogoSpec(
        name="Programme name", language="en", colour=Colour.FULL_COLOUR, layout="vertical"
    )
    created.append(
        _create_asset(
            title="Project poster A3 (PDF)",
            kind=Asset.Kind.TEMPLATE,
            language="en",
            tags=["template", "poster", "visibility"],
            access_level=AccessLevel.PROGRAMME_STAFF,
            usage_terms=terms,
            description="The A3 poster every project puts up.",
            published_at=now - timedelta(days=260),
            files=[
                (
                    "poster-logo.pdf",
                    logo.logo_pdf(poster_spec),
                    Colour.FULL_COLOUR,
                    Space.CMYK,
                    "Logo block",
                ),
                (
                    "poster-logo.svg",
                    logo.logo_svg(poster_spec).encode(),
                    Colour.FULL_COLOUR,
                    Space.RGB,
                    "Logo block",
                ),
            ],
        )
    )
    social = _illustration(9, 1080, 1080)
    created.append(
        _create_asset(
            title="Social media post template",
            kind=Asset.Kind.TEMPLATE,
            tags=["template", "social media"],
            access_level=AccessLevel.PROGRAMME_STAFF,
            usage_terms=terms,
            description="Square background for posts; add your text on top.",
            published_at=now - timedelta(days=120),
            files=[
                ("social-square.png", _png(social), "", Space.RGB, "1080 x 1080"),
                ("social-square.jpg", _jpeg(social), "", Space.RGB, "1080 x 1080"),
            ],
        )
    )
    created.append(
        _create_asset(
            title="Cooperation Day teaser",
            kind=Asset.Kind.VIDEO,
            tags=["video", "cooperation day"],
            access_level=AccessLevel.REGISTERED,
            usage_terms=terms,
            description="Four seconds: the twelve stars appear one by one. For social media.",
            published_at=now - timedelta(days=60),
            files=[
                (
                    "cooperation-day-teaser.mp4",
                    (DEMO_FILES / "cooperation-day-teaser.mp4").read_bytes(),
                    "",
                    Space.RGB,
                    "640 x 360",
                )
            ],
        )
    )
    # A file for one named group: the campaign team (its group comes from a migration).
    campaign_team = Group.objects.filter(name="Campaign team").first()
    if campaign_team is not None:
        created.append(
            _create_asset(
                title="Cooperation Day campaign kit (team only)",
                kind=Asset.Kind.OTHER,
                tags=["cooperation day", "campaign"],
                access_level=AccessLevel.GROUP,
                access_group=campaign_team,
                description="Working files for the campaign team.",
                published_at=now - timedelta(days=40),
                files=[("campaign-statements.txt", _statements_file(), "", "", "24 languages")],
            )
        )
    created.append(
        _create_asset(
            title="“Co-funded by the European Union” in 24 languages",
            kind=Asset.Kind.OTHER,
            tags=["statement", "languages"],
            description="The statement in every official EU language, as plain text.",
            published_at=now - timedelta(days=300),
            files=[("co-funded-statements.txt", _statements_file(), "", "", "UTF-8 text")],
        )
    )
    created.append(
        _create_asset(
            title="Brand colour values",
            kind=Asset.Kind.OTHER,
            tags=["colours"],
            description="HEX, CMYK and Pantone values of the brand colours, as JSON text.",
            published_at=now - timedelta(days=300),
            files=[("brand-colours.txt", _palette_file(), "", "", "JSON")],
        )
    )
    return created


def _download_history(assets: list[Asset]) -> int:
    rng = random.Random(2027)  # noqa: S311 (the same demo every time)
    programmes = list(Programme.objects.order_by("acronym")[:12])
    people = []
    for number, programme in enumerate(programmes):
        person = demo_person(
            f"communicator{number + 1}@brand.example.org", "Communicator", str(number + 1)
        )
        Affiliation.objects.get_or_create(
            user=person,
            programme=programme,
            defaults={
                "function": Affiliation.Function.COMMUNICATION_OFFICER,
                "status": Affiliation.Status.APPROVED,
            },
        )
        people.append((person, programme))
    variants = list(AssetVariant.objects.filter(asset__in=assets).select_related("asset"))
    now = timezone.now()
    downloads = []
    for _number in range(420):
        variant = rng.choice(variants)
        person, programme = rng.choice(people)
        downloads.append(
            AssetDownload(
                asset=variant.asset,
                variant=variant,
                user=person,
                programme=programme,
                in_zip=rng.random() < 0.2,
                downloaded_at=now
                - timedelta(days=rng.randint(0, 360), minutes=rng.randint(0, 1440)),
            )
        )
    AssetDownload.objects.bulk_create(downloads)
    return len(downloads)


def _brand_manager() -> None:
    manager = demo_account(*BRAND_MANAGER, second_factor=True)
    managers = Group.objects.filter(name="Brand managers").first()
    if managers is not None:  # the group comes from a migration
        manager.groups.add(managers)


@transaction.atomic
def seed_brand(landing: BrandLandingPage) -> int:
    """Idempotent: the brand book and library are made once; returns the assets added."""
    _brand_book(landing)
    _brand_manager()
    if Asset.objects.exists():
        return 0
    terms = UsageTerms.objects.create(
        title="Interreg brand terms of use",
        version="2021",
        body="<p>The Interreg logos, templates and other assets may be used only to "
        "communicate about Interreg programmes and projects co-funded by the European "
        "Union. Do not alter the logos or the EU emblem. Photos may be used with the credit "
        "given on their page.</p>",
    )
    assets = _assets(terms)
    _download_history(assets)
    transaction.on_commit(content_changed)
    return len(assets)


def seed_bulk_assets(count: int) -> int:
    """Ensure `count` assets exist (benchmarks): copies of a demo icon sharing its stored file."""
    existing = Asset.objects.count()
    missing = count - existing
    template = Asset.objects.filter(kind=Asset.Kind.ICON).prefetch_related("variants").first()
    if missing <= 0 or template is None:
        return 0
    variant = template.variants.all()[0]
    now = timezone.now()
    with transaction.atomic():
        copies = Asset.objects.bulk_create(
            Asset(
                title=f"Practice icon {existing + number + 1}",
                kind=Asset.Kind.ICON,
                description="A copy for load tests.",
                published_at=now - timedelta(days=1),
            )
            for number in range(missing)
        )
        variants = AssetVariant.objects.bulk_create(
            AssetVariant(
                asset=copy,
                file=variant.file.name,
                preview=variant.preview.name,
                described_file=variant.file.name,
                file_format=variant.file_format,
                file_size=variant.file_size,
                width=variant.width,
                height=variant.height,
                colour_version=variant.colour_version,
                colour_space=variant.colour_space,
            )
            for copy in copies
        )
        for copy, copy_variant in zip(copies, variants, strict=True):
            copy.cover = copy_variant
        Asset.objects.bulk_update(copies, ["cover"])
    transaction.on_commit(content_changed)
    return missing
