from django.contrib.auth.management import create_permissions
from django.db import migrations

# Brand managers keep the asset library and read its statistics in the admin. Who edits the
# brand book's pages is set with page permissions on /brand/ like any other section.
BRAND_MANAGER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("brand", "add_asset"),
    ("brand", "change_asset"),
    ("brand", "delete_asset"),
    ("brand", "view_asset"),
    ("brand", "add_usageterms"),
    ("brand", "change_usageterms"),
    ("brand", "view_usageterms"),
    ("brand", "view_assetdownload"),
]


def create_brand_managers_group(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Brand managers")
    for app_label, codename in BRAND_MANAGER_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("brand", "0002_brand_book_and_asset_library"),
    ]

    operations = [migrations.RunPython(create_brand_managers_group, migrations.RunPython.noop)]
