from io import StringIO

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from home import seed as home_seed
from network import seed as network_seed
from resources import seed as resources_seed
from resources.models import ResourceCollection, ResourceCollectionItem, ResourceDownload, ResourcePage
from resources.services import browse

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": dict(ResourcePage.objects.values_list("pk", "latest_revision_id")),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "collections": ResourceCollection.objects.count(),
        "items": list(ResourceCollectionItem.objects.order_by("pk").values_list("pk", flat=True)),
        "downloads": list(ResourceDownload.objects.order_by("pk").values_list("pk", "count")),
    }


def test_demo_library_in_two_languages_and_idempotent(client):
    home_seed.seed(StringIO())
    network_seed.seed(StringIO())
    out = StringIO()
    resources_seed.seed(out)
    assert "40 resources" in out.getvalue()
    vi = browse({}, language="vi", per_page=50)
    assert vi.total == 40
    assert browse({}, language="en").total == 40
    assert {v.value for v in vi.facets["kind"]} == {"document", "course", "images"}
    assert {v.value for v in vi.facets["audience"]} >= {"nguoi-cao-tuoi", "hoc-sinh", "giao-vien", "tre-em"}

    plans = ResourcePage.objects.filter(locale__language_code="vi", identifier__startswith="KH-")
    assert plans.count() == 5
    # Without a font that draws Vietnamese, the seed writes DOCX documents instead of PDFs.
    extension = "pdf" if resources_seed._fonts() else "docx"
    for plan in plans:
        assert plan.document.file_extension == extension
        assert (plan.generated_cover is not None) == (extension == "pdf")
        assert "Ho Chi Minh" not in plan.title  # the plans' text is written with its accents
    tap_huan = plans.get(identifier="KH-TAP-HUAN-CDHT-DVHT-2024")
    assert "11/12/2024" in tap_huan.summary and "68 Lê Thánh Tôn" in tap_huan.description

    english = tap_huan.get_translation(tap_huan.get_translations().first().locale)
    assert client.get(english.url).status_code == 200
    assert client.get("/kho-hoc-lieu/?audience=nguoi-cao-tuoi&sort=downloads").status_code == 200

    before = snapshot()
    resources_seed.seed(StringIO())
    assert snapshot() == before
