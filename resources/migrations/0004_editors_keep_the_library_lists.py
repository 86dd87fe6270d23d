from django.db import migrations

from home import roles

MODELS = ["topic", "audience", "resourcecollection"]


def forwards(apps, schema_editor):
    for key in (roles.EDITORS, roles.MODERATORS):
        for model in MODELS:
            roles.grant(apps, key, "resources", model)


def backwards(apps, schema_editor):
    for key in (roles.EDITORS, roles.MODERATORS):
        for model in MODELS:
            roles.revoke(apps, key, "resources", model)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0003_organisations_in_network"),
        ("home", "0004_vietnamese_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
