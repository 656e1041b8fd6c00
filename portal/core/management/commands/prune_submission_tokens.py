from django.core.management.base import BaseCommand

from portal.core.submissions import submission_tokens_prune


class Command(BaseCommand):
    help = (
        "Forget the one-time tokens of forms processed more than a week ago (they only stop "
        "a form sent twice from making two things). Run it daily from cron or a scheduler."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Form submission tokens removed: {submission_tokens_prune()}.")
