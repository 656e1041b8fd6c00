from django.db import migrations

from portal.accounts.groups import group_with_permissions

# The accessibility statement promises that the editors read every message: Wagtail's own
# editor groups receive the feedback (and its notifications) from the start.
EDITOR_GROUPS = ["Editors", "Moderators"]


def let_editors_read_feedback(apps, schema_editor):
    for name in EDITOR_GROUPS:
        group_with_permissions(apps, name, [("home", "view_accessibilityfeedback")])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_accessibility_statement_and_feedback"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(let_editors_read_feedback, migrations.RunPython.noop)]
