from django.core.management.base import BaseCommand

from campaigns.cooperation_day.places import map_files


class Command(BaseCommand):
    help = (
        "Write the place names the maps draw and the places the position picker searches "
        "(static/geo/place-labels.json and static/geo/places.json) from the bundled gazetteer. "
        "Run it after changing campaigns/cooperation_day/data/places.json."
    )

    def handle(self, *args, **options):
        for path, content in map_files().items():
            path.write_text(content, encoding="utf-8")
            self.stdout.write(f"{path.name}: {len(content):,} bytes")
