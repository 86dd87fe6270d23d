import datetime
import re

from playwright.sync_api import expect

from campaigns.services import local_today
from tests.factories.campaigns import (
    CampaignActivityFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    CampaignTargetFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory


def test_home_to_current_campaign_to_a_story_and_back_to_the_campaign_news(page, assert_accessible, home_page):
    today = local_today()
    campaign = CampaignPageFactory(
        parent=CampaignIndexPageFactory(parent=home_page),
        title="Đợt thi đua Công dân học tập",
        slug="dot-thi-dua",
        year=today.year,
        theme="Mỗi người dân là một công dân học tập",
        start_date=today - datetime.timedelta(days=5),
        end_date=today + datetime.timedelta(days=10),
    )
    CampaignActivityFactory(page=campaign, title="Tập huấn đánh giá danh hiệu")
    CampaignTargetFactory(page=campaign, label="Gia đình học tập", achieved_value=45, as_of=today)
    campaign.save_revision().publish()
    StoryPageFactory(
        parent=StoryIndexPageFactory(parent=home_page),
        title="Ba thế hệ cùng học",
        slug="ba-the-he",
        campaign=campaign,
        pull_quote="Nhà tôi không giàu, nhưng tủ sách thì lúc nào cũng đầy.",
    )
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, title="Phát động đợt thi đua", slug="phat-dong", campaign=campaign, date=today)
    NewsPageFactory(parent=news_index, title="Tin của năm trước", slug="nam-truoc")

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/")
    section = page.get_by_role("region", name="Chiến dịch đang diễn ra")
    expect(section.get_by_role("heading", name="Đợt thi đua Công dân học tập")).to_be_visible()
    expect(section.get_by_role("progressbar", name="Gia đình học tập")).to_have_attribute("value", "75")
    assert_accessible(page)

    section.get_by_role("link", name="Xem chiến dịch").click()
    expect(page).to_have_url(re.compile(r"/chien-dich/dot-thi-dua/$"))
    expect(page.locator("h1")).to_have_text("Đợt thi đua Công dân học tập")
    expect(page.get_by_text("Đang diễn ra · còn 10 ngày").first).to_be_visible()
    assert_accessible(page)
    # The copy button is progressive enhancement: the address stays readable in its field.
    page.get_by_role("button", name="Sao chép đường dẫn").click()
    expect(page.get_by_role("status").filter(has_text="Đã sao chép đường dẫn")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()").endswith("/chien-dich/dot-thi-dua/")

    page.get_by_role("region", name="Gương điển hình của chiến dịch").get_by_role(
        "link", name="Ba thế hệ cùng học"
    ).click()
    expect(page.locator("h1")).to_have_text("Ba thế hệ cùng học")
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name="Đợt thi đua Công dân học tập").click()
    expect(page).to_have_url(re.compile(r"/chien-dich/dot-thi-dua/$"))
    news = page.get_by_role("region", name="Tin tức của chiến dịch")
    expect(news.get_by_role("link", name="Phát động đợt thi đua")).to_be_visible()
    news.get_by_role("link", name="Tất cả tin tức của chiến dịch").click()
    expect(page.get_by_role("link", name="Phát động đợt thi đua")).to_be_visible()
    expect(page.get_by_role("link", name="Tin của năm trước")).to_have_count(0)
    assert_accessible(page)
