from django.db import migrations

# The groups of the reporting workflow; a user's areas come from their assignments.
GROUPS = {
    "Cán bộ báo cáo số liệu": [
        ("wagtailadmin", "access_admin"),
        ("reports", "report_figures"),
    ],
    "Cán bộ duyệt số liệu": [
        ("wagtailadmin", "access_admin"),
        ("reports", "review_figures"),
    ],
    "Quản trị số liệu": [
        ("wagtailadmin", "access_admin"),
        ("reports", "manage_figures"),
        *[
            ("reports", f"{action}_{model}")
            for model in ("indicatorset", "indicatorsetversion", "period", "assignment")
            for action in ("add", "change", "delete", "view")
        ],
        ("network", "view_area"),
        ("network", "view_organisation"),
    ],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("network", "0002_copy_organisations"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # Going back leaves the groups (and whoever was put in them) alone; a second run finds them.
    # Deleting them here also failed: the deletion collector met a Group of a later model state.
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
