from .pages import StandardPageFactory
from .users import DEFAULT_PASSWORD, UserFactory

__all__ = ["DEFAULT_PASSWORD", "StandardPageFactory", "UserFactory"]
