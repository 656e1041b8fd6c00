from django.core.management.base import BaseCommand

from campaigns.cooperation_day.services import attendee_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail confirmed attendees of Cooperation Day events starting within 24 hours (each "
        "attendee once), with a calendar file. Run it hourly from cron or a scheduler."
    )

    def handle(self, *args, **options):
        sent = attendee_reminders_send()
        self.stdout.write(f"Event reminders queued: {sent}.")
