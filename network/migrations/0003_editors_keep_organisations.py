from django.db import migrations

from home import roles

# Areas come from the official list: editors choose them, moderators keep them (no deletion: figures hang on them).
GRANTS = [
    (roles.EDITORS, "organisation", roles.VOCABULARY_ACTIONS),
    (roles.MODERATORS, "organisation", roles.VOCABULARY_ACTIONS),
    (roles.EDITORS, "area", ("view",)),
    (roles.MODERATORS, "area", ("add", "change", "view")),
]


def forwards(apps, schema_editor):
    for key, model, actions in GRANTS:
        roles.grant(apps, key, "network", model, actions)


def backwards(apps, schema_editor):
    for key, model, actions in GRANTS:
        roles.revoke(apps, key, "network", model, actions)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0002_copy_organisations"),
        ("home", "0004_vietnamese_roles"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
