"""Organisations moved from campaigns to the network app keep their ids (which every relation and page
revision refers to), their parent and their typed district."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("campaigns", "0003_campaign_details_and_stories"),
    ("events", "0002_event_managers_group"),
    ("resources", "0002_vocabulary"),
    ("network", None),
]


# serialized_rollback: the flush that ends the test must leave Wagtail's rows for the tests after it.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_organisations_keep_their_ids_parents_and_district():
    executor = MigrationExecutor(connection)
    after = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE[:3]).apps
    Old = old_apps.get_model("campaigns", "Organisation")
    association = Old.objects.create(name="Hội Khuyến học Quận 8", kind="association", district="Quận 8")
    branch = Old.objects.create(name="Chi hội Phường 5", kind="association", district="Quận 8", parent=association)
    same_name = Old.objects.create(name="Sở Giáo dục và Đào tạo", kind="government", district="Quận 1")
    Old.objects.create(name="Sở Giáo dục và Đào tạo", kind="government", district="")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    from network.models import Organisation

    moved = Organisation.objects.get(pk=branch.pk)
    assert (moved.name, moved.kind, moved.legacy_district, moved.parent_id) == (
        "Chi hội Phường 5",
        "association",
        "Quận 8",
        association.pk,
    )
    assert Organisation.objects.filter(name="Sở Giáo dục và Đào tạo").count() == 2
    assert Organisation.objects.get(pk=same_name.pk).legacy_district == "Quận 1"
    # New rows do not collide with the copied ids.
    assert Organisation.objects.create(name="Đơn vị mới").pk > same_name.pk
