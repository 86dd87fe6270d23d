import datetime
import json
import re

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import CampaignIndexPage
from tests.factories.campaigns import (
    CampaignActivityFactory,
    CampaignPageFactory,
    StoryPageFactory,
    campaign_kind,
)
from tests.factories.network import OrganisationFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    """Pages see 20 September 2023 as today."""
    day = datetime.date(2023, 9, 20)
    monkeypatch.setattr(services, "local_today", lambda now=None: day)
    return day


def json_ld(html):
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_campaign_page_shows_status_activities_and_accessible_targets(client, campaign, today):
    html = client.get(campaign.url).content.decode()
    assert "Đang diễn ra · còn 12 ngày" in html
    assert "Công dân Hải Phòng phấn đấu trở thành “Công dân học tập”" in html
    assert "Ký kết chương trình phối hợp với lực lượng vũ trang" in html
    assert "Đơn vị chủ trì" in html and "Hội Khuyến học Hải Phòng" in html
    # 22% of a 27.5% target: 80% of the way, with a label the progress bar points to.
    assert re.search(r'<span id="target-1">Tỉ lệ hội viên khuyến học</span>', html)
    assert '<progress class="progress__bar" max="100" value="80" aria-labelledby="target-1">' in html
    assert "22% / 27,5%" in html
    assert "Chỉ tiêu: 10 ban" in html
    assert "Chưa có báo cáo kết quả." in html
    # Dates as people in Vietnam write them, with machine-readable ones beside them.
    period = '<time datetime="2023-09-02">02/09/2023</time> – <time datetime="2023-10-02">02/10/2023</time>'
    assert html.count(period) == 2  # under the title and in the facts


@pytest.mark.parametrize(
    ("day", "badge"),
    [
        (datetime.date(2023, 9, 1), "Sắp diễn ra · còn 1 ngày nữa"),
        (datetime.date(2023, 10, 2), "Đang diễn ra · ngày cuối"),
        (datetime.date(2023, 10, 3), "Đã kết thúc"),
    ],
)
def test_status_badge_follows_today(client, campaign, monkeypatch, day, badge):
    monkeypatch.setattr(services, "local_today", lambda now=None: day)
    assert badge in client.get(campaign.url).content.decode()


def test_share_links_need_no_third_party_script(client, campaign, today):
    html = client.get(campaign.url).content.decode()
    encoded = "http%3A%2F%2Ftestserver%2Fchien-dich%2Fthang-khuyen-hoc-2023%2F"
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in html
    assert f'href="https://zalo.me/share?url={encoded}"' in html
    assert 'value="http://testserver/chien-dich/thang-khuyen-hoc-2023/" readonly' in html
    assert '<label for="share-url-page">Đường dẫn đến trang này</label>' in html
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert all(src.startswith("/static/") for src in scripts)


def test_campaign_json_ld_is_an_event(client, campaign, today):
    data = json_ld(client.get(campaign.url).content.decode())
    assert data[0]["@type"] == "Event"
    assert data[0]["startDate"] == "2023-09-02" and data[0]["endDate"] == "2023-10-02"
    assert data[0]["organizer"] == [{"@type": "Organization", "name": "Hội Khuyến học Hải Phòng"}]


def test_hero_image_is_shared_when_there_is_no_social_image(client, campaign, today):
    from home.seed import generated_image

    campaign.hero_image = generated_image("Ảnh bìa chiến dịch")
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+\.jpg">', html)
    assert html.count('property="og:image"') == 1


