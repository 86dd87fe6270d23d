"""The evaluation of learning titles and the yearly figures together: in a period whose recognitions
all go through the portal, citizens recognised there reach the dashboard and the campaign targets
through the ``portal_title_recognitions`` hook, with no fake provider in between."""

import datetime

import pytest
from django.contrib.auth.models import Group, User

from evaluation import access
from evaluation import services as evaluation
from evaluation.models import ReviewerAssignment
from network.models import LearningTitle
from reports import services
from tests.factories.campaigns import CampaignIndexPageFactory, CampaignPageFactory, CampaignTargetFactory
from tests.factories.evaluation import PeriodFactory, submitted
from tests.factories.reports import DashboardPageFactory, report

from .conftest import titles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _evaluation_settings(settings, tmp_path):
    settings.EVALUATION_RATE_LIMIT = 0
    settings.EVALUATION_MAILS_PER_ADDRESS = 0
    settings.EVALUATION_EVIDENCE_ROOT = tmp_path / "evidence"


def recognise(area, city, names, signed_on):
    reviewer = User.objects.create_user("thamdinh.hcm", "thamdinh.hcm@example.org", "x")
    reviewer.groups.add(Group.objects.get(name=access.REVIEWERS_GROUP))
    ReviewerAssignment.objects.create(user=reviewer, area=city)
    period = PeriodFactory(title=LearningTitle.LEARNING_CITIZEN, year=signed_on.year)
    chosen = [
        evaluation.approve(submitted(period, area, name=name, email=f"nguoi{n}@example.org"), user=reviewer)
        for n, name in enumerate(names)
    ]
    request = evaluation.DecisionRequest(period, city, "12/QĐ-UBND", signed_on, "UBND Thành phố", "Nguyễn Văn A")
    return evaluation.issue_decision(request, chosen, user=reviewer)


def test_citizens_recognised_on_the_portal_reach_the_dashboard_and_the_campaign_target(
    client, home_page, version, periods, reform
):
    # Reporters counted 5 and 20 learning citizens; the portal's decisions recognised 2 in Phường N1.
    report(periods[2026], reform["N1"], titles(GD=(10, 20), CDHT=(5, 50)))
    report(periods[2026], reform["N2"], titles(GD=(15, 20), CDHT=(20, 50)))
    recognise(reform["N1"], reform["city"], ["Trần Thị Lan", "Lê Văn Hùng"], datetime.date(2026, 11, 20))

    dashboard = DashboardPageFactory(parent=home_page, indicator_set=version.indicator_set, area=reform["city"])
    # Until the period says every recognition of the year goes through the portal, the reports count.
    html = client.get(dashboard.url, {"year": 2026}).content.decode()
    assert "25,0%" in html and "theo hồ sơ đánh giá trên cổng" not in html

    periods[2026].recognitions_from_portal = True
    periods[2026].save()
    html = client.get(dashboard.url, {"year": 2026, "sort": "GD-TL", "order": "desc"}).content.decode()
    assert "2,0%" in html  # 2 recognised of 100 eligible, not the reported 25 of 100
    assert "25,0%" not in html
    assert "Số được công nhận của một số danh hiệu: theo hồ sơ đánh giá trên cổng." in html
    # The table still sorts by the chosen column: Phường N2 (75%) before Phường N1 (50%).
    table = html[html.index("<table") :]
    assert table.index("Phường N2") < table.index("Phường N1")

    index = CampaignIndexPageFactory(parent=home_page)
    campaign = CampaignPageFactory(
        parent=index,
        title="Công dân học tập 2026",
        year=2026,
        start_date=datetime.date(2026, 10, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    citizens = next(i for i in services.indicators_of(version) if i.code == "CDHT-TL")
    CampaignTargetFactory(
        page=campaign, label="Công dân học tập", target_value=4, indicator=citizens, area=reform["city"], year=2026
    )
    campaign.save_revision().publish()
    page = client.get(campaign.url).content.decode()
    assert "2% / 4%" in page and 'value="50"' in page
    assert "theo hồ sơ đánh giá trên cổng" in page


def test_a_revoked_certificate_leaves_the_figures(client, home_page, version, periods, reform):
    periods[2026].recognitions_from_portal = True
    periods[2026].save()
    report(periods[2026], reform["N1"], titles(CDHT=(5, 50)))
    decision = recognise(reform["N1"], reform["city"], ["Trần Thị Lan", "Lê Văn Hùng"], datetime.date(2026, 11, 20))
    decision.certificates.filter(holder_name="Lê Văn Hùng").update(revoked_at=datetime.datetime.now(datetime.UTC))
    dashboard = DashboardPageFactory(parent=home_page, indicator_set=version.indicator_set, area=reform["city"])
    assert "2,0%" in client.get(dashboard.url, {"year": 2026}).content.decode()  # 1 of 50


def test_a_decision_reaches_a_kept_dashboard_at_once(client, home_page, version, periods, reform):
    from django.test import Client

    from home.models import SiteSettings

    SiteSettings.for_site(home_page.get_site())
    periods[2026].recognitions_from_portal = True
    periods[2026].save()
    report(periods[2026], reform["N1"], titles(CDHT=(5, 50)))
    dashboard = DashboardPageFactory(parent=home_page, indicator_set=version.indicator_set, area=reform["city"])
    url = f"{dashboard.url}?year=2026"
    for _ in range(3):
        first = Client().get(url)
    assert first["X-Page-Cache"] == "hit" and "2,0%" not in first.content.decode()

    recognise(reform["N1"], reform["city"], ["Trần Thị Lan"], datetime.date(2026, 11, 20))
    after = Client().get(url)
    assert after["X-Page-Cache"] == "miss" and "2,0%" in after.content.decode()  # 1 recognised of 50
