"""Vietnamese titles make readable addresses, in the admin and on the server; garbled ones are replaced."""

import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.models import CampaignKind
from home.models import StandardPage
from home.slugs import legacy_slugs, slug_formatters, vietnamese_slug
from tests.factories.home import StandardPageFactory

pytestmark = pytest.mark.django_db

TITLE = "Tuần lễ hưởng ứng học tập suốt đời 2026"


def test_vietnamese_titles_are_transliterated():
    assert vietnamese_slug(TITLE) == "tuan-le-huong-ung-hoc-tap-suot-doi-2026"
    assert vietnamese_slug("ĐẠI HỘI Khuyến học – Ngày Sách và Văn hóa đọc!") == (
        "dai-hoi-khuyen-hoc-ngay-sach-va-van-hoa-doc"
    )
    # Decomposed text (as some keyboards and PDF copies give it) ends the same.
    assert vietnamese_slug("Tu\u0061\u0302\u0300n le\u0302\u0303") == "tuan-le"


def test_the_admin_formatters_cover_every_vietnamese_letter():
    """What the slug field's JavaScript applies, run here with Python's regex engine."""
    text = "Tuần lễ hưởng ứng học tập suốt đời ĐỒNG THÁP Ỷ Ỹ Ỵ"
    for pattern, replacement in slug_formatters():
        text = re.sub(pattern, replacement, text)
    assert text == "Tuan le huong ung hoc tap suot doi doNG THaP y y y"
    assert text.isascii()


def test_the_old_garbled_forms_are_recognised():
    assert legacy_slugs(TITLE) == {"tun-l-hng-ng-hc-tp-sut-dji-2026", "tuan-le-huong-ung-hoc-tap-suot-oi-2026"}
    assert legacy_slugs("Annual report 2026") == set()


def test_pages_saved_without_a_slug_get_the_transliterated_one(home_page):
    page = StandardPage(title=TITLE)
    home_page.add_child(instance=page)
    assert page.slug == "tuan-le-huong-ung-hoc-tap-suot-doi-2026"
    twin = StandardPage(title=TITLE)
    home_page.add_child(instance=twin)
    assert twin.slug == "tuan-le-huong-ung-hoc-tap-suot-doi-2026-2"


def test_every_slug_field_of_the_admin_transliterates(home_page, admin_client):
    page_form = admin_client.get(reverse("wagtailadmin_pages:add", args=("home", "standardpage", home_page.pk)))
    snippet_form = admin_client.get(reverse(CampaignKind.snippet_viewset.get_url_name("add")))
    for response in (page_form, snippet_form):
        html = response.content.decode()
        assert 'data-controller="w-slug' in html
        assert "data-w-slug-formatters-value" in html
        assert "\\u1ea7" in html or "ầ" in html  # "ầ", the letter the old map dropped


def test_fix_slugs_replaces_garbled_addresses_with_redirects(home_page, client, django_capture_on_commit_callbacks):
    parent = StandardPageFactory(parent=home_page, title=TITLE, slug="tun-l-hng-ng-hc-tp-sut-dji-2026")
    child = StandardPageFactory(parent=parent, title="Chương trình", slug="chuong-trinh")
    fine = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu")
    custom = StandardPageFactory(parent=home_page, title="Tháng Khuyến học", slug="thang-9")

    call_command("fix_slugs", "--dry-run", stdout=io.StringIO())
    parent.refresh_from_db()
    assert parent.slug == "tun-l-hng-ng-hc-tp-sut-dji-2026"

    with django_capture_on_commit_callbacks(execute=True):
        call_command("fix_slugs", stdout=io.StringIO())
    parent.refresh_from_db()
    child.refresh_from_db()
    assert parent.slug == "tuan-le-huong-ung-hoc-tap-suot-doi-2026"
    assert child.url_path.endswith("/tuan-le-huong-ung-hoc-tap-suot-doi-2026/chuong-trinh/")
    # The editor's next edit starts from the new address, not from the revision's old one.
    assert parent.get_latest_revision_as_object().slug == parent.slug
    for page in (fine, custom):
        assert Page.objects.get(pk=page.pk).slug == page.slug

    assert Redirect.objects.filter(old_path="/tun-l-hng-ng-hc-tp-sut-dji-2026", redirect_page=parent).exists()
    response = client.get("/tun-l-hng-ng-hc-tp-sut-dji-2026/chuong-trinh/")
    assert response.status_code == 301
    assert response["Location"].endswith("/tuan-le-huong-ung-hoc-tap-suot-doi-2026/chuong-trinh/")
    assert client.get("/tuan-le-huong-ung-hoc-tap-suot-doi-2026/").status_code == 200


