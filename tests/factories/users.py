import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.models import Group, Permission

from portal.accounts.models import User

DEFAULT_PASSWORD = "correct horse battery staple"
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TEST_TOTP_SECRET) -> str:
    """The current code of an authenticator app holding `secret`."""

    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))


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
    def totp_secret(self, create, extracted, **kwargs):
        """Staff sign in with a second factor: they get a TOTP authenticator unless `=""`."""
        needs_mfa = self.is_staff or self.is_superuser
        secret = extracted if extracted is not None else (TEST_TOTP_SECRET if needs_mfa else "")
        if create and secret:
            TOTP.activate(self, secret)

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
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    function = "joint_secretariat"
    status = "approved"

    @factory.post_generation
    def admin_has_mfa(self, create, extracted, **kwargs):
        # Programme admins must have a second factor (RequireMFAMiddleware).
        has_totp = Authenticator.objects.filter(user=self.user, type="totp").exists()
        if create and self.is_programme_admin and not has_totp:
            TOTP.activate(self.user, TEST_TOTP_SECRET)
