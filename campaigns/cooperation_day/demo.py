"""Demo Cooperation Day: this year's edition with close to two hundred events across Europe and
its outermost regions (cross-border ones included), events at every moderation step, attendees,
and last year's edition with its reports."""

import json
import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from hub import nuts
from hub.models import Project
from portal.accounts.demo import demo_account
from portal.accounts.models import Programme
from portal.core.cache import content_changed
from portal.core.capacity import PlaceStatus
from portal.core.pages import publish_child
from portal.home.demo import demo_person

from .models import (
    CampaignModerator,
    CooperationDayEditionPage,
    CooperationDayLandingPage,
    Event,
    EventAttendee,
    EventTransition,
    ProgrammeParticipation,
)
from .places import PLACES_FILE

T = Event.Type
DEMO_ORGANISERS = [
    ("lena.weber@projects.example.org", "Lena", "Weber", "RiverLink project"),
    ("tomas.novak@projects.example.org", "Tomáš", "Novák", "Border Greenways"),
    ("ines.costa@projects.example.org", "Inês", "Costa", "Atlantic Coasts Together"),
]
MODERATOR = ("marta.silva@campaign.example.org", "Marta", "Silva")
# The zone each demo country's clocks follow (outermost regions keep their own).
ZONES = {
    "PT": "Europe/Lisbon",
    "IE": "Europe/Dublin",
    "GB": "Europe/London",
    "FI": "Europe/Helsinki",
    "EE": "Europe/Tallinn",
    "LV": "Europe/Riga",
    "LT": "Europe/Vilnius",
    "RO": "Europe/Bucharest",
    "BG": "Europe/Sofia",
    "GR": "Europe/Athens",
    "CY": "Asia/Nicosia",
    "UA": "Europe/Kyiv",
    "MD": "Europe/Chisinau",
    "TR": "Europe/Istanbul",
    "GF": "America/Cayenne",
    "RE": "Indian/Reunion",
    "GP": "America/Guadeloupe",
    "MQ": "America/Martinique",
    "YT": "Indian/Mayotte",
}
# Outermost-region programmes hold their events in France's overseas regions.
OVERSEAS = {
    "CARIBBEAN": ("GP", "MQ"),
    "INDIAN-OCEAN": ("RE",),
    "AMAZONIA": ("GF",),
    "MOZAMBIQUE-CHANNEL": ("YT",),
}
# Titles as organisers write them; {place} is the town the event is held in.
TITLES = {
    T.OPEN_DAY: [
        "Open day at the cross-border water lab in {place}",
        "Come and see the new border health centre in {place}",
        "Doors open at the shared fire station in {place}",
        "Visit the restored mill and meet the people who saved it",
        "Open day at the bilingual kindergarten in {place}",
    ],
    T.EXHIBITION: [
        "Fifty years of living on the border: photographs from {place}",
        "Two riverbanks, one river: an exhibition in {place}",
        "Maps that changed: an exhibition about our shared region",
        "Children draw their neighbours: exhibition opening in {place}",
        "Wooden boats of the lagoon, a travelling exhibition",
    ],
    T.WORKSHOP: [
        "Cooking with our neighbours: recipes from both sides",
        "Repair café for bikes and small appliances in {place}",
        "Build a bird box for the wetland's returning species",
        "Job hunting on the other side of the border: a practical workshop",
        "Learn your neighbours' language in one evening",
    ],
    T.GUIDED_TOUR: [
        "Guided walk along the old border path near {place}",
        "Cycling tour of the new cross-border greenway",
        "Guided tour of the renovated fortress in {place}",
        "Bird-watching walk in the shared nature park",
        "Tram ride across the border with the project team",
    ],
    T.FESTIVAL: [
        "Harvest festival on the market square of {place}",
        "Music without borders: an evening of folk songs in {place}",
        "Street theatre festival in two languages",
        "Neighbours' picnic by the river in {place}",
        "Lantern parade over the border bridge",
    ],
    T.SPORT: [
        "Run across the border: 10 km through two countries",
        "Paddling the shared river from {place}",
        "Family bike ride on the cross-border cycle route",
        "Football tournament for youth teams from both sides",
        "Nordic walking in the shared nature park near {place}",
    ],
    T.ONLINE_TALK: [
        "Online talk: how a shared ambulance service saves minutes",
        "Live Q&A: studying and working across the border",
        "Online talk: cleaning the river from source to sea",
        "Webinar: what cooperation changed in our mountain villages",
        "Live chat with the people behind the cross-border night bus",
    ],
    T.OTHER: [
        "Citizens' café in {place}: tell us what the border means to you",
        "Family day at the cross-border nature centre",
        "Storytelling evening with grandparents from both sides",
        "Tree planting along the river in {place}",
        "Coffee and cake with the project partners in {place}",
    ],
}
# Projects as the programmes' project databases name them: (name, acronym).
PROJECTS = [
    ("Rivers without borders", "RIVERLINK"),
    ("Border greenways", "GREENWAYS"),
    ("Shared emergency care", "SHARECARE"),
    ("Twin schools", "TWINSCHOOLS"),
    ("Alpine huts of tomorrow", "ALPHUTS"),
    ("Forest fire watch", "FIREWATCH"),
    ("Heritage trails", "HERITRAIL"),
    ("Wetland birds", "WETBIRDS"),
    ("Night trains for the region", "NIGHTRAIL"),
    ("Bee corridors", "BEEWAY"),
    ("Language cafés", "LINGUA"),
    ("Flood alert network", "FLOODNET"),
    ("Markets on the bridge", "BRIDGEMARKET"),
    ("Cross-border ambulance", "AMBULINK"),
    ("Solar villages", "SOLVILLAGE"),
    ("Clean ports", "CLEANPORTS"),
    ("Mountain rescue together", "RESCUE"),
    ("Coastal dunes alive", "DUNES"),
    ("Local food hubs", "FOODHUBS"),
    ("Castles of the valley", "CASTLENET"),
    ("Pilgrim ways", "PILGRIM"),
    ("Skills exchange", "SKILLX"),
]
# Projects of the demo's keep.eu export (hub/data/demo_keep_projects.csv) that show their
# work on Cooperation Day: the programme whose first published events name them, and the
# project's keep.eu id.
KEEP_PROJECTS = {
    "ALCOTRA": "17663",  # GLACIERS-EAU
    "CZ-PL": "15038",  # KRKONOŠE-KARKONOSZE
    "DE-NL": "26910",  # EMS-DOLLART
    "ITA-SLO": "34797",  # CARSO-KRAS
    "POCTEP": "30435",  # MINHO-VIVO
    "UPPER-RHINE": "23536",  # RHIN-SANTÉ
}
THEMES = [
    "climate",
    "rivers",
    "youth",
    "culture",
    "health",
    "mobility",
    "nature",
    "tourism",
    "innovation",
    "heritage",
    "food",
    "languages",
]
LANGUAGES = {
    "AT": "de",
    "DE": "de",
    "CH": "de",
    "FR": "fr",
    "BE": "fr",
    "LU": "fr",
    "IT": "it",
    "ES": "es",
    "PT": "pt",
    "NL": "nl",
    "DK": "da",
    "SE": "sv",
    "FI": "fi",
    "NO": "en",
    "PL": "pl",
    "CZ": "cs",
    "SK": "sk",
    "SI": "sl",
    "HU": "hu",
    "HR": "hr",
    "RO": "ro",
    "BG": "bg",
    "GR": "el",
    "CY": "el",
    "MT": "mt",
    "IE": "en",
    "GB": "en",
    "EE": "et",
    "LV": "lv",
    "LT": "lt",
}


