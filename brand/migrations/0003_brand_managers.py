from django.db import migrations

from portal.accounts.groups import group_with_permissions

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
    group_with_permissions(apps, "Brand managers", BRAND_MANAGER_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("brand", "0002_brand_book_and_asset_library"),
    ]

    operations = [migrations.RunPython(create_brand_managers_group, migrations.RunPython.noop)]
