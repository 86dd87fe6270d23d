"""The demo: Hồ Chí Minh City and Hải Phòng across the 2025 reform, labelled as demo data, run twice unchanged."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry, Revision

import campaigns.seed
import home.seed
import network.seed
import reports.seed
from campaigns import services as campaign_services
from campaigns.models import CampaignPage
from network.models import AreaLevel
from reports import services
from reports.models import AreaFigure, Assignment, Period, Status, Submission

pytestmark = pytest.mark.django_db


def run_seeds():
    for module in (home.seed, network.seed, campaigns.seed, reports.seed):
        module.seed(StringIO())


def test_the_demo_reports_by_district_before_the_reform_and_by_ward_after_it(client, locales):
    run_seeds()
    periods = {(p.indicator_set.kind, p.year): p for p in Period.objects.select_related("indicator_set")}
    assert set(periods) == {("titles", y) for y in (2023, 2024, 2025, 2026)} | {("framework", 2025)}
    assert all(p.is_demo for p in periods.values())
    levels = {
        year: set(
            Submission.objects.filter(period=periods[("titles", year)], organisation=None).values_list(
                "area__level", flat=True
            )
        )
        for year in (2023, 2025)
    }
    assert levels == {2023: {AreaLevel.DISTRICT}, 2025: {AreaLevel.COMMUNE}}
    # A new version for the two-tier years; the old years keep theirs.
    assert periods[("titles", 2023)].version.number == 1 and periods[("titles", 2026)].version.number == 2
    # 2026 is still being reported: every state of the workflow is there, with its history.
    statuses = set(Submission.objects.filter(period=periods[("titles", 2026)]).values_list("status", flat=True))
    assert statuses == {Status.DRAFT, Status.SUBMITTED, Status.APPROVED, Status.RETURNED}
    returned = Submission.objects.get(period=periods[("titles", 2026)], status=Status.RETURNED)
    assert ModelLogEntry.objects.for_instance(returned).filter(action="reports.submission.return").exists()
    assert services.overdue(periods[("titles", 2026)])
    assert all(s.is_demo for s in Submission.objects.all()) and all(a.is_demo for a in Assignment.objects.all())

    reviewer = get_user_model().objects.get(username="duyet.hcm")
    assert reviewer.groups.filter(name="Cán bộ duyệt số liệu").exists()
    assert reviewer.get_full_name() == "Lê Thị Hồng (dữ liệu mẫu)"
    scope = services.scope_for(get_user_model().objects.get(username="baocao.phuongsaigon"))
    assert [s.area.code for s in scope.submissions()] == ["79-001", "79-001"]

    # The city's 2023 plan: its targets are reached as the approved figures of 2023 say.
    plan = CampaignPage.objects.get(slug="ke-hoach-phoi-hop-khuyen-hoc-tphcm-2023", locale=locales["vi"])
    family = campaign_services.with_achieved(plan.targets.all())[0]
    assert family.indicator.code == "GD-TL" and family.year == 2023 and family.achieved > Decimal(50)
    assert "báo cáo đã duyệt" in family.source_line

    html = client.get("/so-lieu/").content.decode()
    assert "Thành phố Hồ Chí Minh năm 2026" in html and "dữ liệu mẫu" in html
    assert client.get("/so-lieu/unesco/2025/").status_code == 200

    counts = (Submission.objects.count(), AreaFigure.objects.count(), ModelLogEntry.objects.count())
    last = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()
    reports.seed.seed(StringIO())
    assert (Submission.objects.count(), AreaFigure.objects.count(), ModelLogEntry.objects.count()) == counts
    assert Revision.objects.order_by("-pk").values_list("pk", flat=True).first() == last