def _places_by_country() -> dict[str, list]:
    rows = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
    by_country: dict[str, list] = {}
    for name, country, latitude, longitude, _population, *_aliases in rows:
        places = by_country.setdefault(country, [])
        if len(places) < 12:
            places.append((name, latitude, longitude))
    return by_country


def _places_in_areas(programmes) -> dict[int, dict[str, list]]:
    """For each programme with an area (NUTS codes), the larger places inside it by country,
    so its demo events happen where the programme works (Trieste and Nova Gorica for
    Italy-Slovenia, not Catania). Programmes without an area keep their countries' places."""
    rows = json.loads(PLACES_FILE.read_text(encoding="utf-8"))
    wanted = {code for programme in programmes for code in programme.countries_codes}
    located = [
        (country, name, latitude, longitude, nuts.region_at(latitude, longitude))
        for name, country, latitude, longitude, _population, *_aliases in rows
        if country in wanted
    ]
    inside: dict[int, dict[str, list]] = {}
    for programme in programmes:
        area = nuts.area_codes(programme.area_nuts_codes)
        if not area:
            continue
        by_country: dict[str, list] = {}
        for country, name, latitude, longitude, region in located:
            if country not in programme.countries_codes or region is None:
                continue
            if nuts.covers(area, region.code) and len(by_country.get(country, ())) < 12:
                by_country.setdefault(country, []).append((name, latitude, longitude))
        if by_country:
            inside[programme.pk] = by_country
    return inside


