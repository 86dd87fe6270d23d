import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from home.models import HomePage, StandardPage
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_vietnamese(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "Học tập suốt đời" in html
    assert "Chuyển đến nội dung chính" in html  # skip link, translated


def test_home_page_renders_in_english(client, en_home_page):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Lifelong learning" in html
    assert "Skip to main content" in html


def test_standard_page_renders_with_every_block(client, home_page):
    image = get_image_model().objects.create(title="Lớp học", file=get_test_image_file(size=(1200, 800)))
    document = get_document_model().objects.create(
        title="Kế hoạch năm 2024", file=ContentFile(b"%PDF-1.4 ke hoach", name="ke-hoach.pdf")
    )
    page = StandardPageFactory(
        parent=home_page,
        title="Giới thiệu về phong trào",
        body=[
            ("heading", {"text": "Mục đích", "level": "h2"}),
            ("paragraph", "<p>Xây dựng xã hội học tập.</p>"),
            ("image", {"image": image, "alt_text": "Học viên lớp tin học", "caption": "Lớp học buổi tối"}),
            ("document", {"document": document, "title": ""}),
            ("quote", {"quote": "Học, học nữa, học mãi.", "attribution": "Hồ Chí Minh"}),
            (
                "table",
                {"data": [["Chỉ tiêu", "Tỉ lệ"], ["Gia đình học tập", "60%"]], "first_row_is_table_header": True},
            ),
            ("call_to_action", {"title": "Tham gia", "button_label": "Đăng ký", "url": "https://example.org/"}),
        ],
    )
    assert page.slug == "gioi-thieu-ve-phong-trao"
    html = client.get(page.url).content.decode()
    assert "<h2>Mục đích</h2>" in html
    assert "Học, học nữa, học mãi." in html
    assert "Gia đình học tập" in html
    assert 'href="https://example.org/"' in html
    assert 'alt="Học viên lớp tin học"' in html
    assert "Lớp học buổi tối" in html
    assert "srcset=" in html  # phones download the small rendition
    assert f'href="{document.url}">Kế hoạch năm 2024</a>' in html
    assert "(PDF, 17" in html
    # Breadcrumbs lead back home.
    assert 'aria-label="Đường dẫn"' in html


def test_translated_standard_page_is_linked_by_the_language_switcher(client, en_home_page, home_page, locales):
    page = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu")
    english = page.copy_for_translation(locales["en"])
    english.title = "About"
    english.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert 'href="/en/gioi-thieu/" hreflang="en"' in html
    en_html = client.get("/en/gioi-thieu/").content.decode()
    assert "<h1>About</h1>" in en_html
    assert 'href="/gioi-thieu/" hreflang="vi"' in en_html


def test_page_type_rules():
    assert StandardPage.can_create_at(HomePage()) is True
    assert HomePage.allowed_parent_page_models() == [__import__("wagtail.models", fromlist=["Page"]).Page]
    assert StandardPage.allowed_subpage_models() == [StandardPage]


def test_404_page_is_friendly(client, home_page):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_robots_and_sitemap(client, en_home_page, home_page):
    StandardPageFactory(parent=home_page, title="Liên hệ", slug="lien-he")
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /admin/" in robots
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert "/lien-he/" in sitemap
    assert "/en/" in sitemap
