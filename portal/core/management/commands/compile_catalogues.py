"""Compiles every .po catalogue into the .mo file Django reads, in pure Python, so that a fresh
machine needs nothing beyond the portal's own requirements (no GNU gettext)."""

from django.core.management.base import BaseCommand

from portal.core.catalogues import compile_stale_catalogues


class Command(BaseCommand):
    help = "Compiles the .po catalogues whose .mo file is missing or older."

    def handle(self, *args, **options):
        compiled = compile_stale_catalogues()
        if options["verbosity"] > 0:
            self.stdout.write(f"{len(compiled)} catalogue(s) compiled.")
