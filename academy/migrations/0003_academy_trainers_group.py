from django.db import migrations

from portal.accounts.groups import group_with_permissions

# Trainers see the session list and mark attendance for the courses they are named on; the
# enrolment and quiz-result lists across all courses stay with Academy editors.
TRAINER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("academy", "view_coursesession"),
]


def create_trainers_group(apps, schema_editor):
    group_with_permissions(apps, "Academy trainers", TRAINER_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0002_courses_learning_certificates"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_trainers_group, migrations.RunPython.noop)]
