from django.db import migrations

from portal.accounts.groups import group_with_permissions

# Editors publish calls for every programme, in the admin as on the portal's own form.
EDITOR_GROUPS = ["Editors", "Moderators"]
PERMISSIONS = [
    ("hub_calls", f"{action}_{model}")
    for action in ("add", "change", "delete", "view")
    for model in ("call", "calldocument")
]


def let_editors_keep_calls(apps, schema_editor):
    for name in EDITOR_GROUPS:
        group_with_permissions(apps, name, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("hub_calls", "0001_calls_and_documents"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(let_editors_keep_calls, migrations.RunPython.noop)]
