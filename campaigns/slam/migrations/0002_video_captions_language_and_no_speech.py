import django.db.models
from django.db import migrations, models

import campaigns.slam.models


class Migration(migrations.Migration):
    dependencies = [
        ("slam", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="slamvideo", old_name="subtitles", new_name="captions"),
        migrations.AlterField(
            model_name="slamvideo",
            name="captions",
            field=models.FileField(
                blank=True,
                upload_to=campaigns.slam.models.captions_upload_to,
                verbose_name="captions (WebVTT)",
            ),
        ),
        migrations.AddField(
            model_name="slamvideo",
            name="captions_language",
            field=models.CharField(
                blank=True,
                choices=[
                    ("bg", "български"),
                    ("es", "español"),
                    ("cs", "čeština"),
                    ("da", "dansk"),
                    ("de", "Deutsch"),
                    ("et", "eesti"),
                    ("el", "ελληνικά"),
                    ("en", "English"),
                    ("fr", "français"),
                    ("ga", "Gaeilge"),
                    ("hr", "hrvatski"),
                    ("it", "italiano"),
                    ("lv", "latviešu"),
                    ("lt", "lietuvių"),
                    ("hu", "magyar"),
                    ("mt", "Malti"),
                    ("nl", "Nederlands"),
                    ("pl", "polski"),
                    ("pt", "português"),
                    ("ro", "română"),
                    ("sk", "slovenčina"),
                    ("sl", "slovenščina"),
                    ("fi", "suomi"),
                    ("sv", "svenska"),
                ],
                max_length=2,
                verbose_name="language of the captions",
            ),
        ),
        migrations.AddField(
            model_name="slamvideo",
            name="no_speech",
            field=models.BooleanField(default=False, verbose_name="this film has no speech"),
        ),
        migrations.AddConstraint(
            model_name="slamvideo",
            constraint=models.CheckConstraint(
                condition=django.db.models.Q(
                    ("file", ""),
                    models.Q(("captions", ""), _negated=True),
                    ("no_speech", True),
                    _connector="OR",
                ),
                name="slam_uploaded_film_has_captions_or_no_speech",
                violation_error_message=(
                    "Add a caption file (WebVTT), or tick “This film has no speech” if nobody "
                    "speaks in it."
                ),
            ),
        ),
        migrations.AddConstraint(
            model_name="slamvideo",
            constraint=models.CheckConstraint(
                condition=django.db.models.Q(
                    ("captions", ""), models.Q(("captions_language", ""), _negated=True),
                    _connector="OR",
                ),
                name="slam_captions_have_a_language",
                violation_error_message="Choose the language of the captions.",
            ),
        ),
    ]
