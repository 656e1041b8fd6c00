import os
import stat

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils.crypto import get_random_string

from portal.accounts.personas import PERSONAS, personas_enabled
from portal.core.links import absolute_url

DEMO_ADMIN_EMAIL = "admin@example.org"


class Command(BaseCommand):
    help = (
        "Create the demo administrator if missing and print its credentials. The password is "
        "random per installation and kept in var/demo-admin-password (never committed)."
    )

    def handle(self, *args, **options):
        password_file = settings.BASE_DIR / "var" / "demo-admin-password"
        password_file.parent.mkdir(exist_ok=True)
        user_model = get_user_model()
        user = user_model.objects.filter(email__iexact=DEMO_ADMIN_EMAIL).first()
        password = password_file.read_text().strip() if password_file.exists() else ""
        if user is None or not password or not user.check_password(password):
            password = get_random_string(20)
            if user is None:
                user = user_model.objects.create_superuser(
                    email=DEMO_ADMIN_EMAIL,
                    password=password,
                    first_name="Demo",
                    last_name="Administrator",
                )
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            password_file.write_text(password + "\n")
            os.chmod(password_file, stat.S_IRUSR | stat.S_IWUSR)
        EmailAddress.objects.update_or_create(
            user=user, email=DEMO_ADMIN_EMAIL, defaults={"verified": True, "primary": True}
        )
        self.stdout.write(
            self.style.SUCCESS(
                "\n  Demo administrator\n"
                f"    e-mail:   {DEMO_ADMIN_EMAIL}\n"
                f"    password: {password}\n"
                f"    sign in:  {absolute_url(reverse('account_login'))}  (editors: /admin/)\n"
            )
        )
        if personas_enabled():
            self.stdout.write("  Demo personas (one click on the sign-in page, development only)")
            for persona in PERSONAS:
                self.stdout.write(f"    {persona.name}, {persona.role}: {persona.try_this}")
            self.stdout.write("")
