"""Organisations move from campaigns to the network app with their ids, so that every relation
(campaign organisers, event organisers and registrations, resource publishers) and every page
revision that names them stays valid. The free-text district is kept as ``legacy_district``
and matched to an area where exactly one area of that name exists."""

from django.core.management.color import no_style
from django.db import migrations


def copy_forward(apps, schema_editor):
    Old = apps.get_model("campaigns", "Organisation")
    New = apps.get_model("network", "Organisation")
    Area = apps.get_model("network", "Area")
    areas = {}
    for area in Area.objects.all():
        areas.setdefault(area.name, []).append(area)
    rows = list(Old.objects.all())
    New.objects.bulk_create(
        New(
            id=old.id,
            name=old.name,
            kind=old.kind,
            legacy_district=old.district,
            area=areas[old.district][0] if len(areas.get(old.district, [])) == 1 else None,
            website=old.website,
        )
        for old in rows
    )
    for old in rows:
        if old.parent_id:
            New.objects.filter(id=old.id).update(parent_id=old.parent_id)
    _reset_sequence(schema_editor, New)


def _reset_sequence(schema_editor, model):
    """Rows were written with their ids: PostgreSQL's sequence must move past them."""
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0003_campaign_details_and_stories"),
        ("network", "0001_initial"),
    ]

    # Backwards, campaigns 0005 copies the rows back before the relations point at them again.
    operations = [migrations.RunPython(copy_forward, migrations.RunPython.noop)]
