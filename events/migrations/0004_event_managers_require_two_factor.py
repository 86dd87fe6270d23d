from django.db import migrations

GROUP_NAME = "Event managers"


def require_two_factor(apps, schema_editor):
    """The group sees registrants' personal data, so its members sign in with a second factor."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="wagtailadmin", codename="require_two_factor")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(permission)


def allow_password_only(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="require_two_factor")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(*permission)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_organisations_in_network"),
        ("accounts", "0001_require_two_factor_permission"),
    ]

    operations = [migrations.RunPython(require_two_factor, allow_password_only)]
