import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0002_starting_themes"),
        ("slam", "0002_video_captions_language_and_no_speech"),
    ]

    operations = [
        migrations.AddField(
            model_name="slamapplication",
            name="project",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="slam_applications",
                to="hub.project",
                verbose_name="project on keep.eu",
            ),
        ),
    ]
