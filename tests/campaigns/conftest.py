import datetime

import pytest

from tests.factories.campaigns import (
    CampaignActivityFactory,
    CampaignIndexPageFactory,
    CampaignPageFactory,
    CampaignTargetFactory,
    StoryIndexPageFactory,
)
from tests.factories.network import OrganisationFactory
from tests.factories.news import NewsIndexPageFactory


@pytest.fixture
def campaign_index(home_page):
    return CampaignIndexPageFactory(parent=home_page)


@pytest.fixture
def story_index(home_page):
    return StoryIndexPageFactory(parent=home_page)


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def campaign(campaign_index):
    """Hải Phòng's Encouraging Learning Month 2023 with one activity and two targets."""
    page = CampaignPageFactory(
        parent=campaign_index,
        title="Tháng Khuyến học năm 2023",
        slug="thang-khuyen-hoc-2023",
        theme="Công dân Hải Phòng phấn đấu trở thành “Công dân học tập”",
        purposes="<p>Khơi dậy truyền thống hiếu học.</p>",
    )
    association = OrganisationFactory(name="Hội Khuyến học Hải Phòng")
    page.lead_organisations.add(association)
    CampaignActivityFactory(
        page=page, title="Ký kết chương trình phối hợp với lực lượng vũ trang", lead_organisation=association
    )
    CampaignTargetFactory(
        page=page,
        label="Tỉ lệ hội viên khuyến học",
        target_value="27.5",
        achieved_value="22",
        as_of=datetime.date(2023, 10, 2),
    )
    CampaignTargetFactory(
        page=page, label="Ban Khuyến học mới mỗi quận, huyện", target_value=10, unit="number", unit_label="ban"
    )
    page.save_revision().publish()
    return page
