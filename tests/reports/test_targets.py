"""Campaign targets backed by data: achieved values from approved figures, an editor's override with a note."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from wagtail import hooks

from campaigns.models import CampaignTarget
from reports import services
from reports.models import Status
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory, CampaignTargetFactory
from tests.factories.reports import DashboardPageFactory, report

from .conftest import titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home_page):
    index = CampaignIndexPageFactory(parent=home_page)
    return CampaignPageFactory(
        parent=index,
        title="Đợt thi đua cuối năm 2026",
        year=2026,
        start_date=datetime.date(2026, 10, 1),
        end_date=datetime.date(2026, 12, 31),
    )


@pytest.fixture
def indicator(version):
    return next(i for i in services.indicators_of(version) if i.code == "GD-TL")


def linked_target(campaign, indicator, area, **fields):
    target = CampaignTargetFactory(
        page=campaign,
        label="Gia đình đạt danh hiệu “Gia đình học tập”",
        target_value=60,
        indicator=indicator,
        area=area,
        year=2026,
        **fields,
    )
    campaign.save_revision().publish()
    return target


def test_the_achieved_value_comes_from_approved_figures_with_its_source(client, campaign, indicator, periods, reform):
    report(periods[2026], reform["N1"], titles(GD=(10, 20)))
    report(periods[2026], reform["N2"], titles(GD=(5, 10)))
    report(periods[2026], reform["N3"], titles(GD=(90, 90)), status=Status.SUBMITTED)  # not approved: not counted
    linked_target(campaign, indicator, reform["city"])
    html = client.get(campaign.url).content.decode()
    assert "50% / 60%" in html
    assert '<progress class="progress__bar" max="100" value="83"' in html  # 50 of 60
    assert "Nguồn: 2 báo cáo đã duyệt, Thống kê danh hiệu học tập 2026, cập nhật ngày" in html


def test_an_editor_overrides_the_figures_with_a_note(client, campaign, indicator, periods, reform):
    report(periods[2026], reform["N1"], titles(GD=(10, 20)))
    linked_target(
        campaign,
        indicator,
        reform["city"],
        achieved_value=58,
        as_of=datetime.date(2026, 11, 30),
        achieved_note="Số tạm tính của Hội Khuyến học",
    )
    html = client.get(campaign.url).content.decode()
    assert "58%" in html and "Do biên tập viên nhập: Số tạm tính của Hội Khuyến học" in html
    assert 'value="97"' in html


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"year": None}, "year", "Hãy nhập năm của số liệu."),
        ({"area": None}, "area", "Hãy chọn địa bàn có số liệu được tính cho chỉ tiêu này."),
        (
            {"achieved_value": 58, "as_of": datetime.date(2026, 11, 30)},
            "achieved_note",
            "Hãy nêu lý do giá trị nhập tay thay cho số liệu báo cáo.",
        ),
        ({"indicator": None}, "indicator", "Hãy chọn chỉ số có số liệu được tính cho chỉ tiêu này."),
    ],
)
def test_a_data_backed_target_is_checked(campaign, indicator, reform, fields, field, message):
    target = CampaignTarget(
        page=campaign,
        label="Gia đình học tập",
        target_value=60,
        unit="percent",
        indicator=indicator,
        area=reform["city"],
        year=2026,
    )
    for name, value in fields.items():
        setattr(target, name, value)
    with pytest.raises(ValidationError) as error:
        target.full_clean(exclude=["page"])
    assert error.value.message_dict[field] == [message]


def test_recognitions_from_the_evaluation_feed_the_target_and_say_so(client, campaign, version, periods, reform):
    citizens = next(i for i in services.indicators_of(version) if i.code == "CDHT-TL")
    periods[2026].recognitions_from_portal = True
    periods[2026].save()
    report(periods[2026], reform["N1"], titles(CDHT=(5, 50)))
    CampaignTargetFactory(
        page=campaign, label="Công dân học tập", target_value=30, indicator=citizens, area=reform["city"], year=2026
    )
    campaign.save_revision().publish()

    def evaluation(year):
        return {("learning_citizen", reform["N1"].pk): 15}

    with hooks.register_temporarily("portal_title_recognitions", evaluation):
        html = client.get(campaign.url).content.decode()
    assert "30%" in html and "theo hồ sơ đánh giá trên cổng" in html
    assert 'value="100"' in html  # 15 of 50 is 30%: the target is reached


def test_a_target_on_an_older_version_reads_the_period_of_its_year(client, campaign, indicator, reform):
    from tests.factories.reports import period

    newer = services.copy_version(indicator.section.version)
    later = period(newer, 2026, [reform["city"]], commune=datetime.date(2026, 11, 15))
    report(later, reform["N1"], titles(GD=(30, 40)))
    linked_target(campaign, indicator, reform["city"])
    assert "75%" in client.get(campaign.url).content.decode()


def test_the_dashboard_shows_the_citys_figures_against_the_campaign_targets(
    client, home_page, campaign, indicator, periods, reform, version
):
    report(periods[2026], reform["N1"], titles(GD=(10, 20)))
    linked_target(campaign, indicator, reform["city"])
    dashboard = DashboardPageFactory(parent=home_page, indicator_set=version.indicator_set, area=reform["city"])
    html = client.get(dashboard.url, {"year": 2026}).content.decode()
    assert "Chỉ tiêu: 60%" in html and "Đợt thi đua cuối năm 2026" in html
    assert "Đạt 83% chỉ tiêu." in html


def test_campaigns_reach_the_figures_only_through_hooks():
    for path in (Path(__file__).resolve().parents[2] / "campaigns").rglob("*.py"):
        text = path.read_text()
        assert "from reports" not in text and "import reports" not in text, path