def _nearest(places, latitude, longitude):
    return min(places, key=lambda place: (place[1] - latitude) ** 2 + (place[2] - longitude) ** 2)


def _organisers():
    return [demo_person(email, first, last) for email, first, last, _org in DEMO_ORGANISERS]


def _edition(landing, year: int, *, theme: str, intro: str) -> CooperationDayEditionPage:
    existing = CooperationDayEditionPage.objects.filter(year=year).first()
    if existing is not None:
        return existing
    return publish_child(
        landing,
        CooperationDayEditionPage(
            title=f"Cooperation Day {year}",
            slug=str(year),
            year=year,
            theme=theme,
            summary=intro,
            day=date(year, 9, 21),
            kick_off=date(year - 1, 11, 1),
            registration_opens=date(year - 1, 11, 1),
            registration_closes=date(year, 9, 10),
            events_from=date(year, 9, 1),
            events_until=date(year, 10, 31),
            intro=intro,
            body=[
                (
                    "rich_text",
                    "<p>The campaign kit holds the Cooperation Day logo, poster and social "
                    "media templates in every EU language, a checklist for organisers and "
                    "ideas for events that bring neighbours together.</p>",
                ),
            ],
        ),
    )


def _event_values(rng, *, edition, programme, places, overseas=None):
    """Values of one plausible event of `programme`, held in one of its countries (or on both
    sides of one of its borders)."""
    countries = [code for code in programme.countries_codes if code in places]
    if overseas:
        countries = list(overseas)
    home_country = rng.choice(countries)
    name, latitude, longitude = rng.choice(places[home_country])
    event_countries = [home_country]
    second = None
    neighbours = [code for code in countries if code != home_country]
    if programme.strand == Programme.Strand.CROSS_BORDER and neighbours and rng.random() < 0.35:
        other = rng.choice(neighbours)
        second = _nearest(places[other], latitude, longitude)
        event_countries.append(other)
    kind = rng.choice(list(T))
    event_format = (
        Event.Format.ONLINE
        if kind == T.ONLINE_TALK
        else (Event.Format.HYBRID if rng.random() < 0.1 else Event.Format.IN_PERSON)
    )
    project, acronym = rng.choice(PROJECTS)
    zone = ZONES.get(home_country, "Europe/Brussels")
    day = edition.day + timedelta(days=rng.choice([-12, -5, -2, -1, 0, 0, 0, 0, 1, 6, 13]))
    starts = datetime(
        day.year, day.month, day.day, rng.choice([9, 10, 11, 14, 16, 18]), tzinfo=ZoneInfo(zone)
    )
    booking = rng.choice(
        [
            Event.Booking.DROP_IN,
            Event.Booking.SIGN_UP,
            Event.Booking.SIGN_UP,
            Event.Booking.EXTERNAL,
        ]
    )
    jitter = lambda: Decimal(str(round(rng.uniform(-0.03, 0.03), 5)))  # noqa: E731
    values = {
        "title": rng.choice(TITLES[kind]).format(place=name),
        "description": (
            f"<p>The {project} project invites everyone to see what cooperation across "
            f"borders achieves in and around {name}.</p><p>Free of charge; children "
            "welcome.</p>"
        ),
        "organiser_organisation": f"{project} partnership",
        "programme": programme,
        "project_name": project,
        "project_acronym": acronym,
        "project_url": "https://keep.eu/",
        "event_type": kind,
        "format": event_format,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=rng.choice([2, 3, 4, 6])),
        "time_zone": zone,
        "countries": event_countries,
        "languages": sorted({LANGUAGES.get(code, "en") for code in event_countries} | {"en"}),
        "audience": "Families, neighbours and anyone curious",
        "expected_participants": rng.choice([20, 40, 60, 100, 250, 500]),
        "booking": booking,
        "capacity": rng.choice([15, 25, 40]) if booking == Event.Booking.SIGN_UP else None,
        "registration_url": "https://www.example.org/register"
        if booking == Event.Booking.EXTERNAL
        else "",
    }
    if event_format != Event.Format.ONLINE:
        values.update(
            venue=f"{name} town hall" if kind != T.SPORT else f"{name} riverside",
            address=f"Main square, {name}",
            latitude=Decimal(str(latitude)) + jitter(),
            longitude=Decimal(str(longitude)) + jitter(),
        )
        if second is not None:
            values.update(
                second_latitude=Decimal(str(second[1])) + jitter(),
                second_longitude=Decimal(str(second[2])) + jitter(),
            )
    if event_format != Event.Format.IN_PERSON:
        values["online_link"] = "https://meet.example.org/cooperation-day"
    return values


