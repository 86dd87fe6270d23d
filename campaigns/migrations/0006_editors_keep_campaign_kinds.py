from django.db import migrations

from home import roles


def forwards(apps, schema_editor):
    for key in (roles.EDITORS, roles.MODERATORS):
        roles.grant(apps, key, "campaigns", "campaignkind")


def backwards(apps, schema_editor):
    for key in (roles.EDITORS, roles.MODERATORS):
        roles.revoke(apps, key, "campaigns", "campaignkind")


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_delete_organisation"),
        ("home", "0004_vietnamese_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