def test_a_storys_photo_and_a_news_items_picture_are_shared_as_their_json_ld_says(
    client, story_index, news_index, campaign
):
    from home.seed import generated_image

    story = StoryPageFactory(parent=story_index, title="Ba thế hệ cùng học", photo=generated_image("Ảnh gia đình"))
    news = NewsPageFactory(parent=news_index, title="Ban hành kế hoạch", image=generated_image("Ảnh hội nghị"))
    for page in (story, news):
        html = client.get(page.url).content.decode()
        [shared] = re.findall(r'<meta property="og:image" content="([^"]+)">', html)
        assert shared.startswith("http://testserver/") and shared.endswith(".jpg")
        assert json_ld(html)[0]["image"] == shared
        assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_print_view_is_an_official_layout(client, campaign, today):
    response = client.get(campaign.url + "print/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert "HỘI KHUYẾN HỌC HẢI PHÒNG" in html
    assert "THÁNG KHUYẾN HỌC NĂM 2023" in html
    assert '<meta name="robots" content="noindex">' in html
    assert re.search(r"<td>1</td>\s*<td><strong>Ký kết chương trình", html)
    assert "<td>Hội Khuyến học Hải Phòng</td>" in html
    assert "<td>27,5%</td><td>22%</td><td>02/10/2023</td>" in html


def test_campaign_page_lists_its_stories_and_news_with_feeds(client, campaign, story_index, news_index, today):
    other = CampaignPageFactory(parent=campaign.get_parent(), slug="khac")
    StoryPageFactory(parent=story_index, title="Gia đình ông Lộc", slug="gia-dinh-ong-loc", campaign=campaign)
    StoryPageFactory(parent=story_index, title="Dòng họ Nguyễn", slug="dong-ho-nguyen", campaign=other)
    NewsPageFactory(parent=news_index, title="Ký kết chương trình", slug="ky-ket", campaign=campaign)
    NewsPageFactory(parent=news_index, title="Tin khác", slug="tin-khac", campaign=other)
    html = client.get(campaign.url).content.decode()
    assert "Gia đình ông Lộc" in html and "Dòng họ Nguyễn" not in html
    assert "Ký kết chương trình" in html and "Tin khác" not in html
    assert html.index("Gương điển hình của chiến dịch") < html.index("Tin tức của chiến dịch")
    assert f'href="/guong-dien-hinh/?campaign={campaign.pk}"' in html
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/chien-dich/thang-khuyen-hoc-2023/atom/"' in html

    rss = client.get(campaign.url + "rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "<title>Ký kết chương trình</title>" in body and "Tin khác" not in body
    assert "<link>http://testserver/tin-tuc/ky-ket/</link>" in body
    atom = client.get(campaign.url + "atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Ký kết chương trình" in atom.content.decode()


def test_news_index_feeds_filters_and_alternate_links(client, news_index, campaign):
    NewsPageFactory(
        parent=news_index, title="Kế hoạch tháng", slug="ke-hoach", category="plan", date=datetime.date(2023, 8, 25)
    )
    report = NewsPageFactory(
        parent=news_index, title="Trao học bổng", slug="hoat-dong", category="activity_report", campaign=campaign
    )
    report.tags.add("Học bổng")
    report.save_revision().publish()
    html = client.get(news_index.url).content.decode()
    assert 'type="application/rss+xml" title="Tin tức (RSS)" href="/tin-tuc/rss/"' in html
    assert "2 tin" in html
    filtered = client.get(news_index.url, {"category": "plan"}).content.decode()
    assert "Kế hoạch tháng" in filtered and "Trao học bổng" not in filtered
    tagged = client.get(news_index.url, {"tag": "Học bổng"}).content.decode()
    assert "Trao học bổng" in tagged and "Kế hoạch tháng" not in tagged
    by_campaign = client.get(news_index.url, {"campaign": campaign.pk}).content.decode()
    assert "Trao học bổng" in by_campaign and "Kế hoạch tháng" not in by_campaign
    rss = client.get("/tin-tuc/rss/").content.decode()
    assert rss.index("Trao học bổng") < rss.index("Kế hoạch tháng")
    assert "<category>Học bổng</category>" in rss
    assert "Trao học bổng" in client.get("/tin-tuc/atom/").content.decode()


def test_bad_filter_values_explain_and_still_list(client, campaign_index, campaign):
    html = client.get(campaign_index.url, {"year": "abc", "kind": "khong-co"}).content.decode()
    assert "Tháng Khuyến học năm 2023" in html
    assert '<p class="error-message" id="id_year-error">' in html
    assert 'aria-describedby="id_year-error"' in html and 'aria-invalid="true"' in html


def test_campaign_index_groups_by_status_and_filters(client, campaign_index, campaign, today):
    CampaignPageFactory(
        parent=campaign_index,
        title="Tuần lễ học tập suốt đời 2023",
        slug="tuan-le-2023",
        kind=campaign_kind("tuan-le-hoc-tap-suot-doi"),
        start_date=datetime.date(2023, 10, 2),
        end_date=datetime.date(2023, 10, 8),
    )
    CampaignPageFactory(
        parent=campaign_index,
        title="Tháng Khuyến học 2022",
        slug="thang-khuyen-hoc-2022",
        year=2022,
        start_date=datetime.date(2022, 9, 2),
        end_date=datetime.date(2022, 10, 2),
    )
    html = client.get(campaign_index.url).content.decode()
    ongoing, upcoming, past = (
        html.index(h) for h in ("Chiến dịch đang diễn ra", "Chiến dịch sắp diễn ra", "Chiến dịch đã kết thúc")
    )
    assert (
        ongoing
        < html.index("Tháng Khuyến học năm 2023")
        < upcoming
        < html.index("Tuần lễ học tập suốt đời 2023")
        < past
    )
    assert html.index("Tháng Khuyến học 2022") > past
    by_kind = client.get(campaign_index.url, {"kind": "tuan-le-hoc-tap-suot-doi"}).content.decode()
    assert "Tuần lễ học tập suốt đời 2023" in by_kind and "Tháng Khuyến học 2022" not in by_kind
    by_year = client.get(campaign_index.url, {"year": "2022"}).content.decode()
    assert "Tháng Khuyến học 2022" in by_year and "Tháng Khuyến học năm 2023" not in by_year
    assert (
        "Không có chiến dịch nào phù hợp với bộ lọc."
        in client.get(campaign_index.url, {"year": "2022", "kind": "khac"}).content.decode()
    )


def test_story_index_filters_and_paginates(client, story_index, campaign):
    for n in range(10):
        StoryPageFactory(parent=story_index, title=f"Gia đình học tập {n}", slug=f"gia-dinh-{n}")
    StoryPageFactory(
        parent=story_index,
        title="Dòng họ Nguyễn",
        slug="dong-ho",
        earned_title="learning_clan",
        district="Huyện An Dương",
        campaign=campaign,
    )
    first = client.get(story_index.url).content.decode()
    assert "11 gương điển hình" in first
    assert first.count('class="card card--link"') == 9
    assert 'href="?p=2"' in first
    second = client.get(story_index.url, {"p": 2}).content.decode()
    assert second.count('class="card card--link"') == 2
    assert client.get(story_index.url, {"p": 99}).status_code == 200
    clans = client.get(story_index.url, {"title": "learning_clan"}).content.decode()
    assert "Dòng họ Nguyễn" in clans and "Gia đình học tập 1" not in clans
    district = client.get(story_index.url, {"district": "Huyện An Dương"}).content.decode()
    assert "1 gương điển hình" in district
    by_campaign = client.get(story_index.url, {"campaign": campaign.pk, "title": "learning_clan"}).content.decode()
    assert "Dòng họ Nguyễn" in by_campaign
    assert 'href="?campaign=' not in by_campaign  # a single page: no pagination


def test_story_page_is_an_article_linking_its_campaign(client, story_index, campaign):
    story = StoryPageFactory(
        parent=story_index,
        title="Ba thế hệ cùng học",
        slug="ba-the-he",
        campaign=campaign,
        pull_quote="Nhà tôi không giàu, nhưng tủ sách thì lúc nào cũng đầy.",
    )
    html = client.get(story.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert "Nhà tôi không giàu" in html
    assert f'<a href="{campaign.url}">Tháng Khuyến học năm 2023</a>' in html
    data = json_ld(html)[0]
    assert data["@type"] == "Article" and data["headline"] == "Ba thế hệ cùng học"
    assert data["contentLocation"]["name"] == "Phường 5, Quận 8"


def test_news_page_is_a_news_article_with_its_documents(client, news_index, campaign):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title="Kế hoạch Tháng Khuyến học")
    document.file.save("ke-hoach.pdf", ContentFile(b"%PDF-1.4 demo"), save=True)
    news = NewsPageFactory(
        parent=news_index, title="Ban hành kế hoạch", slug="ban-hanh", category="plan", campaign=campaign
    )
    news.documents.create(document=document)
    news.save_revision().publish()
    html = client.get(news.url).content.decode()
    assert "Kế hoạch Tháng Khuyến học" in html and "(PDF" in html
    assert '<meta property="article:published_time" content="2023-09-05">' in html
    data = json_ld(html)[0]
    assert data["@type"] == "NewsArticle" and data["articleSection"] == "Kế hoạch"
    assert news.get_search_extras()["documents"] == [document]


def test_english_campaign_page(client, campaign, en_home_page, locales, today):
    index = campaign.get_parent().specific
    english_index = index.copy_for_translation(locales["en"])
    english_index.slug = "campaigns"
    english_index.save_revision().publish()
    english = campaign.copy_for_translation(locales["en"])
    english.title, english.slug = "Encouraging Learning Month 2023", "learning-month-2023"
    english.save_revision().publish()
    html = client.get("/en/campaigns/learning-month-2023/").content.decode()
    assert '<html lang="en">' in html
    assert "Ongoing · 12 days left" in html
    assert "Encouraging Learning Month · 2023" in html
    assert "20 September 2023" not in html
    assert (
        '<time datetime="2023-09-02">2 September 2023</time> – <time datetime="2023-10-02">2 October 2023</time>'
        in html
    )


def test_home_features_the_ongoing_else_the_next_campaign(client, home_page, campaign_index, monkeypatch, settings):
    # The test moves the date by hand; the page cache keeps pages and sections until the real midnight.
    settings.PAGE_CACHE_ENABLED = settings.PAGE_CACHE_FRAGMENTS = False
    CampaignPageFactory(
        parent=campaign_index,
        title="Tuần lễ học tập suốt đời",
        slug="tuan-le",
        start_date=datetime.date(2023, 10, 2),
        end_date=datetime.date(2023, 10, 8),
    )
    monkeypatch.setattr(services, "local_today", lambda now=None: datetime.date(2023, 9, 25))
    html = client.get("/").content.decode()
    assert "Chiến dịch sắp tới" in html and "Tuần lễ học tập suốt đời" in html
    assert "Bắt đầu sau <strong>7</strong> ngày" in html
    monkeypatch.setattr(services, "local_today", lambda now=None: datetime.date(2023, 10, 3))
    html = client.get("/").content.decode()
    assert "Chiến dịch đang diễn ra" in html and "Còn <strong>5</strong> ngày" in html
    monkeypatch.setattr(services, "local_today", lambda now=None: datetime.date(2023, 10, 9))
    assert "home-campaign-heading" not in client.get("/").content.decode()


def test_sitemap_lists_campaigns_stories_and_news(client, campaign, story_index, news_index):
    story = StoryPageFactory(parent=story_index, slug="ba-the-he")
    news = NewsPageFactory(parent=news_index, slug="ban-hanh")
    sitemap = client.get(reverse("sitemap")).content.decode()
    for page in (campaign, story, news, campaign.get_parent()):
        assert f"http://testserver{page.url}" in sitemap


def test_previews_render(campaign, story_index, news_index):
    story = StoryPageFactory(parent=story_index)
    news = NewsPageFactory(parent=news_index)
    for page in (campaign, campaign.get_parent().specific, story, story_index, news, news_index):
        assert page.make_preview_request().status_code == 200


def test_unsaved_campaign_preview_renders(campaign_index):
    page = CampaignPageFactory.build(title="Bản nháp", slug="ban-nhap")
    page.depth, page.path = campaign_index.depth + 1, campaign_index.path + "9999"
    page.locale = campaign_index.locale
    assert page.make_preview_request().status_code == 200


def test_search_extras_speak_the_page_language(campaign, story_index, locales):
    story = StoryPageFactory(parent=story_index, earned_title="learning_clan", campaign=campaign)
    assert story.get_search_extras()["facets"] == {"title_earned": ["Dòng họ học tập"], "district": ["Quận 8"]}
    extras = campaign.get_search_extras()
    assert extras["facets"] == {"campaign_kind": ["Tháng Khuyến học"]}
    assert "Ký kết chương trình phối hợp" in extras["text"]
    english = campaign.copy_for_translation(locales["en"], copy_parents=True)
    assert english.specific.get_search_extras()["facets"] == {"campaign_kind": ["Encouraging Learning Month"]}


def test_page_type_rules():
    from campaigns.models import CampaignPage, StoryIndexPage, StoryPage
    from home.models import HomePage
    from news.models import NewsIndexPage, NewsPage

    assert CampaignIndexPage.allowed_parent_page_models() == [HomePage]
    assert CampaignIndexPage.allowed_subpage_models() == [CampaignPage]
    assert StoryIndexPage.allowed_subpage_models() == [StoryPage]
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert CampaignPage.allowed_subpage_models() == []


def test_each_activity_lists_its_own_coordinating_units_by_name_on_the_page_and_the_plan(client, campaign_index):
    page = CampaignPageFactory(parent=campaign_index)
    names = ("Liên đoàn Lao động", "Hội Cựu chiến binh", "Hội Phụ nữ")
    units = {name: OrganisationFactory(name=name) for name in names}
    reading = CampaignActivityFactory(page=page, title="Ngày hội đọc sách", sort_order=0)
    reading.coordinating_organisations.set([units["Hội Phụ nữ"], units["Liên đoàn Lao động"]])
    reading.save()  # modelcluster keeps the choice in memory until then
    CampaignActivityFactory(page=page, title="Tuyên dương gia đình học tập", sort_order=1)
    awards = CampaignActivityFactory(page=page, title="Trao học bổng", sort_order=2, other_coordinators="các trường")
    awards.coordinating_organisations.set([units["Hội Cựu chiến binh"], units["Hội Phụ nữ"]])
    awards.save()
    page.save_revision().publish()

    def listed(html, title, until=None):
        """What the page says of one activity, from its title to the next one's, without tags."""
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
        start = text.index(title)
        return text[start : text.index(until, start) if until else None]

    for url in (page.url, page.url + "print/"):
        html = client.get(url).content.decode()
        first = listed(html, "Ngày hội đọc sách", "Tuyên dương gia đình học tập")
        assert "Hội Phụ nữ; Liên đoàn Lao động" in first and "Cựu chiến binh" not in first
        assert not any(name in listed(html, "Tuyên dương gia đình học tập", "Trao học bổng") for name in units)
        assert "Hội Cựu chiến binh; Hội Phụ nữ; các trường" in listed(html, "Trao học bổng")
