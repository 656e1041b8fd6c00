"""Twelve vacancies as programme bodies advertise them: open ones closing over the coming
weeks and a few whose applications have closed. Dates are relative to today; running it again
adds only what is missing."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from hub.models import Theme
from portal.accounts.models import Programme

from .models import Vacancy
from .services import description_html

C = Vacancy.ContractType
W = Vacancy.Workplace

# (days from today it closes, days ago it was published, closing time, values)
VACANCIES = [
    (
        24,
        6,
        "12:00",
        {
            "programme": "ALCOTRA",
            "employer_name": "Région Auvergne-Rhône-Alpes, autorité de gestion",
            "title": "Project officer in the joint secretariat",
            "town": "Lyon",
            "country": "FR",
            "workplace": W.HYBRID,
            "contract_type": C.FIXED_TERM,
            "contract_duration": "36 months, renewable",
            "salary_min": "2900",
            "salary_max": "3400",
            "salary_period": "month",
            "salary_note": "Gross, category A of the French civil service",
            "time_zone": "Europe/Paris",
            "apply_email": "recrutement.alcotra@example.org",
            "how_to_apply": "Send a CV and a cover letter in French and Italian, quoting "
            "“JS-PO-2027”. Interviews take place in Lyon or online.",
            "themes": ["governance"],
            "description": (
                "The joint secretariat of Interreg VI-A France-Italy (ALCOTRA) accompanies "
                "project partners on both sides of the Alps, from the first idea to the "
                "final report.\n\n"
                "As project officer you follow a portfolio of about twenty projects: you "
                "advise applicants, assess applications against the programme's criteria, "
                "check progress reports in Jems and prepare the monitoring committee's "
                "decisions.\n\n"
                "You have a university degree, three years' experience with EU-funded "
                "projects, and work fluently in French and Italian."
            ),
        },
    ),
    (
        17,
        9,
        "23:59",
        {
            "programme": "INTERACT",
            "employer_name": "Interact Office Vienna",
            "employer_url": "https://www.interact.eu",
            "title": "Communication officer",
            "town": "Vienna",
            "country": "AT",
            "workplace": W.HYBRID,
            "contract_type": C.FIXED_TERM,
            "contract_duration": "Until 31 December 2029",
            "salary_min": "52000",
            "salary_max": "58000",
            "salary_period": "year",
            "salary_note": "Gross, paid 14 times a year",
            "time_zone": "Europe/Vienna",
            "apply_url": "https://www.interact.eu/vacancies",
            "how_to_apply": "Apply online with a CV in the Europass format and a motivation "
            "letter of no more than two pages.",
            "themes": ["governance"],
            "description": (
                "Interact supports the Interreg programmes with training, tools and "
                "networks. Our communication team tells the story of Interreg to the public "
                "and helps programmes communicate their results.\n\n"
                "You plan and run campaigns such as Cooperation Day, write for the web and "
                "social media, coach programme communicators and measure what works.\n\n"
                "You write excellent English, know the Interreg brand, and enjoy working "
                "with colleagues in thirty countries."
            ),
        },
    ),
    (
        38,
        2,
        "17:00",
        {
            "programme": "INTERACT",
            "employer_name": "Interact Office Turku",
            "employer_url": "https://www.interact.eu",
            "title": "Financial management adviser",
            "town": "Turku",
            "country": "FI",
            "workplace": W.ON_SITE,
            "contract_type": C.PERMANENT,
            "salary_min": "4200",
            "salary_max": "4900",
            "salary_period": "month",
            "time_zone": "Europe/Helsinki",
            "apply_url": "https://www.interact.eu/vacancies",
            "themes": ["governance"],
            "description": (
                "Programmes count on Interact for answers on eligibility of expenditure, "
                "simplified cost options and audit.\n\n"
                "You draft guidance, run the finance network's meetings and answer "
                "programmes' questions on the Interreg regulation.\n\n"
                "You have at least five years' experience in the financial management or "
                "control of ERDF programmes."
            ),
        },
    ),
    (
        10,
        12,
        "12:00",
        {
            "programme": "CENTRAL-EUROPE",
            "employer_name": "City of Vienna, managing authority of Interreg Central Europe",
            "title": "Financial controller (first level control)",
            "town": "Vienna",
            "country": "AT",
            "workplace": W.HYBRID,
            "contract_type": C.FIXED_TERM,
            "contract_duration": "24 months",
            "hours": "part_time",
            "hours_per_week": "30",
            "salary_min": "3100",
            "salary_period": "month",
            "salary_note": "Gross for 30 hours a week, paid 14 times a year",
            "time_zone": "Europe/Vienna",
            "apply_email": "jobs.centraleurope@example.org",
            "themes": ["governance"],
            "description": (
                "You verify the expenditure Austrian project partners declare: you check "
                "invoices, procurement and staff costs, and issue the control certificates "
                "in Jems.\n\n"
                "A degree in economics, law or business and experience of auditing public "
                "funds are required. German is essential, English very good."
            ),
        },
    ),
    (
        31,
        4,
        "23:59",
        {
            "programme": "BSR",
            "employer_name": "Investitionsbank Schleswig-Holstein, joint secretariat",
            "title": "Trainee in the joint secretariat",
            "town": "Rostock",
            "country": "DE",
            "workplace": W.ON_SITE,
            "contract_type": C.TRAINEESHIP,
            "contract_duration": "6 months from 1 September",
            "salary_min": "1400",
            "salary_max": "1400",
            "salary_period": "month",
            "time_zone": "Europe/Berlin",
            "apply_email": "traineeship@example.org",
            "how_to_apply": "A CV and a one-page letter telling us what you would like to "
            "learn. Recent graduates are welcome.",
            "themes": ["climate"],
            "description": (
                "Spend six months inside a transnational programme: you help the "
                "secretariat prepare the next call, write project stories for the website "
                "and take part in the monitoring committee's meeting.\n\n"
                "You studied European studies, political science, geography or a related "
                "subject and speak English fluently."
            ),
        },
    ),
    (
        45,
        1,
        "12:00",
        {
            "programme": "ITA-SLO",
            "employer_name": "Regione Autonoma Friuli Venezia Giulia",
            "title": "Communication officer for the Italy-Slovenia programme",
            "town": "Trieste",
            "country": "IT",
            "workplace": W.HYBRID,
            "contract_type": C.FIXED_TERM,
            "contract_duration": "30 months",
            "time_zone": "Europe/Rome",
            "apply_url": "https://www.ita-slo.eu/en/vacancies",
            "themes": ["culture-tourism"],
            "description": (
                "You run the programme's website and social media in Italian, Slovenian "
                "and English, organise the annual event and help projects tell their "
                "results to the public.\n\n"
                "Knowledge of Slovenian and Italian at C1 level is required."
            ),
        },
    ),
    (
        21,
        3,
        "23:59",
        {
            "programme": "NORTH-SEA",
            "title": "Monitoring and evaluation specialist",
            "workplace": W.REMOTE,
            "remote_countries": ["DK", "SE", "NO", "DE", "NL", "BE"],
            "contract_type": C.FREELANCE,
            "contract_duration": "40 working days over 12 months",
            "salary_min": "550",
            "salary_max": "650",
            "salary_period": "hour",
            "salary_note": "Daily rate, see the terms of reference",
            "time_zone": "Europe/Copenhagen",
            "apply_url": "https://www.interregnorthsea.eu/procurement",
            "themes": ["climate"],
            "description": (
                "The programme seeks an expert to design its impact evaluation: result "
                "indicators, a survey of project partners and a short report for the "
                "monitoring committee.\n\n"
                "You live in a country of the programme area and have evaluated at least "
                "two EU programmes."
            ),
        },
    ),
    (
        14,
        8,
        "12:00",
        {
            "programme": "POCTEP",
            "employer_name": "Comisión de Coordinación y Desarrollo Regional del Norte",
            "title": "National contact point officer",
            "town": "Porto",
            "country": "PT",
            "workplace": W.ON_SITE,
            "contract_type": C.SECONDMENT,
            "contract_duration": "Secondment from a public administration, 24 months",
            "time_zone": "Europe/Lisbon",
            "apply_email": "poctep.ncp@example.org",
            "themes": ["governance"],
            "description": (
                "You are the first contact for Portuguese applicants: you run information "
                "days, check partnership documents and help projects with their first "
                "claims.\n\n"
                "Open to civil servants of the Portuguese public administration."
            ),
        },
    ),
    (
        -3,
        30,
        "12:00",
        {
            "programme": "DANUBE",
            "employer_name": "Ministry of Finance of Hungary, joint secretariat",
            "title": "Programme manager for the Danube Region",
            "town": "Budapest",
            "country": "HU",
            "workplace": W.HYBRID,
            "contract_type": C.FIXED_TERM,
            "contract_duration": "Until the end of 2029",
            "time_zone": "Europe/Budapest",
            "apply_email": "danube.js@example.org",
            "themes": ["climate"],
            "description": (
                "You coordinate the assessment of the programme's third call and follow "
                "projects in the priority on a greener, low-carbon Danube region."
            ),
        },
    ),
    (
        -12,
        45,
        "23:59",
        {
            "programme": "GREATER-REGION",
            "employer_name": "Région Grand Est",
            "title": "Project assistant (part time)",
            "town": "Metz",
            "country": "FR",
            "workplace": W.ON_SITE,
            "contract_type": C.FIXED_TERM,
            "hours": "part_time",
            "hours_per_week": "20",
            "time_zone": "Europe/Paris",
            "apply_email": "gr.recrutement@example.org",
            "themes": ["labour-market"],
            "description": (
                "You support the secretariat with the organisation of monitoring "
                "committees and keep the programme's records up to date. French and German "
                "are both needed."
            ),
        },
    ),
    (
        -1,
        20,
        "17:00",
        {
            "programme": "INTERACT",
            "employer_name": "Interact Office Valencia",
            "employer_url": "https://www.interact.eu",
            "title": "IT developer for Jems",
            "town": "Valencia",
            "country": "ES",
            "workplace": W.HYBRID,
            "contract_type": C.FIXED_TERM,
            "contract_duration": "24 months",
            "time_zone": "Europe/Madrid",
            "apply_url": "https://www.interact.eu/vacancies",
            "themes": ["digital"],
            "description": (
                "You develop Jems, the monitoring system used by most Interreg programmes: "
                "Kotlin and Spring on the server, Angular in the browser."
            ),
        },
    ),
    (
        60,
        0,
        "12:00",
        {
            "employer_name": "European Association of Border Regions (AEBR)",
            "employer_url": "https://www.aebr.eu",
            "title": "Policy officer for cross-border cooperation",
            "town": "Berlin",
            "country": "DE",
            "workplace": W.HYBRID,
            "contract_type": C.PERMANENT,
            "salary_min": "48000",
            "salary_max": "56000",
            "salary_period": "year",
            "time_zone": "Europe/Berlin",
            "apply_email": "info@example.org",
            "themes": ["governance"],
            "description": (
                "You follow the post-2027 debate on cohesion policy for the border regions, "
                "draft position papers and prepare the association's contributions to the "
                "European Commission's consultations."
            ),
        },
    ),
]


def _closing(days: int, at: str, zone_name: str) -> datetime:
    zone = Vacancy(time_zone=zone_name).zone
    day = timezone.localdate() + timedelta(days=days)
    hour, minute = (int(part) for part in at.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), zone)


@transaction.atomic
def seed_vacancies() -> int:
    """Add the demo's vacancies that are missing; the number added."""
    programmes = {programme.acronym: programme for programme in Programme.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    added = 0
    for closes_in, published_ago, at, spec in VACANCIES:
        values = dict(spec)
        acronym = values.pop("programme", None)
        theme_slugs = values.pop("themes", [])
        programme = programmes.get(acronym) if acronym else None
        if acronym and programme is None:
            continue
        if Vacancy.objects.filter(title=values["title"], programme=programme).exists():
            continue
        for name in ("salary_min", "salary_max", "hours_per_week"):
            if name in values:
                values[name] = Decimal(values[name])
        vacancy = Vacancy(
            programme=programme,
            slug=Vacancy.make_slug(values["title"]),
            closes_at=_closing(closes_in, at, values["time_zone"]),
            published_at=timezone.now() - timedelta(days=published_ago, hours=3),
            **values,
        )
        vacancy.description = description_html(vacancy.description)
        vacancy.full_clean()
        vacancy.save()
        vacancy.themes.set([themes[slug] for slug in theme_slugs if slug in themes])
        added += 1
    return added