def _create(edition, organiser, values, *, status, themes, now):
    event = Event(edition=edition, organiser=organiser, **values)
    event.status = status
    if status != Event.Status.DRAFT:
        event.submitted_at = now - timedelta(days=20)
    if status == Event.Status.PUBLISHED:
        event.published_at = now - timedelta(days=10)
    event.full_clean(exclude=["organiser", "edition"])
    event.save()
    event.themes.set(themes)
    return event


# Organisers describe their events in their own language; pages mark those texts with it.
# (language, title, description, audience, latitude, longitude, venue, address)
OWN_LANGUAGE_EVENTS = [
    (
        "sl",
        "Dan odprtih vrat ob Soči",
        "<p>Projekt CROSSMOBY vabi vse, da spoznajo, kaj sosedje na obeh straneh meje "
        "dosegamo skupaj: skupni avtobus, kolesarske poti in čistejša reka.</p>"
        "<p>Vstop prost; otroci dobrodošli.</p>",
        "Družine, sosedje in vsi radovedni",
        "45.95604",
        "13.64837",
        "Mestna hiša",
        "Trg Edvarda Kardelja 1, Nova Gorica",
    ),
    (
        "it",
        "Passeggiata tra Gorizia e Nova Gorica",
        "<p>Il progetto CROSSMOBY invita tutti a scoprire che cosa ottiene la cooperazione "
        "oltre il confine, lungo la piazza che oggi unisce le due città.</p>"
        "<p>Partecipazione gratuita; bambini benvenuti.</p>",
        "Famiglie, vicini e curiosi",
        "45.94288",
        "13.62096",
        "Piazza Transalpina",
        "Piazza della Transalpina, Gorizia",
    ),
]


