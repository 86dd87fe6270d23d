import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from home.models import HomePage, SiteSettings, StandardPage
from portal.views import server_error
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


def test_footer_shows_the_site_contact_details(client, home_page):
    contact = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    contact.organisation_name = "Hội Khuyến học Thành phố"
    contact.address = "68 Lê Thánh Tôn\nQuận 1"
    contact.hotline = "028 3829 1875"
    contact.email = "khuyenhoc@example.org"
    contact.save()
    html = client.get("/").content.decode()
    assert '<h2 id="footer-contact" class="site-footer__title">Hội Khuyến học Thành phố</h2>' in html
    assert "68 Lê Thánh Tôn<br>Quận 1" in html
    assert 'Đường dây nóng: <a href="tel:02838291875">028 3829 1875</a>' in html
    assert 'href="mailto:khuyenhoc@example.org"' in html
    assert "Theo dõi chúng tôi" not in html  # no social links configured: no empty heading


def test_main_menu_marks_the_current_section(client, home_page):
    about = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    child = StandardPageFactory(parent=about, title="Thành phố học tập", slug="thanh-pho-hoc-tap")
    html = client.get(about.url).content.decode()
    assert '<a href="/gioi-thieu/" aria-current="page">Giới thiệu</a>' in html
    child_html = client.get(child.url).content.decode()
    assert '<a href="/gioi-thieu/" aria-current="true">Giới thiệu</a>' in child_html
    # The parent lists its subpages; the child's breadcrumbs lead back through it.
    assert 'href="/gioi-thieu/thanh-pho-hoc-tap/"' in html
    assert '<li><a href="/gioi-thieu/">Giới thiệu</a></li>' in child_html


@pytest.mark.usefixtures("sections_kept_pages_not")
def test_the_kept_menu_and_footer_follow_the_page_shown_and_the_sites_changes(client, home_page):
    about = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu", show_in_menus=True)
    child = StandardPageFactory(parent=about, title="Thành phố học tập", slug="thanh-pho-hoc-tap")
    contact = StandardPageFactory(parent=home_page, title="Liên hệ", slug="lien-he", show_in_menus=True)

    def menu(page):
        html = client.get(page.url).content.decode()
        return html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index('<nav class="main-nav"'))]

    for _ in range(2):  # the second round comes from the kept menus
        assert '<a href="/" aria-current="page">Trang chủ</a>' in menu(home_page)
        about_menu = menu(about)
        assert '<a href="/gioi-thieu/" aria-current="page">' in about_menu and "aria-current" not in (
            about_menu.replace('<a href="/gioi-thieu/" aria-current="page">', "")
        )
        assert '<a href="/gioi-thieu/" aria-current="true">' in menu(child)
        contact_menu = menu(contact)
        assert '<a href="/lien-he/" aria-current="page">' in contact_menu
        assert '<a href="/gioi-thieu/">' in contact_menu and '<a href="/">' in contact_menu

    about.title = "Về chúng tôi"
    about.save_revision().publish()
    assert '<a href="/gioi-thieu/" aria-current="true">Về chúng tôi</a>' in menu(child)

    settings = SiteSettings.for_site(home_page.get_site())
    settings.hotline = "1900 1234"
    settings.save()
    assert 'href="tel:19001234">1900 1234</a>' in client.get(child.url).content.decode()


def test_404_page_speaks_the_language_of_its_address(client, en_home_page):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Page not found</h1>" in html
    assert '<a href="/en/">Go to the home page</a>' in html


def test_server_error_page_needs_no_request_context(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Đã có lỗi xảy ra" in html
    assert '<h2 lang="en">Something went wrong</h2>' in html
