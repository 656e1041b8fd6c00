"""Demo accounts for the personas (portal/accounts/personas.py): what every app's demo needs to
make someone ready to be signed in as, and the programme admin with requests waiting."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Affiliation, Programme
from .personas import PERSONAS

ADMINISTERED_PROGRAMME = "ALCOTRA"
PROGRAMME_ADMIN = ("sofia.marin@programmes.example.org", "Sofía", "Marín")
# People asking ALCOTRA to recognise them, waiting for the programme admin's decision.
AFFILIATION_REQUESTS = [
    ("giulia.ferrero@programmes.example.org", "Giulia", "Ferrero", "joint_secretariat"),
    ("mathieu.blanc@programmes.example.org", "Mathieu", "Blanc", "national_contact_point"),
    ("chiara.bruno@programmes.example.org", "Chiara", "Bruno", "controller"),
]


def demo_account(email: str, first_name: str, last_name: str, *, second_factor: bool = False):
    """A demo person with a confirmed address and, for roles that must have one, a second
    factor whose secret nobody knows: the development sign-in page signs them in without it,
    and no password exists to use it with."""
    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": first_name, "last_name": last_name}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    if (
        second_factor
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, generate_totp_secret())
    return user


@transaction.atomic
def seed_programme_admin() -> None:
    programme = Programme.objects.filter(acronym=ADMINISTERED_PROGRAMME).first()
    if programme is None:
        return
    email, first, last = PROGRAMME_ADMIN
    admin = demo_account(email, first, last, second_factor=True)
    Affiliation.objects.get_or_create(
        user=admin,
        programme=programme,
        function=Affiliation.Function.MANAGING_AUTHORITY,
        defaults={"status": Affiliation.Status.APPROVED, "is_programme_admin": True},
    )
    for email, first, last, function in AFFILIATION_REQUESTS:
        Affiliation.objects.get_or_create(
            user=demo_account(email, first, last),
            programme=programme,
            function=function,
            defaults={"status": Affiliation.Status.PENDING},
        )


def personas_ready() -> list[str]:
    """Confirm each persona's address; the names of personas the demo has not made."""
    missing = []
    for persona in PERSONAS:
        user = get_user_model().objects.filter(email__iexact=persona.email).first()
        if user is None:
            missing.append(persona.name)
            continue
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    return missing
