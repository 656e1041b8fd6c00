from .events import (
    CampaignModerator,
    Event,
    EventAttendee,
    EventPhoto,
    EventTag,
    EventTransition,
    ProgrammeParticipation,
    SignUpEmail,
)
from .pages import CooperationDayEditionPage, CooperationDayLandingPage

__all__ = [
    "CampaignModerator",
    "CooperationDayEditionPage",
    "CooperationDayLandingPage",
    "Event",
    "EventAttendee",
    "EventPhoto",
    "EventTag",
    "EventTransition",
    "ProgrammeParticipation",
    "SignUpEmail",
]
