"""Staff groups that data migrations create with their permissions (Academy trainers,
Campaign team, Brand managers). Written against the historical models a migration passes in."""

from django.contrib.auth.management import create_permissions


def group_with_permissions(apps, name: str, permissions: list[tuple[str, str]]) -> None:
    """Create group `name` if missing and give it each (app label, codename) permission."""
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=name)
    for app_label, codename in permissions:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)
