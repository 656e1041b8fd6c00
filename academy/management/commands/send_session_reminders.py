from django.core.management.base import BaseCommand

from academy.services import session_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail confirmed learners of sessions starting within 24 hours (each session once). "
        "Run it hourly from cron or a scheduler."
    )

    def handle(self, *args, **options):
        sent = session_reminders_send()
        self.stdout.write(f"Session reminders queued: {sent}.")
