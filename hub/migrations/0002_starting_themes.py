from django.db import migrations


def add_themes(apps, schema_editor):
    from hub.themes import STARTING_THEMES

    Theme = apps.get_model("hub", "Theme")
    for slug, name in STARTING_THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("hub", "0001_initial")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