def _events_in_own_languages(edition, organiser, now) -> int:
    """Two events of the Italy-Slovenia programme described in Slovenian and in Italian."""
    programme = Programme.objects.filter(acronym="ITA-SLO").first()
    if programme is None:
        return 0
    created = 0
    for (
        language,
        title,
        description,
        audience,
        latitude,
        longitude,
        venue,
        address,
    ) in OWN_LANGUAGE_EVENTS:
        if edition.events.filter(title=title).exists():
            continue
        zone = "Europe/Ljubljana" if language == "sl" else "Europe/Rome"
        starts = datetime(
            edition.day.year, edition.day.month, edition.day.day, 10, tzinfo=ZoneInfo(zone)
        )
        values = {
            "title": title,
            "description": description,
            "language": language,
            "organiser_organisation": "CROSSMOBY",
            "programme": programme,
            "project_name": "CROSSMOBY",
            "project_acronym": "CROSSMOBY",
            "project_url": "https://keep.eu/",
            "event_type": T.GUIDED_TOUR,
            "format": Event.Format.IN_PERSON,
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=3),
            "time_zone": zone,
            "countries": ["SI", "IT"],
            "languages": ["it", "sl"],
            "audience": audience,
            "expected_participants": 80,
            "booking": Event.Booking.DROP_IN,
            "venue": venue,
            "address": address,
            "latitude": Decimal(latitude),
            "longitude": Decimal(longitude),
        }
        _create(
            edition,
            organiser,
            values,
            status=Event.Status.PUBLISHED,
            themes=["mobility", "languages"],
            now=now,
        )
        created += 1
    return created


def _populate(edition, *, count, rng, past: bool) -> int:
    if edition.events.exists():
        return 0
    places = _places_by_country()
    programmes = list(Programme.objects.order_by("acronym"))
    for programme in programmes:
        programme.countries_codes = [country.code for country in programme.countries]
    in_areas = _places_in_areas(programmes)
    organisers = _organisers()
    now = timezone.now()
    statuses = [Event.Status.PUBLISHED] * count
    if not past:
        statuses += [Event.Status.SUBMITTED] * 6 + [Event.Status.CHANGES_REQUESTED] * 2
        statuses += [Event.Status.REJECTED, Event.Status.DRAFT]
    created = 0
    for number, status in enumerate(statuses):
        programme = programmes[number % len(programmes)]
        values = _event_values(
            rng,
            edition=edition,
            programme=programme,
            places=in_areas.get(programme.pk, places),
            overseas=OVERSEAS.get(programme.acronym),
        )
        # Lena's events go through every moderation step (she is a persona to sign in as).
        published = status == Event.Status.PUBLISHED
        organiser = organisers[number % len(organisers)] if published else organisers[0]
        event = _create(
            edition, organiser, values, status=status, themes=rng.sample(THEMES, 2), now=now
        )
        created += 1
        if status == Event.Status.CHANGES_REQUESTED:
            EventTransition.objects.create(
                event=event,
                from_status=Event.Status.SUBMITTED,
                to_status=status,
                reason=EventTransition.Reason.INCOMPLETE,
                message="Please add how people with reduced mobility reach the venue.",
            )
        elif status == Event.Status.REJECTED:
            EventTransition.objects.create(
                event=event,
                from_status=Event.Status.SUBMITTED,
                to_status=status,
                reason=EventTransition.Reason.COMMERCIAL,
                message="A product launch is not a Cooperation Day event.",
            )
        if status == Event.Status.PUBLISHED and past:
            event.actual_participants = int(event.expected_participants * rng.uniform(0.6, 1.3))
            event.reported_at = now - timedelta(days=30)
            event.save(update_fields=["actual_participants", "reported_at"])
        if status == Event.Status.PUBLISHED and event.booking == Event.Booking.SIGN_UP:
            for seat in range(rng.randint(0, event.capacity + 2)):
                EventAttendee.objects.create(
                    event=event,
                    name=f"Visitor {seat + 1}",
                    email=f"visitor{seat + 1}.{event.public_id.lower()}@visitors.example.org",
                    status=PlaceStatus.CONFIRMED
                    if seat < event.capacity
                    else PlaceStatus.WAITLISTED,
                )
    return created


