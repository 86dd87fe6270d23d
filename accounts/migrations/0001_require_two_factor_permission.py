from django.db import migrations
from django.utils.translation import gettext_noop

# Stored in English; the group screen translates it (accounts' catalogue).
NAME = gettext_noop("Must sign in with two-factor authentication")


def create_permission(apps, schema_editor):
    """A permission, not a model field: groups tick it in the admin like any other."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    Permission.objects.get_or_create(
        content_type=content_type,
        codename="require_two_factor",
        defaults={"name": NAME},
    )


def remove_permission(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="wagtailadmin", codename="require_two_factor"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_permission, remove_permission)]