def test_a_draft_keeps_its_pending_changes_when_its_address_is_fixed(home_page):
    page = StandardPageFactory(parent=home_page, title="Gia đình học tập", slug="gia-djinh-hc-tp")
    page.intro = "<p>Bản nháp chưa xuất bản</p>"
    page.save_revision()
    call_command("fix_slugs", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.slug == "gia-dinh-hoc-tap"
    draft = page.get_latest_revision_as_object()
    assert draft.slug == "gia-dinh-hoc-tap"
    assert draft.intro == "<p>Bản nháp chưa xuất bản</p>"
    assert page.specific.intro != draft.intro


def _create(admin_client, parent, title, slug=""):
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", parent.pk))
    data = nested_form_data(
        {"title": title, "slug": slug, "intro": rich_text(""), "body": streamfield([]), "comments": inline_formset([])}
    )
    return admin_client.post(url, {**data, "action-publish": "1"})


def test_an_abandoned_draft_does_not_block_the_address(home_page, admin_client, django_user_model):
    someone = django_user_model.objects.create_user("other")
    abandoned = StandardPage(title=TITLE, slug="tuan-le-huong-ung-hoc-tap-suot-doi-2026", live=False, owner=someone)
    home_page.add_child(instance=abandoned)
    abandoned.save_revision()
    StandardPage.objects.filter(pk=abandoned.pk).update(
        latest_revision_created_at=timezone.now() - datetime.timedelta(days=2)
    )

    response = _create(admin_client, home_page, TITLE, "tuan-le-huong-ung-hoc-tap-suot-doi-2026")
    assert response.status_code == 302
    published = StandardPage.objects.live().get(title=TITLE)
    assert published.slug == "tuan-le-huong-ung-hoc-tap-suot-doi-2026"
    abandoned.refresh_from_db()
    assert abandoned.slug == f"tuan-le-huong-ung-hoc-tap-suot-doi-2026-ban-nhap-{abandoned.pk}"
    assert abandoned.get_latest_revision_as_object().slug == abandoned.slug


def test_a_colleagues_fresh_draft_blocks_the_address_with_a_clear_message(home_page, admin_client, django_user_model):
    someone = django_user_model.objects.create_user("other")
    draft = StandardPage(title="Bản nháp của đồng nghiệp", slug="tuan-le-2026", live=False, owner=someone)
    home_page.add_child(instance=draft)
    draft.save_revision()

    response = _create(admin_client, home_page, TITLE, "tuan-le-2026")
    assert response.status_code == 200
    assert "Bản nháp của đồng nghiệp" in response.content.decode()
    draft.refresh_from_db()
    assert draft.slug == "tuan-le-2026"


def test_a_campaign_kind_added_from_its_chooser_gets_its_address(admin_client):
    url = reverse(CampaignKind.snippet_viewset.chooser_viewset.get_url_name("create"))
    response = admin_client.post(url, {"name": "Ngày Đọc sách toàn dân", "name_en": "Reading Day"})
    assert response.json()["step"] == "chosen"
    assert CampaignKind.objects.get(name="Ngày Đọc sách toàn dân").slug == "ngay-doc-sach-toan-dan"


def test_wagtails_own_slug_fields_get_the_transliteration_too(home_page, admin_client):
    page = StandardPageFactory(parent=home_page, title="Giới thiệu", slug="gioi-thieu")
    html = admin_client.get(reverse("wagtailadmin_pages:copy", args=[page.pk])).content.decode()
    assert 'name="new_slug"' in html
    assert "home/js/slug-formatters.js" in html and "data-formatters=" in html
