"""The demo site as a citizen reads it, in Vietnamese and in English: one seeded site for the module.

Every page of the sitemap, and the routed pages people reach from them, is fetched and checked:
English pages carry no Vietnamese text outside elements marked ``lang="vi"``, every page
describes itself, names its versions in both languages and links only to the public address.
"""

import re
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from evaluation.models import TITLE_SLUGS, Certificate, EvaluationPage
from events.models import EventIndexPage, EventPage
from network.models import Area, Organisation
from news.models import NewsPage

pytestmark = pytest.mark.django_db

PUBLIC = "https://hoctap.example.vn"

VIETNAMESE_LETTERS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
WORD = re.compile(rf"[A-Za-z{VIETNAMESE_LETTERS}{VIETNAMESE_LETTERS.upper()}]+")
# Vietnamese proper names keep their capitals ("Lê Quý Đôn"); prose, and the common nouns of
# place names that English translates ("Phường", "Quận"), give Vietnamese text away.
VIETNAMESE_NOUNS = {"Phường", "Quận", "Huyện", "Xã", "Tỉnh", "Sở", "Hội", "Trường"}
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


class _ReadableText(HTMLParser):
    """The text a reader meets (content, alt texts, labels, the description), except what is marked
    as another language with ``lang`` and what is code (<script>, <style>)."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []
        self.parts = []

    def _skipped(self):
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = attributes.get("lang")
        skipped = self._skipped() or tag in ("script", "style") or (lang is not None and lang != self.language)
        if not skipped:
            self.parts.extend(attributes[name] for name in READ_ATTRIBUTES if attributes.get(name))
            if tag == "meta" and (attributes.get("name") == "description" or attributes.get("property") == "og:title"):
                self.parts.append(attributes.get("content", ""))
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if not self._skipped():
            self.parts.append(data)


def vietnamese_words(html, language="en"):
    parser = _ReadableText(language)
    parser.feed(html)
    words = WORD.findall(" ".join(parser.parts))
    return [
        word
        for word in words
        if word in VIETNAMESE_NOUNS or (word[0].islower() and any(letter in VIETNAMESE_LETTERS for letter in word))
    ]


def test_the_detector_tells_vietnamese_text_from_vietnamese_names():
    assert vietnamese_words("<p>Training by Mr Trần Văn Lộc at Lê Quý Đôn High School</p>") == []
    assert vietnamese_words('<p>Address: <span lang="vi">68 Lê Thánh Tôn, phường Sài Gòn</span></p>') == []
    assert vietnamese_words("<p>Organisers: Sở Giáo dục và Đào tạo</p>") == ["Sở", "dục", "và", "tạo"]
    assert vietnamese_words('<img alt="Ảnh minh họa">') == ["họa"]
    assert vietnamese_words("<p>68 Lê Thánh Tôn, Phường Bến Nghé</p>") == ["Phường"]
    assert vietnamese_words("<script>var x = 'không';</script><p>Lifelong learning</p>") == []


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo once for the module, rolled back at its end."""
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PUBLIC_BASE_URL=PUBLIC),
        transaction.atomic(),
    ):
        call_command("seed_demo", "--no-index", stdout=StringIO())
        yield media
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _media_root(demo, settings):
    """The seeded images stay where the seed put them."""
    settings.MEDIA_ROOT = demo
    settings.PUBLIC_BASE_URL = PUBLIC
    settings.WAGTAILADMIN_BASE_URL = PUBLIC


