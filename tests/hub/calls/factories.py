"""Calls for proposals as programmes publish them."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from hub.calls.models import Call
from tests.factories.users import ProgrammeFactory


class CallFactory(factory.django.DjangoModelFactory):
    """An open call by default: opened ten days ago, closing in thirty."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Call for proposals {n} – Priority 2: A greener border")  # noqa: RUF001
    slug = factory.Sequence(lambda n: f"call-{n}")
    summary = "Projects that help border regions adapt to climate change."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    time_zone = "Europe/Brussels"
    budget = Decimal("2500000.00")
    max_cofinancing_rate = Decimal("80")
    priorities = "<p>Specific objective 2.4: climate change adaptation.</p>"
    application_url = "https://jems.example.eu/"
    how_to_apply = "Register in Jems and submit the application form."
    contact_name = "Joint secretariat"
    contact_email = "calls@example.eu"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
