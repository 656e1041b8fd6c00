from django.core.management.base import BaseCommand

from academy.services import certificate_renewal_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail holders whose certificate's validity ends within "
        "CERTIFICATE_RENEWAL_REMINDER_DAYS (each certificate once). The scheduler runs it daily."
    )

    def handle(self, *args, **options):
        sent = certificate_renewal_reminders_send()
        self.stdout.write(f"Renewal reminders queued: {sent}.")
