import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.test import Client

from bench.families import ANONYMOUS_PAGE_MISS, ANONYMOUS_UNCACHED, page_rows


class Command(BaseCommand):
    help = (
        "Print, as one line of JSON, the rows the served benchmark measures (every page family "
        "but those that drop cached copies, which a server under load keeps) and a session "
        "cookie for each persona they are measured as."
    )

    def handle(self, *args, **options):
        # A server under load keeps every copy: the rows that drop them measure one process.
        dropping = {ANONYMOUS_UNCACHED, ANONYMOUS_PAGE_MISS}
        rows = [row for row in page_rows() if row.family not in dropping]
        cookies = {}
        for email in sorted({row.email for row in rows if row.email}):
            client = Client()
            client.force_login(get_user_model().objects.get(email=email))
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies[email] = f"{settings.SESSION_COOKIE_NAME}={session}"
        listed = [
            {"family": row.family, "label": row.label, "path": row.path, "email": row.email}
            for row in rows
        ]
        self.stdout.write(json.dumps({"rows": listed, "cookies": cookies}))
