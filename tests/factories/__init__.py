from .pages import StandardPageFactory
from .users import DEFAULT_PASSWORD, AffiliationFactory, ProgrammeFactory, UserFactory

__all__ = [
    "DEFAULT_PASSWORD",
    "AffiliationFactory",
    "ProgrammeFactory",
    "StandardPageFactory",
    "UserFactory",
]
