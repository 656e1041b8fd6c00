"""Projects, partners and themes of the hub, as keep.eu's export would give them."""

import itertools
from datetime import date
from decimal import Decimal

import factory

from hub.models import Partner, Project, Theme

from .users import ProgrammeFactory

_keep_ids = itertools.count(1)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"Theme {n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    keep_id = factory.LazyFunction(lambda: str(next(_keep_ids) + 20000))
    acronym = factory.Sequence(lambda n: f"PROJ{n}")
    name = factory.Sequence(lambda n: f"Cross-border cooperation project {n}")
    programme = factory.SubFactory(ProgrammeFactory)
    period = "2021-2027"
    call = "First call for proposals"
    start_date = date(2023, 1, 1)
    end_date = date(2025, 12, 31)
    total_budget = Decimal("1500000.00")
    eu_funding = Decimal("1200000.00")
    summary = "Partners on both sides of the border work together."


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.Sequence(lambda n: f"Regional development agency {n}")
    organisation_type = "public_authority"
    role = Partner.Role.PARTNER
    country = "SI"
    nuts_code = "SI041"
    town = "Ljubljana"
    latitude = Decimal("46.05100")
    longitude = Decimal("14.50500")
    position = factory.Sequence(lambda n: n)
