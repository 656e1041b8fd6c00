from django.core.management.base import BaseCommand

from portal.notifications.services import DIGEST_PERIODS, digests_send


class Command(BaseCommand):
    help = (
        "E-mail the daily or weekly notification digests. Schedule 'daily' once a day and "
        "'weekly' once a week."
    )

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=sorted(DIGEST_PERIODS))

    def handle(self, *args, frequency, **options):
        sent = digests_send(frequency=frequency)
        self.stdout.write(f"{sent} {frequency} digest(s) sent.")
