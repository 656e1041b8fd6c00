from django.contrib.auth.management import create_permissions
from django.db import migrations

# Trainers see the session list and mark attendance for the courses they are named on; the
# enrolment and quiz-result lists across all courses stay with Academy editors.
TRAINER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("academy", "view_coursesession"),
]


def create_trainers_group(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Academy trainers")
    for app_label, codename in TRAINER_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0002_courses_learning_certificates"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_trainers_group, migrations.RunPython.noop)]
