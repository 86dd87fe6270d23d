from django.db import migrations

from home import roles


def forwards(apps, schema_editor):
    roles.ensure_role(apps, roles.EVENT_MANAGERS)


def backwards(apps, schema_editor):
    roles.drop_role(apps, roles.EVENT_MANAGERS)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_event_managers_require_two_factor"),
        ("home", "0004_vietnamese_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
