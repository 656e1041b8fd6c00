"""Brings every language's catalogue up to date with the code: new messages are added
untranslated, changed ones marked fuzzy, removed ones dropped; then compiles them.

English is the language the code is written in: its catalogue says each message as it is, so
that "untranslated" always means a message some language still lacks."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.core.catalogues import PLURAL_FORMS_DJANGO_LACKS, catalogue_path, load_catalogue

# Where no message of the portal lives; the virtualenv and the benchmark's scratch data.
HEADER = {
    "Project-Id-Version": "Interreg community portal",
    "Last-Translator": "Interreg community portal team",
    "Language-Team": "Interreg community portal team",
}
HEADER_COMMENT = (
    "The Interreg community portal's messages. Written by the team; awaiting review by native\n"
    "speakers: corrections are welcome as changes to this file (see README, Languages)."
)
IGNORED = [".venv/*", "bench/*", "tests/*", "docs/*", "staticfiles/*", "media/*", "var/*"]


class Command(BaseCommand):
    help = "Refreshes the .po catalogues of every language from the code, then compiles them."

    def handle(self, *args, **options):
        codes = [code for code, _name in settings.LANGUAGES]
        call_command(
            "makemessages",
            locale=codes,
            ignore_patterns=IGNORED,
            no_obsolete=True,
            add_location="file",
            verbosity=0,
        )
        for code in codes:
            catalogue = load_catalogue(code)
            if code in PLURAL_FORMS_DJANGO_LACKS:
                catalogue.metadata["Plural-Forms"] = PLURAL_FORMS_DJANGO_LACKS[code]
            catalogue.metadata.update(HEADER, Language=code)
            catalogue.metadata_is_fuzzy = False
            catalogue.header = HEADER_COMMENT
            if code == settings.LANGUAGE_CODE:
                for entry in catalogue:
                    if entry.msgid_plural:
                        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                    else:
                        entry.msgstr = entry.msgid
                    if "fuzzy" in entry.flags:
                        entry.flags.remove("fuzzy")
            catalogue.save(str(catalogue_path(code)))
            self.stdout.write(f"{code}: {catalogue.percent_translated()} % translated")
        call_command("compile_catalogues", verbosity=options["verbosity"])
