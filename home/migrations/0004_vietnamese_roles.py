from django.db import migrations

from home import roles

# Wagtail seeds its default workflow and its task under English names.
WORKFLOW_NAMES = [("wagtailcore", "Workflow", "Moderators approval", "Quy trình kiểm duyệt")]
TASK_NAMES = [("wagtailcore", "Task", "Moderators approval", "Kiểm duyệt viên phê duyệt")]


def forwards(apps, schema_editor):
    for key in (roles.EDITORS, roles.MODERATORS):
        roles.ensure_role(apps, key)
    for app_label, model, old, new in WORKFLOW_NAMES + TASK_NAMES:
        apps.get_model(app_label, model).objects.filter(name=old).update(name=new)


def backwards(apps, schema_editor):
    for app_label, model, old, new in WORKFLOW_NAMES + TASK_NAMES:
        apps.get_model(app_label, model).objects.filter(name=new).update(name=old)
    for key in (roles.EDITORS, roles.MODERATORS):
        roles.drop_role(apps, key)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_roles"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
