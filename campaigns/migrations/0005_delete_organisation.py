# The rows live on in network.Organisation (network 0002); nothing refers to this table any more.

from django.core.management.color import no_style
from django.db import migrations


def copy_back(apps, schema_editor):
    Old = apps.get_model("campaigns", "Organisation")
    New = apps.get_model("network", "Organisation")
    rows = list(New.objects.all())
    Old.objects.bulk_create(
        Old(id=new.id, name=new.name, kind=new.kind, district=new.legacy_district, website=new.website) for new in rows
    )
    for new in rows:
        if new.parent_id:
            Old.objects.filter(id=new.id).update(parent_id=new.parent_id)
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), [Old]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0004_organisations_in_network'),
    ]

    operations = [
        # Run backwards only: the old table is recreated first, then refilled before relations point back.
        migrations.RunPython(migrations.RunPython.noop, copy_back),
        migrations.RemoveField(
            model_name='organisation',
            name='parent',
        ),
        migrations.DeleteModel(
            name='Organisation',
        ),
    ]
