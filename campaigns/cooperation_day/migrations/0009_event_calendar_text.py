from django.db import migrations, models

from campaigns.cooperation_day.feeds import PART_COLUMNS, PART_FIELDS, parts_of

BATCH = 1000


def build_feed_parts(apps, schema_editor):
    """Every event's parts again, its calendar entry now among them: the calendar feeds read
    nothing else."""
    Event = apps.get_model("cooperation_day", "Event")
    last_pk = 0
    while True:
        rows = list(
            Event.objects.filter(pk__gt=last_pk).order_by("pk").values(*PART_FIELDS)[:BATCH]
        )
        if not rows:
            return
        Event.objects.bulk_update(
            [Event(pk=row["pk"], **parts_of(row)) for row in rows], PART_COLUMNS
        )
        last_pk = rows[-1]["pk"]


class Migration(migrations.Migration):

    dependencies = [
        ("cooperation_day", "0008_event_feed_parts"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="event",
            name="description_text",
        ),
        migrations.AddField(
            model_name="event",
            name="calendar_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(build_feed_parts, migrations.RunPython.noop, elidable=True),
    ]
