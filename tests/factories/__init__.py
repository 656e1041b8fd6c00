from .pages import StandardPageFactory
from .users import (
    DEFAULT_PASSWORD,
    TEST_TOTP_SECRET,
    AffiliationFactory,
    ProgrammeFactory,
    UserFactory,
    totp_code,
)

__all__ = [
    "DEFAULT_PASSWORD",
    "TEST_TOTP_SECRET",
    "AffiliationFactory",
    "ProgrammeFactory",
    "StandardPageFactory",
    "UserFactory",
    "totp_code",
]
