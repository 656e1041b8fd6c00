import pytest

from tests.factories import UserFactory
from tests.factories.hub import PartnerFactory, ProjectFactory, ThemeFactory
from tests.factories.news import make_news_index
from tests.factories.users import AffiliationFactory, ProgrammeFactory


@pytest.fixture
def news_index(home):
    return make_news_index(home)


@pytest.fixture
def programme_a(db):
    return ProgrammeFactory(name="Interreg Italy-Slovenia", acronym="ITA-SLO", slug="ita-slo")


@pytest.fixture
def programme_b(db):
    return ProgrammeFactory(name="Interreg Alcotra", acronym="ALCOTRA", slug="alcotra")


def _staff(programme, function):
    return AffiliationFactory(programme=programme, function=function, status="approved").user


@pytest.fixture
def secretariat_a(programme_a):
    """A member of programme A's joint secretariat."""
    return _staff(programme_a, "joint_secretariat")


@pytest.fixture
def communication_officer_a(programme_a):
    return _staff(programme_a, "communication_officer")


@pytest.fixture
def controller_a(programme_a):
    return _staff(programme_a, "controller")


@pytest.fixture
def editor(db):
    return UserFactory(wagtail_admin=True)


@pytest.fixture
def health(db):
    return ThemeFactory(slug="health", name="Health and social care")


@pytest.fixture
def project_a(programme_a):
    project = ProjectFactory(
        keep_id="30401",
        acronym="HEALTHNET",
        name="Emergency care without borders",
        programme=programme_a,
    )
    PartnerFactory(
        project=project,
        organisation="Azienda sanitaria Giuliano Isontina",
        role="lead",
        country="IT",
        town="Trieste",
        latitude="45.64950",
        longitude="13.77680",
    )
    PartnerFactory(
        project=project,
        organisation="Zdravstveni dom Sežana",
        country="SI",
        town="Sežana",
        latitude="45.70920",
        longitude="13.87330",
    )
    return project
