from django.db import migrations

from portal.accounts.groups import group_with_permissions

# The campaign team works in the admin; who reviews which events is set per person on their
# campaign moderator record (countries, programmes), not by this group.
CAMPAIGN_TEAM_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("cooperation_day", "view_programmeparticipation"),
]


def create_campaign_team_group(apps, schema_editor):
    group_with_permissions(apps, "Campaign team", CAMPAIGN_TEAM_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("cooperation_day", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_campaign_team_group, migrations.RunPython.noop),
    ]
