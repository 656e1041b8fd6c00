from django.core.management.base import BaseCommand

from campaigns.cooperation_day.services import sign_up_emails_prune


class Command(BaseCommand):
    help = (
        "Forget the records of sign-up confirmation e-mails older than a day (they only count "
        "towards the daily limits). Run it daily from cron or a scheduler."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Sign-up e-mail records removed: {sign_up_emails_prune()}.")
