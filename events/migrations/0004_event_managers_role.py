from django.db import migrations

from home import roles


def forwards(apps, schema_editor):
    roles.ensure_role(apps, roles.EVENT_MANAGERS)


def backwards(apps, schema_editor):
    Role = apps.get_model("home", "Role")
    role = Role.objects.filter(key=roles.EVENT_MANAGERS).select_related("group").first()
    if role is not None:
        role.group.name = roles.FORMER_NAMES[roles.EVENT_MANAGERS][0]
        role.group.save(update_fields=["name"])
        role.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_organisations_in_network"),
        ("home", "0004_vietnamese_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