def _link_keep_projects(edition) -> int:
    """The first published event of each programme in KEEP_PROJECTS names its keep.eu project,
    once the projects are imported (seed_demo imports them before the campaigns); until then
    the events keep the project they name in words."""
    projects = {
        project.keep_id: project
        for project in Project.objects.filter(keep_id__in=KEEP_PROJECTS.values())
    }
    linked = 0
    for acronym, keep_id in KEEP_PROJECTS.items():
        project = projects.get(keep_id)
        event = (
            edition.events.filter(programme__acronym=acronym, status=Event.Status.PUBLISHED)
            .order_by("pk")
            .first()
        )
        if project is None or event is None or event.project_id == project.pk:
            continue
        # The demo's words name the project they made up: name the real one instead.
        for field in ("description", "organiser_organisation"):
            text = getattr(event, field).replace(event.project_name, project.acronym)
            setattr(event, field, text)
        event.project = project
        event.project_name = project.name[:200]
        event.project_acronym = project.acronym[:40]
        event.project_url = ""
        event.save(
            update_fields=[
                "project",
                "project_name",
                "project_acronym",
                "project_url",
                "description",
                "organiser_organisation",
            ]
        )
        linked += 1
    return linked


def _participations(edition, rng) -> None:
    for programme in Programme.objects.order_by("acronym")[:12]:
        ProgrammeParticipation.objects.get_or_create(
            edition=edition,
            programme=programme,
            defaults={
                "contact_name": "Communication officer",
                "contact_email": f"communication@{programme.slug}.example.org",
                "expected_events": rng.randint(2, 15),
                "support_wanted": rng.choice(ProgrammeParticipation.Support.values),
            },
        )


def _moderator() -> None:
    """The campaign team's moderator, who reviews every country's events."""
    moderator = demo_account(*MODERATOR, second_factor=True)
    team = Group.objects.filter(name="Campaign team").first()
    if team is not None:  # the group comes from a migration
        moderator.groups.add(team)
    CampaignModerator.objects.get_or_create(user=moderator)


def campaign_year(today=None) -> int:
    """The edition being prepared: after September, next year's."""
    today = today or timezone.localdate()
    return today.year + 1 if today.month >= 10 else today.year


@transaction.atomic
def seed_cooperation_day(landing: CooperationDayLandingPage) -> int:
    rng = random.Random(21)  # the same demo every time  # noqa: S311
    year = campaign_year()
    past = _edition(
        landing,
        year - 1,
        theme="Neighbours at heart",
        intro="Cooperation Day celebrated the people who make borders places of encounter.",
    )
    current = _edition(
        landing,
        year,
        theme="Bridges, not borders",
        intro=(
            "On and around Cooperation Day, Interreg programmes and projects open their doors: "
            "find an event near you, or register one."
        ),
    )
    created = _populate(past, count=60, rng=rng, past=True)
    created += _populate(current, count=180, rng=rng, past=False)
    created += _events_in_own_languages(current, _organisers()[-1], timezone.now())
    _link_keep_projects(past)
    _link_keep_projects(current)
    _participations(current, rng)
    _moderator()
    transaction.on_commit(content_changed)
    return created


def seed_bulk_events(count: int) -> int:
    """Ensure `count` published events in the current edition (benchmarks)."""
    edition = CooperationDayEditionPage.objects.order_by("-year").first()
    existing = edition.events.filter(status=Event.Status.PUBLISHED).count()
    missing = count - existing
    if missing <= 0:
        return 0
    rng = random.Random(count)  # noqa: S311
    places = _places_by_country()
    programmes = list(Programme.objects.order_by("acronym"))
    for programme in programmes:
        programme.countries_codes = [country.code for country in programme.countries]
    organiser = _organisers()[0]
    now = timezone.now()
    batch = []
    for number in range(missing):
        programme = programmes[number % len(programmes)]
        values = _event_values(
            rng,
            edition=edition,
            programme=programme,
            places=places,
            overseas=OVERSEAS.get(programme.acronym),
        )
        event = Event(
            edition=edition,
            organiser=organiser,
            status=Event.Status.PUBLISHED,
            submitted_at=now,
            published_at=now,
            **values,
        )
        batch.append(event)
    Event.objects.bulk_create(batch, batch_size=1000)
    return missing
