import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from network.models import Organisation
from resources.services import embed_url, search_extras
from tests.factories.resources import DocumentFactory, ResourcePageFactory, audience, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def handbook(library):
    publisher = Organisation.objects.create(name="Hội Khuyến học Việt Nam", website="https://example.org/khvn")
    return ResourcePageFactory(
        parent=library,
        title="Cẩm nang công dân học tập",
        summary="Bộ tiêu chí và cách tự đánh giá.",
        topics=[topic("chinh-sach-xa-hoi-hoc-tap")],
        audiences=[audience("nguoi-lon"), audience("can-bo-cong-chuc")],
        licence="cc-by-nc",
        authors="Nguyễn Văn An, Trần Thị Bình",
        publisher=publisher,
        year=2023,
        page_count=24,
        identifier="HL-100",
    )


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_learning_resource_json_ld(client, handbook):
    data = json_ld(client.get(handbook.url).content.decode())
    assert data["@type"] == "LearningResource"
    assert data["name"] == "Cẩm nang công dân học tập"
    assert data["license"] == "https://creativecommons.org/licenses/by-nc/4.0/"
    assert data["inLanguage"] == "vi"
    assert data["learningResourceType"] == "Tài liệu"
    assert [a["educationalRole"] for a in data["audience"]] == ["Người lớn", "Cán bộ, công chức"]
    assert [a["name"] for a in data["author"]] == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Hội Khuyến học Việt Nam",
        "url": "https://example.org/khvn",
    }
    assert data["encoding"][0]["contentUrl"] == f"http://testserver{handbook.url}tai-ve/"
    assert data["encoding"][0]["encodingFormat"] == "application/pdf"
    assert data["identifier"] == "HL-100"
    assert data["image"].startswith("http://testserver/")


def test_json_ld_cannot_be_broken_out_of(client, library):
    page = ResourcePageFactory(parent=library, title="</script><script>alert(1)</script>")
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"


def test_dublin_core_meta_tags(client, handbook):
    html = client.get(handbook.url).content.decode()
    assert '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">' in html
    assert '<meta name="DC.title" content="Cẩm nang công dân học tập">' in html
    assert '<meta name="DC.creator" content="Trần Thị Bình">' in html
    assert '<meta name="DC.type" content="Text">' in html
    assert '<meta name="DC.rights" content="CC BY-NC 4.0 https://creativecommons.org/licenses/by-nc/4.0/">' in html
    assert '<meta name="DC.subject" content="Chính sách xã hội học tập">' in html


def test_search_extras_give_facets_in_the_page_language(handbook, en_home_page, locales):
    extras = search_extras(handbook)
    assert extras["facets"]["audience"] == ["Người lớn", "Cán bộ, công chức"]
    assert extras["facets"]["licence"] == ["CC BY-NC 4.0"]
    assert extras["documents"] == [handbook.document]
    assert "Trần Thị Bình" in extras["text"]
    english = handbook.copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    facets = search_extras(english)["facets"]
    assert facets["topic"] == ["Learning-society policy"]
    assert facets["kind"] == ["Document"]
    assert facets["language"] == ["Vietnamese"]


def test_video_links_become_privacy_friendly_embeds(client, library):
    assert (
        embed_url("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3")
        == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    )
    assert embed_url("https://youtu.be/dQw4w9WgXcQ") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert embed_url("https://vimeo.com/76979871") == "https://player.vimeo.com/video/76979871"
    assert embed_url("https://example.org/video") == ""
    video = ResourcePageFactory(
        parent=library, kind="video", document=None, external_url="https://youtu.be/dQw4w9WgXcQ", duration_minutes=12
    )
    html = client.get(video.url).content.decode()
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert f'title="{video.title}"' in html
    assert "12 phút" in html


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "document", "document": None}, "document", "Hãy chọn tệp tài liệu để người xem tải về."),
        ({"kind": "video", "document": None, "external_url": "https://example.org/"}, "external_url", "YouTube"),
        ({"kind": "course", "document": None, "external_url": ""}, "external_url", "khóa học"),
        ({"kind": "audio"}, "document", "không phải là tệp âm thanh"),
    ],
)
def test_each_kind_says_what_it_needs(library, fields, field, message):
    from django.utils import translation

    page = ResourcePageFactory.build(title="Học liệu", slug="hoc-lieu", **fields)
    if "document" not in fields:
        page.document = DocumentFactory()
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        page.clean()
    assert message in " ".join(error.value.message_dict[field])


def test_audio_file_is_accepted_for_an_audio_resource(library):
    recording = DocumentFactory(file=ContentFile(b"ID3", name="bai-giang.mp3"))
    page = ResourcePageFactory(parent=library, kind="audio", document=recording)
    assert page.live
