from django.core.management.base import BaseCommand

from hub.alerts.services import alerts_send


class Command(BaseCommand):
    help = (
        "Tell people about the calls and vacancies their saved searches select that opened, "
        "were published or close soon since the last run. Schedule it every hour."
    )

    def handle(self, *args, **options):
        sent = alerts_send()
        self.stdout.write(f"{sent} alert notification(s) made.")
