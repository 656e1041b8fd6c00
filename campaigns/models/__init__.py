from .cooperation_day import (
    CampaignModerator,
    CooperationDayEditionPage,
    Event,
    EventAttendee,
    EventPhoto,
    EventTag,
    EventTransition,
    ProgrammeParticipation,
)
from .landing import CooperationDayLandingPage, SlamLandingPage

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
    "SlamLandingPage",
]
