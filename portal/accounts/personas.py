"""The demo's personas: one click on the development sign-in page signs in as each of them.

Only ever on with `DEMO_PERSONAS` *and* `DEBUG` (portal/settings/dev.py); the system check
below refuses the flag without DEBUG, and the sign-in view answers 404 without both. The demo
seeders (`manage.py seed_demo`) put each persona in the state its description promises.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Persona:
    key: str
    email: str
    name: str
    role: str
    try_this: str
    lands_on: str  # where one click takes them: a page that shows the role at work


PERSONAS = (
    Persona(
        "learner",
        "dario.rossi@learners.example.org",
        "Dario Rossi",
        _("Learner"),
        _("Half-way through a course, with a certificate already earned."),
        "/academy/my-learning/",
    ),
    Persona(
        "communication-officer",
        "jonas.lindqvist@community.example.org",
        "Jonas Lindqvist",
        _("Communication officer"),
        _("Brand files, the logo generator and the communicators' space."),
        "/accounts/affiliations/",
    ),
    Persona(
        "organiser",
        "lena.weber@projects.example.org",
        "Lena Weber",
        _("Event organiser"),
        _("Cooperation Day events in every moderation state, one to fix."),
        "/cooperation-day/my-events/",
    ),
    Persona(
        "campaign-moderator",
        "marta.silva@campaign.example.org",
        "Marta Silva",
        _("Campaign moderator"),
        _("Cooperation Day events waiting in the moderation queue."),
        "/admin/cooperation-day/queue/",
    ),
    Persona(
        "jury-chair",
        "margit.kovacs@slam.example.org",
        "Margit Kovács",
        _("Slam jury chair"),
        _("The jury's progress: the reviews in for each application, the ranking, the shortlist."),
        "/slam/jury/ranking/",
    ),
    Persona(
        "juror",
        "sean.murphy@slam.example.org",
        "Seán Murphy",
        _("Slam juror"),
        _("Applications assigned to them still to review, and the ones already scored."),
        "/slam/jury/",
    ),
    Persona(
        "finance-officer",
        "elena.rossi@community.example.org",
        "Elena Rossi",
        _("Finance officer"),
        _("The finance staff's closed community space."),
        "/accounts/affiliations/",
    ),
    Persona(
        "controller",
        "pieter.devries@community.example.org",
        "Pieter de Vries",
        _("Controller"),
        _("Programme staff kept out of the finance staff's space."),
        "/accounts/affiliations/",
    ),
    Persona(
        "programme-admin",
        "sofia.marin@programmes.example.org",
        "Sofía Marín",
        _("Programme admin"),
        _("Affiliation requests waiting for a decision."),
        "/programmes/alcotra/requests/",
    ),
    Persona(
        "brand-manager",
        "noor.haddad@brand.example.org",
        "Noor Haddad",
        _("Brand manager"),
        _("The brand book's pages and the download statistics."),
        "/admin/brand/statistics/",
    ),
)
PERSONAS_BY_KEY = {persona.key: persona for persona in PERSONAS}


def personas_enabled() -> bool:
    """Development only: the explicit flag, and DEBUG, both on."""
    return bool(getattr(settings, "DEMO_PERSONAS", False) and settings.DEBUG)


@checks.register(checks.Tags.security, deploy=False)
def check_demo_personas_need_debug(app_configs, **kwargs):
    if getattr(settings, "DEMO_PERSONAS", False) and not settings.DEBUG:
        return [
            checks.Error(
                "DEMO_PERSONAS signs anyone in as a demo account without a password.",
                hint="Turn it on in portal/settings/dev.py only; never with DEBUG off.",
                id="accounts.E001",
            )
        ]
    return []
