"""Demo calls for proposals: 25 calls of programmes of the four strands, in every state (planned,
open, closing soon, closed), written as programmes announce them.

Dates are set from today each time the demo is loaded, so the states stay right whenever it
is; loading it again updates the same calls (programme and web address).
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from hub.models import Theme
from portal.accounts.models import Programme
from portal.core.cache import content_changed
from portal.core.timezones import zone_or_utc

from .models import Call
from .services import priorities_html

PUBLIC, UNI, SME, NGO, EGTC, INTEREST = (
    "public_authority",
    "higher_education",
    "sme",
    "ngo",
    "egtc",
    "interest_group",
)


@dataclass
class DemoCall:
    programme: str  # acronym
    slug: str
    title: str
    summary: str
    priorities: str
    # Days from today: when it opens and when it closes (negative: in the past).
    opens: int
    closes: int
    themes: list[str]
    budget: int | None
    rate: int | None
    applicants: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    regions: str = ""
    zone: str = "Europe/Brussels"
    deadline: time = time(14, 0)
    system: str = "https://jems.{host}/"


CALLS = [
    # Cross-border (A) --------------------------------------------------------------------------
    DemoCall(
        "ITA-SLO",
        "third-call-health-and-social-care",
        "Third call for proposals – Priority 4: Health and social care across the border",  # noqa: RUF001
        "Small and regular projects that bring health and care services closer to people on "
        "both sides of the Italian–Slovenian border, from shared emergency care to telemedicine.",  # noqa: RUF001
        "- Specific objective 4.5: equal access to health care and resilient health systems\n"
        "- Joint services for elderly people living in remote border villages\n"
        "- Cross-border training of nurses, carers and emergency staff",
        -20,
        45,
        ["health", "social-inclusion"],
        4_200_000,
        80,
        [PUBLIC, UNI, NGO],
        ["IT", "SI"],
        "SI041 SI042 SI043 SI044 ITH4",
        "Europe/Ljubljana",
    ),
    DemoCall(
        "ITA-SLO",
        "small-projects-fund-people-to-people",
        "Small project fund – People-to-people actions 2026",  # noqa: RUF001
        "Grants of up to EUR 50 000 for associations, schools and municipalities that bring "
        "neighbours together: culture, sport, youth exchanges and volunteering.",
        "- Priority 4: A more social and cohesive border region\n"
        "- Actions that involve citizens from both countries from the start",
        -60,
        6,
        ["people-to-people", "culture-tourism"],
        1_000_000,
        85,
        [NGO, PUBLIC, INTEREST],
        ["IT", "SI"],
        "",
        "Europe/Ljubljana",
        time(12, 0),
    ),
    DemoCall(
        "ALCOTRA",
        "call-climate-adaptation-alps",
        "Call for proposals – Priority 1: A greener Alpine border region",  # noqa: RUF001
        "Projects that help mountain communities adapt to climate change: water resources, "
        "natural hazards in high valleys and nature-based solutions.",
        "- Specific objective 2.4: climate change adaptation and disaster risk prevention\n"
        "- Specific objective 2.7: biodiversity and green infrastructure",
        -35,
        10,
        ["climate", "risk-prevention", "biodiversity"],
        12_500_000,
        80,
        [PUBLIC, UNI, NGO, EGTC],
        ["FR", "IT"],
        "FRK27 FRL03 ITC11 ITC13 ITC16",
        "Europe/Paris",
        time(17, 0),
    ),
    DemoCall(
        "UPPER-RHINE",
        "call-innovation-trinational",
        "Fourth call – Research and innovation in the Upper Rhine",  # noqa: RUF001
        "Trinational research and innovation projects between universities, research "
        "institutes and companies of Alsace, Baden, the Palatinate and North-Western "
        "Switzerland.",
        "- Strengthening research and innovation capacities\n"
        "- Transfer of research results to SMEs of the region",
        -10,
        70,
        ["research-innovation", "sme"],
        8_000_000,
        60,
        [UNI, SME, PUBLIC],
        ["FR", "DE", "CH"],
        "FRF11 FRF12 DE12 DE13 DEB3 CH03",
        "Europe/Berlin",
    ),
    DemoCall(
        "EMR",
        "call-border-health-care",
        "Open call – Cross-border health care in the Euregio Meuse-Rhine",  # noqa: RUF001
        "Hospitals, ambulance services and health insurers cooperating so that patients around "
        "Aachen, Liège and Maastricht are treated at the nearest place, whatever the border.",
        "- Priority 3: A social Euregio Meuse-Rhine\n- Cross-border patient pathways and data",
        -45,
        -12,
        ["health"],
        6_000_000,
        60,
        [PUBLIC, UNI, NGO],
        ["BE", "DE", "NL"],
        "",
    ),
    DemoCall(
        "GREATER-REGION",
        "call-labour-market-commuters",
        "Call for proposals – Priority 3: A Greater Region that works as one labour market",  # noqa: RUF001
        "Projects that make life easier for the 250 000 daily commuters: recognition of "
        "qualifications, cross-border apprenticeships and advice on social security.",
        "- Specific objective 4.1: effective and inclusive labour markets\n"
        "- Cross-border vocational training and apprenticeships",
        30,
        120,
        ["labour-market", "education"],
        9_000_000,
        60,
        [PUBLIC, INTEREST, NGO, UNI],
        ["BE", "DE", "FR", "LU"],
        "",
        "Europe/Luxembourg",
    ),
    DemoCall(
        "POCTEP",
        "third-call-rural-depopulation",
        "Third call – Fighting depopulation along the Spain–Portugal border",  # noqa: RUF001
        "Projects that keep the border's rural areas alive: services for residents, new "
        "businesses in small towns and digital connections.",
        "- Priority 4: A more social border\n- Priority 5: Integrated territorial development",
        -90,
        -40,
        ["urban-rural", "digital", "social-inclusion"],
        35_000_000,
        75,
        [PUBLIC, SME, NGO, EGTC],
        ["ES", "PT"],
        "",
        "Europe/Madrid",
    ),
    DemoCall(
        "CZ-PL",
        "call-tourism-heritage",
        "Call for proposals – Priority 4: Sustainable tourism and heritage in the Czech–Polish "  # noqa: RUF001
        "borderland",
        "Joint products of sustainable tourism and the protection of the borderland's cultural "
        "and natural heritage, from the Krkonoše to the Beskids.",
        "- Specific objective 4.6: culture and sustainable tourism",
        14,
        100,
        ["culture-tourism", "heritage"],
        15_000_000,
        85,
        [PUBLIC, NGO, INTEREST],
        ["CZ", "PL"],
        "",
        "Europe/Prague",
    ),
    DemoCall(
        "SK-AT",
        "call-energy-communities",
        "Second call – Energy communities between Bratislava and Vienna",  # noqa: RUF001
        "Pilots of renewable energy communities and energy efficiency in public buildings of "
        "the Slovak–Austrian border region.",  # noqa: RUF001
        "- Specific objective 2.1: energy efficiency\n- Specific objective 2.2: renewable energy",
        -15,
        3,
        ["energy", "climate"],
        5_500_000,
        80,
        [PUBLIC, SME, UNI],
        ["SK", "AT"],
        "SK010 SK021 AT112 AT126 AT127",
        "Europe/Vienna",
    ),
    DemoCall(
        "PEACEPLUS",
        "call-shared-spaces",
        "PEACEPLUS – Investment area 2: Reimaging communities, shared spaces",  # noqa: RUF001
        "Capital projects that create shared spaces and services where people from all "
        "communities of Northern Ireland and the border counties of Ireland meet.",
        "- Reimaging communities\n- Shared spaces and services",
        -120,
        -70,
        ["people-to-people", "social-inclusion"],
        40_000_000,
        100,
        [PUBLIC, NGO],
        ["IE", "GB"],
        "",
        "Europe/Dublin",
        time(12, 0),
    ),
    DemoCall(
        "DE-NL",
        "call-circular-economy-border",
        "Call – Circular economy: SMEs on both sides of the German–Dutch border",  # noqa: RUF001
        "Cross-border innovation projects that keep materials in use: remanufacturing, "
        "bio-based materials and shared logistics for SMEs.",
        "- Priority 1: An innovative programme area\n- Priority 2: A greener programme area",
        -5,
        12,
        ["circular-economy", "sme"],
        7_000_000,
        50,
        [SME, UNI, INTEREST],
        ["DE", "NL"],
        "",
        "Europe/Amsterdam",
    ),
    DemoCall(
        "HU-RS",
        "call-water-management-tisza",
        "Second call for proposals – Water management along the Tisza",  # noqa: RUF001
        "Joint flood protection, drought management and water quality monitoring on the "
        "Hungarian–Serbian stretch of the Tisza and its canals.",  # noqa: RUF001
        "- Specific objective 2.4: climate change adaptation and risk prevention",
        45,
        150,
        ["water", "risk-prevention"],
        6_800_000,
        85,
        [PUBLIC, UNI, NGO],
        ["HU", "RS"],
        "HU333 RS121 RS122",
        "Europe/Budapest",
    ),
    # Transnational (B) -------------------------------------------------------------------------
    DemoCall(
        "ALPINE-SPACE",
        "fourth-call-carbon-neutral-alps",
        "Fourth call for proposals – Carbon neutral and resource sensitive Alpine region",  # noqa: RUF001
        "Classic projects that reduce greenhouse gas emissions and use resources wisely across "
        "the Alps: mobility, energy and circular economy.",
        "- Priority 2: Carbon neutral and resource sensitive Alpine region\n"
        "- Specific objectives 2.1, 2.2 and 2.6",
        -25,
        50,
        ["climate", "energy", "circular-economy"],
        18_000_000,
        75,
        [PUBLIC, UNI, SME, NGO, INTEREST],
        ["AT", "FR", "DE", "IT", "LI", "SI", "CH"],
        "",
        "Europe/Vienna",
        time(13, 0),
    ),
    DemoCall(
        "CENTRAL-EUROPE",
        "third-call-healthy-regions",
        "Third call – Priority 3: Greener, healthier and more resilient central European regions",  # noqa: RUF001
        "Transnational projects that make public health and care systems in central Europe more "
        "resilient, and prepare them for ageing populations.",
        "- Specific objective 4.5: accessible and resilient health care\n"
        "- Specific objective 4.6: culture and tourism for regional development",
        -30,
        25,
        ["health", "social-inclusion"],
        20_000_000,
        80,
        [PUBLIC, UNI, NGO, SME],
        [],
        "",
        "Europe/Vienna",
    ),
    DemoCall(
        "DANUBE",
        "third-call-green-danube",
        "Third call for proposals – A greener, low-carbon Danube region",  # noqa: RUF001
        "Projects on water management, biodiversity and renewable energy in the fourteen "
        "countries of the Danube basin.",
        "- Priority 2: A greener, low-carbon Danube region",
        -100,
        -50,
        ["water", "biodiversity", "energy"],
        45_000_000,
        80,
        [PUBLIC, UNI, NGO],
        [],
        "",
        "Europe/Budapest",
    ),
    DemoCall(
        "NORTH-SEA",
        "call-blue-economy-ports",
        "Call for proposals – Priority 2: A green and blue North Sea",  # noqa: RUF001
        "Ports, research institutes and authorities cooperating on clean shipping, offshore "
        "energy and the recovery of the North Sea's ecosystems.",
        "- Specific objective 2.7: nature protection and biodiversity\n"
        "- Specific objective 3.1: climate-neutral transport",
        60,
        180,
        ["maritime", "transport", "climate"],
        30_000_000,
        60,
        [PUBLIC, UNI, SME],
        [],
        "",
        "Europe/Copenhagen",
    ),
    DemoCall(
        "BSR",
        "small-projects-water-smart",
        "Small projects call – Water-smart societies around the Baltic Sea",  # noqa: RUF001
        "Seed projects of up to EUR 500 000 that test joint solutions against nutrient "
        "pollution and for the reuse of water.",
        "- Priority 2: Water-smart societies",
        -8,
        9,
        ["water", "maritime"],
        5_000_000,
        80,
        [PUBLIC, UNI, NGO],
        [],
        "",
        "Europe/Riga",
    ),
    DemoCall(
        "ATLANTIC-AREA",
        "third-call-blue-growth",
        "Third call – Blue growth in the Atlantic Area",  # noqa: RUF001
        "Projects for a competitive and sustainable blue economy along the Atlantic coasts of "
        "France, Ireland, Portugal and Spain.",
        "- Priority 1: Blue economy\n- Priority 2: Environment and climate resilience",
        -75,
        -30,
        ["maritime", "agriculture-fisheries"],
        25_000_000,
        75,
        [PUBLIC, UNI, SME],
        [],
        "",
        "Europe/Lisbon",
    ),
    DemoCall(
        "NWE",
        "call-just-transition",
        "Call for proposals – Priority 5: A just and inclusive North-West Europe",  # noqa: RUF001
        "Projects that open education, training and jobs to people at risk of exclusion in "
        "the regions of North-West Europe.",
        "- Specific objective 4.1: labour market\n- Specific objective 4.3: social inclusion",
        90,
        210,
        ["social-inclusion", "labour-market", "education"],
        28_000_000,
        60,
        [PUBLIC, NGO, UNI],
        [],
        "",
        "Europe/Paris",
    ),
    # Interregional (C) -------------------------------------------------------------------------
    DemoCall(
        "INTERREG-EUROPE",
        "fifth-call-policy-learning",
        "Fifth call for project proposals – Better regional policies",  # noqa: RUF001
        "Interregional cooperation projects in which public authorities learn from each other's "
        "practice and improve their regional development policies.",
        "- Smarter Europe\n- Greener Europe\n- More social Europe\n- Better governance",
        -40,
        35,
        ["governance", "research-innovation", "climate"],
        60_000_000,
        80,
        [PUBLIC, UNI, INTEREST],
        [],
        "",
    ),
    DemoCall(
        "URBACT",
        "call-action-planning-networks",
        "Call for Action Planning Networks",
        "Networks of eight to ten cities that plan integrated actions for sustainable urban "
        "development together, with the support of URBACT experts.",
        "- Integrated action plans on a shared urban challenge\n"
        "- Urban Local Groups with residents and local stakeholders",
        -110,
        -80,
        ["urban-rural", "governance"],
        8_000_000,
        80,
        [PUBLIC],
        [],
        "",
        "Europe/Paris",
    ),
    DemoCall(
        "ESPON",
        "targeted-analysis-2026",
        "Targeted analysis 2026 – Evidence for territorial policies",  # noqa: RUF001
        "Stakeholders propose a territorial question of their own; ESPON funds the research "
        "that answers it with European data.",
        "- Territorial evidence for policy making",
        20,
        80,
        ["governance", "research-innovation"],
        2_500_000,
        100,
        [PUBLIC, UNI],
        [],
        "",
        "Europe/Luxembourg",
    ),
    # Outermost regions (D) ---------------------------------------------------------------------
    DemoCall(
        "MAC",
        "second-call-climate-islands",
        "Second call – Climate resilience of the Atlantic islands",  # noqa: RUF001
        "Projects of Madeira, the Azores, the Canary Islands and neighbouring West African "
        "countries against coastal erosion, drought and extreme weather.",
        "- Priority 2: A greener MAC region",
        -12,
        28,
        ["climate", "risk-prevention", "water"],
        14_000_000,
        85,
        [PUBLIC, UNI, NGO],
        ["PT", "ES", "CV", "SN"],
        "",
        "Atlantic/Canary",
    ),
    DemoCall(
        "CARIBBEAN",
        "call-sargassum-health",
        "Call for proposals – Health and sargassum seaweed in the Caribbean",  # noqa: RUF001
        "Joint research and response to the health effects of sargassum seaweed strandings in "
        "the French outermost regions and their Caribbean neighbours.",
        "- Priority 3: Health\n- Priority 2: Environment and risks",
        -18,
        13,
        ["health", "maritime", "risk-prevention"],
        3_200_000,
        85,
        [PUBLIC, UNI],
        [],
        "",
        "America/Guadeloupe",
    ),
    DemoCall(
        "INDIAN-OCEAN",
        "call-food-security",
        "Call for proposals – Food security in the Indian Ocean",  # noqa: RUF001
        "Cooperation between Réunion, Mayotte and the Indian Ocean countries on local food "
        "production, fisheries and plant health.",
        "- Priority 1: Food security and agriculture",
        40,
        130,
        ["agriculture-fisheries"],
        7_500_000,
        85,
        [PUBLIC, UNI, SME, NGO],
        [],
        "",
        "Indian/Reunion",
    ),
]


def _moment(days: int, at: time, zone: str):
    today = timezone.localdate(timezone=zone_or_utc(zone))
    return timezone.make_aware(
        datetime.combine(today + timedelta(days=days), at), zone_or_utc(zone)
    )


def _values(demo: DemoCall, programme: Programme) -> dict:
    host = (programme.website or "https://interreg.eu").split("://", 1)[-1].split("/")[0]
    host = host.removeprefix("www.")
    return {
        "title": demo.title,
        "summary": demo.summary,
        "priorities": priorities_html(demo.priorities),
        # Calls open in the morning and close at the programme's usual hour.
        "opens_at": _moment(demo.opens, time(9, 0), demo.zone),
        "closes_at": _moment(demo.closes, demo.deadline, demo.zone),
        "time_zone": demo.zone,
        "budget": Decimal(demo.budget) if demo.budget is not None else None,
        "max_cofinancing_rate": Decimal(demo.rate) if demo.rate is not None else None,
        "eligible_countries": demo.countries,
        "eligible_regions": demo.regions,
        "applicant_types": ",".join(demo.applicants),
        "application_url": demo.system.format(host=host),
        "how_to_apply": (
            "Read the terms of reference and the programme manual, then register in the "
            "programme's Jems and submit the application form with its annexes before the "
            "deadline. The joint secretariat answers questions until a week before it."
        ),
        "contact_name": "Joint secretariat",
        "contact_email": f"calls@{host}",
        "contact_phone": programme.contact_phone,
    }


@transaction.atomic
def seed_calls() -> int:
    """Create or refresh the demo calls; return how many were created."""
    programmes = {programme.acronym: programme for programme in Programme.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    created = 0
    for demo in CALLS:
        programme = programmes.get(demo.programme)
        if programme is None:
            continue
        call, was_created = Call.objects.update_or_create(
            programme=programme, slug=demo.slug, defaults=_values(demo, programme)
        )
        call.themes.set([themes[slug] for slug in demo.themes if slug in themes])
        created += was_created
    transaction.on_commit(content_changed)
    return created