def sitemap_paths(client, language):
    xml = client.get("/sitemap.xml").content.decode()
    paths = [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", xml)]
    return [path for path in paths if path.startswith("/en/") == (language == "en")]


def routed_paths(language):
    """Pages people reach from the sitemap's pages: calendar, archive, search, the self-assessment's
    start and "lost your link" forms, the certificate check (a demo certificate's QR code)."""
    index = EventIndexPage.objects.live().get(locale__language_code=language)
    search = "/en/search/?q=learning" if language == "en" else "/search/?q=hoc+tap"
    evaluation = EvaluationPage.objects.live().get(locale__language_code=language)
    starts = [
        evaluation.url + evaluation.reverse_subpage("start", kwargs={"title_slug": s}) for s in TITLE_SLUGS.values()
    ]
    with translation.override(language):
        certificate = reverse("evaluation:verify", kwargs={"code": Certificate.objects.order_by("pk").first().code})
        checks = [reverse("evaluation:verify_form"), certificate]
    resend = evaluation.url + evaluation.reverse_subpage("resend")
    return [f"{index.url}?view=calendar", f"{index.url}past/", search, *starts, resend, *checks]


def fetch(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
    return response.content.decode()


def test_english_pages_hold_no_vietnamese_text(client):
    paths = sitemap_paths(client, "en") + routed_paths("en")
    directory = next(path for path in paths if path.endswith("/learning-centres/"))
    paths += re.findall(rf'href="({directory}\d+-[^"]+)"', fetch(client, directory))
    assert len(paths) > 60
    found = {}
    for path in paths:
        words = vietnamese_words(fetch(client, path))
        if words:
            found[path] = " ".join(words[:12])
    assert not found, "Vietnamese text on English pages:\n" + "\n".join(f"{p}: {w}" for p, w in found.items())


def test_every_unit_and_area_of_the_demo_has_an_english_name(demo):
    assert not list(Organisation.objects.filter(name_en="").values_list("name", flat=True))
    assert not list(Area.objects.filter(name_en="").values_list("name", flat=True))


def head_of(html):
    return html.split("</head>", 1)[0]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_page_describes_itself_and_names_its_translation(client, language):
    problems = []
    for path in sitemap_paths(client, language):
        html = fetch(client, path)
        head = head_of(html)
        own = re.search(r'<link rel="canonical" href="([^"]+)">', head)
        if not own or own.group(1) != PUBLIC + path:
            problems.append(f"{path}: canonical {own and own.group(1)}")
        for name in ('name="description"', 'property="og:description"'):
            if not re.search(rf'<meta {name} content="[^"]+">', head):
                problems.append(f"{path}: no {name}")
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))
        if set(alternates) != {"vi", "en", "x-default"} or alternates[language] != PUBLIC + path:
            problems.append(f"{path}: hreflang {alternates}")
        elif alternates["x-default"] != alternates["vi"]:
            problems.append(f"{path}: x-default is not the Vietnamese page")
        if re.search(r'<link rel="stylesheet"', html.split("</head>", 1)[1]):
            problems.append(f"{path}: a stylesheet in the body")
        hosts = {urlsplit(url).netloc for url in re.findall(r'https?://[^\s"\'<>]+', html)}
        if hosts & {"localhost", "testserver", "127.0.0.1"}:
            problems.append(f"{path}: links to {hosts & {'localhost', 'testserver', '127.0.0.1'}}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_search_self_assessment_and_certificate_check_name_their_translation(client, language):
    other = "vi" if language == "en" else "en"
    for path in routed_paths(language)[2:]:
        head = head_of(fetch(client, path))
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', head))
        assert set(alternates) == {"vi", "en", "x-default"}, path
        assert alternates[language] == PUBLIC + path and alternates["x-default"] == alternates["vi"], path
        translated = urlsplit(alternates[other])
        assert translated.netloc == urlsplit(PUBLIC).netloc
        html = fetch(client, translated.path + (f"?{translated.query}" if translated.query else ""))
        assert f'<html lang="{other}">' in html, alternates[other]


def test_the_english_training_page_reads_in_english(client):
    training = EventPage.objects.get(locale__language_code="en", slug="learning-citizen-learning-unit-training-2024")
    html = fetch(client, training.url)
    assert "Opening and introduction of delegates" in html
    assert "Ho Chi Minh City Department of Education and Training" in html
    assert "68 Le Thanh Ton Street" in html
    # The footer speaks English too.
    assert "Ho Chi Minh City Study Promotion Association</h2>" in html
    assert "Ben Nghe Ward, District 1<br>Ho Chi Minh City" in html


def test_english_event_pages_link_to_the_english_campaign(client):
    event = EventPage.objects.get(locale__language_code="en", slug="family-reading-day")
    campaign = event.campaign.specific
    assert campaign.locale.language_code == "en"
    html = fetch(client, event.url)
    assert f'<a href="{campaign.url}">{campaign.title}</a>' in html

    # An English event that still names the Vietnamese campaign (as an editor's copy does) links to its
    # English version all the same.
    vietnamese = campaign.get_translation(Page.objects.get(depth=2, locale__language_code="vi").locale)
    EventPage.objects.filter(pk=event.pk).update(campaign=vietnamese)
    assert f'<a href="{campaign.url}">{campaign.title}</a>' in fetch(client, event.url)

    index = fetch(client, event.get_parent().url)
    options = re.search(r'<select id="filter-campaign" name="campaign">(.*?)</select>', index, re.S).group(1)
    assert f">{campaign.title}</option>" in options
    assert vietnamese.title not in options
    chosen = re.search(rf'<option value="(\d+)"[^>]*>{re.escape(campaign.title)}</option>', options).group(1)
    filtered = fetch(client, f"{event.get_parent().url}?campaign={chosen}")
    assert event.title in filtered
    assert "Seminar “Building a learning unit in schools”" in filtered


def test_english_news_show_english_tags_and_document_titles(client):
    plan = NewsPage.objects.get(locale__language_code="en", slug="hai-phong-ban-hanh-ke-hoach-thang-khuyen-hoc-2023")
    html = fetch(client, plan.url)
    assert ">Encouraging Learning Month</a>" in html
    assert "Plan for the 2023 Encouraging Learning Month, Hai Phong (in Vietnamese)</a>" in html
    tagged = fetch(client, "/en/news/?tag=Encouraging+Learning+Month")
    assert plan.title in tagged
