from django.db import migrations

COVERS_COLLECTION = "Ảnh bìa tạo tự động"


def forwards(apps, schema_editor):
    """Covers generated before they had their own collection move into it."""
    # The tree API (add_child) is not on historical models: the real Collection model makes the node.
    from wagtail.models import Collection

    ResourcePage = apps.get_model("resources", "ResourcePage")
    Image = apps.get_model("wagtailimages", "Image")
    cover_ids = set(ResourcePage.objects.exclude(generated_cover=None).values_list("generated_cover_id", flat=True))
    if not cover_ids:
        return
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=COVERS_COLLECTION).first() or root.add_child(name=COVERS_COLLECTION)
    Image.objects.filter(pk__in=cover_ids).update(collection_id=collection.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0005_import_jobs"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
