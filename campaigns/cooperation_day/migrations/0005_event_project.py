import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation_day", "0004_edition_day_help_names_no_date"),
        ("hub", "0002_starting_themes"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="project",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="cooperation_day_events",
                to="hub.project",
                verbose_name="project on keep.eu",
            ),
        ),
    ]
