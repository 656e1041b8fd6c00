import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission

from portal.accounts.models import User

DEFAULT_PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up user whose e-mail address is verified, unless `verified=False`."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Member{n}")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            verified = True if extracted is None else extracted
            EmailAddress.objects.create(
                user=self, email=self.email, verified=verified, primary=True
            )

    @factory.post_generation
    def wagtail_admin(self, create, extracted, **kwargs):
        """`wagtail_admin=True`: an editor who may open the Wagtail admin."""
        if create and extracted:
            group, _ = Group.objects.get_or_create(name="Editors")
            group.permissions.add(Permission.objects.get(codename="access_admin"))
            self.groups.add(group)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Programme"

    name = factory.Sequence(lambda n: f"Interreg Test Programme {n}")
    acronym = factory.Sequence(lambda n: f"TP{n}")
    slug = factory.Sequence(lambda n: f"tp{n}")
    strand = "A"
    countries = ["FR", "DE"]
    description = "A programme created for the tests."


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "accounts.Affiliation"

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    function = "joint_secretariat"
    status = "approved"
