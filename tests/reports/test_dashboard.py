"""The public figures: approved only, sortable without JavaScript, open data, flat in queries."""

import csv
import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from network.models import Area, AreaKind
from reports.dashboard import build
from reports.models import Evidence, Period, Status, Submission
from tests.factories.network import REFORM_DAY, city
from tests.factories.reports import DashboardPageFactory, framework_version, period, report, title_version

from .conftest import titles

pytestmark = pytest.mark.django_db

SECRET = {"draft": 98_765, "submitted": 87_654, "returned": 76_543}


@pytest.fixture
def dashboard(home_page, version, reform):
    return DashboardPageFactory(parent=home_page, indicator_set=version.indicator_set, area=reform["city"])


@pytest.fixture
def figures(periods, reform):
    report(periods[2024], reform["D1"], titles(GD=(60, 100)))
    report(periods[2024], reform["D2"], titles(GD=(30, 50)))
    report(periods[2026], reform["N1"], titles(GD=(10, 20), DH=(3, 4)))
    report(periods[2026], reform["N2"], titles(GD=(9, 10), DH=(1, 4)))
    report(periods[2026], reform["N3"], titles(GD=(SECRET["draft"], SECRET["draft"])), status=Status.DRAFT)
    report(periods[2026], reform["N4"], titles(GD=(SECRET["submitted"], SECRET["submitted"])), status=Status.SUBMITTED)
    return periods


def digits(value):
    """98765 as every page may write it: 98.765 (Vietnamese), 98,765 (English) or bare."""
    return {str(value), f"{value:,}", f"{value:,}".replace(",", ".")}


def test_the_dashboard_shows_the_citys_approved_figures(client, dashboard, figures):
    html = client.get(dashboard.url).content.decode()
    assert "Thành phố Hồ Chí Minh năm 2026" in html
    # 19 of 30 families: recomputed, not the average of 50% and 90%.
    assert "63,3%" in html and "19 trên 30 gia đình" in html
    assert "2 báo cáo đã duyệt" in html
    # One row per ward of 2026, with what it reported; wards without an approved report say so.
    assert "Phường N1" in html and "Phường N4" in html and "chưa có" in html
    # The trend reads 2024 (by district) next to 2026 (by ward).
    assert "60,0%" in html  # 90 of 150 families in 2024
    assert '<svg class="bar-chart"' in html


def test_drafts_and_reports_under_review_never_reach_the_public(client, dashboard, figures, reform):
    report(figures[2026], reform["city"], titles(GD=(SECRET["returned"], SECRET["returned"])), status=Status.RETURNED)
    responses = [
        client.get(dashboard.url),
        client.get(dashboard.url, {"area": reform["N3"].code}),
        client.get(f"{dashboard.url}csv/"),
        client.get(f"{dashboard.url}json/"),
        client.get("/api/figures/"),
        client.get("/api/figures/", {"area": reform["N4"].code, "lang": "en"}),
    ]
    assert [r.status_code for r in responses] == [200] * len(responses)
    pages = [r.content.decode("utf-8-sig") for r in responses]
    assert all("Phường N1" in pages[i] for i in (0, 2, 3, 4))  # the city's pages list its wards
    for page in pages:
        for value in SECRET.values():
            for form in digits(value):
                assert form not in page


def test_sorting_works_with_plain_links_and_says_how_it_is_sorted(client, dashboard, figures, reform):
    html = client.get(dashboard.url, {"year": 2026, "sort": "DH-TL", "order": "desc"}).content.decode()
    assert html.index("Phường N1") < html.index("Phường N2")  # 75% before 25%
    assert 'aria-sort="descending"' in html
    assert "?year=2026&amp;area=79&amp;sort=DH-TL&amp;order=asc" in html
    ascending = client.get(dashboard.url, {"year": 2026, "sort": "DH-TL", "order": "asc"}).content.decode()
    assert ascending.index("Phường N2") < ascending.index("Phường N1")
    # Wards without figures come last whichever way the column is sorted.
    assert ascending.index("Phường N1") < ascending.index("Phường N3")


def test_a_district_of_2024_and_a_ward_of_2026_each_read_in_their_own_time(client, dashboard, figures, reform):
    district = client.get(dashboard.url, {"year": 2024, "area": reform["D1"].code}).content.decode()
    assert "Quận 1 năm 2024" in district and "60,0%" in district
    assert "địa bàn nay thuộc" in district
    # Looking at Phường N3 in 2024: it took over Huyện Hai whole, so Huyện Hai's figure is its own.
    ward = client.get(dashboard.url, {"year": 2024, "area": reform["N3"].code}).content.decode()
    assert "Tính lại theo địa giới hiện nay." in ward and "60,0%" in ward


def test_downloads_and_the_api_give_the_same_open_data(client, dashboard, figures, reform):
    rows = list(csv.reader(io.StringIO(client.get(f"{dashboard.url}csv/", {"year": 2026}).content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:4] == ["Mã địa bàn", "Địa bàn", "cấp", "Số báo cáo"]
    city_row = dict(zip(header, rows[1], strict=True))
    assert (
        city_row["Mã địa bàn"] == "79" and city_row["GD-TL Tỉ lệ gia đình đạt danh hiệu “Gia đình học tập”"] == "63.3"
    )
    assert [r[0] for r in rows[1:]] == ["79", *sorted(reform[n].code for n in ("N1", "N2", "N3", "N4"))]
    data = json.loads(client.get("/api/figures/", {"year": 2026, "area": "79"}).content)
    from_file = json.loads(client.get(f"{dashboard.url}json/", {"year": 2026}).content)
    assert data["areas"] == from_file["areas"]
    assert data["areas"][0]["values"]["GD-CN"] == 19 and data["areas"][0]["reports"] == 2
    assert data["years"] == [2024, 2026] and data["licence"] == "CC BY 4.0"
    paged = json.loads(client.get("/api/figures/", {"year": 2026, "page_size": 3, "page": 2}).content)
    assert (paged["count"], paged["pages"], paged["page"]) == (4, 2, 2)
    assert [a["code"] for a in paged["areas"]] == ["79", reform["N4"].code]
    assert paged["previous"].endswith("page=1") and paged["next"] is None
    english = json.loads(client.get("/api/figures/", {"lang": "en"}).content)
    assert english["set"]["name"] == "Learning title statistics"


def test_the_english_dashboard(client, dashboard, figures, locales, en_home_page):
    english = dashboard.copy_for_translation(locales["en"])
    english.title = "Figures"
    english.slug = "data"
    english.save_revision().publish()
    html = client.get("/en/data/").content.decode()
    assert "in 2026" in html
    assert "63.3%" in html and "19 of 30" in html
    assert "Share of families recognised as “Learning family”" in html


# What the issue allows the dashboard page as a whole: the site's own queries (Wagtail's routing, the
# menu, the language switcher, the footer's settings) and the dashboard's (periods, their provinces,
# the indicators, the area, the counts and the page of the areas below, their stored figures, the
# succession links and the campaign targets).
DASHBOARD_BUDGET = 20


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


def wards(province, numbers):
    return Area.objects.bulk_create(
        [
            Area(
                code=f"{province.code}-{n:04d}",
                name=f"Phường {n}",
                kind=AreaKind.WARD,
                level="commune",
                parent=province,
                valid_from=REFORM_DAY,
            )
            for n in numbers
        ]
    )


def test_queries_stay_flat_in_the_number_of_areas(client, home_page, settings):
    settings.PAGE_CACHE_ENABLED = False  # what a render costs; kept pages cost two queries
    version = title_version()
    province = city(name="Tỉnh 91", code="91")
    year_period = period(version, 2025, [province], commune=datetime.date(2025, 11, 15))
    page = DashboardPageFactory(parent=home_page, slug="so-lieu-91", indicator_set=version.indicator_set, area=province)
    counts = {}
    # The same page and period, first with 20 wards, then with 400.
    for first, last in ((0, 20), (20, 400)):
        made = wards(province, range(first, last))
        Submission.objects.bulk_create(
            [
                Submission(
                    period=year_period, area=w, status=Status.APPROVED, values=titles(GD=(n % 50, 60), DH=(1, 2))
                )
                for n, w in enumerate(made, start=first)
            ]
        )
        Period.objects.filter(pk=year_period.pk).update(figures_stamp=F("figures_stamp") + 1)
        client.get(page.url)  # builds the stored figures once
        # Every sort and page is a first view: the database sorts, nothing is kept between requests.
        counts[last] = [
            queries(client, page.url, sort="GD-TL", order="desc"),
            queries(client, page.url, sort="DH-TL", page=3),
            queries(client, page.url, sort="name", order="desc", page=2),
        ]
    assert counts[20][0] == counts[400][0]
    assert counts[400][0] == counts[400][1] == counts[400][2]
    assert counts[400][0] <= DASHBOARD_BUDGET


def test_the_database_sorts_the_pages_of_areas_as_the_downloads_sort_them(home_page):
    """The page of 50 rows is sorted in SQL, the downloads in Python: both give the same order,
    with areas without figures last, equal figures by name and equal names by code, in both languages."""
    version = title_version()
    province = city(name="Tỉnh 92", code="92")
    year_period = period(version, 2025, [province], commune=datetime.date(2025, 11, 15))
    made = wards(province, range(23))
    names = ["Đông Hòa", "An Phú", "Ân Thi", "Bến Nghé", "an lạc", "Zô", "Đông Hòa", "Ấp 3"]
    for n, area in enumerate(made):
        area.name = names[n % len(names)] + ("" if n < len(names) else f" {n}")
        area.name_en = "" if n % 3 else f"Ward {22 - n}"
    Area.objects.bulk_update(made, ["name", "name_en"])
    # Rates with ties, an eligible count of zero (no rate), and areas that sent nothing.
    figures = [(1, 2), (2, 4), (0, 5), (3, 3), (1, 0), None, (7, 10), (1, 2), None, (0, 0), (5, 10)]
    Submission.objects.bulk_create(
        [
            Submission(period=year_period, area=w, status=Status.APPROVED, values=titles(GD=pair, DH=(n % 4, 4)))
            for n, (w, pair) in enumerate(zip(made, figures * 3, strict=False))
            if pair is not None
        ]
    )
    for language in ("vi", "en"):
        with translation.override(language):
            for sort in ("name", "GD-TL", "DH-TL"):
                for order in ("asc", "desc"):
                    params = {"sort": sort, "order": order}
                    everything = build(version.indicator_set_id, params, province.pk, paginate=False)
                    paged = []
                    for number in range(1, 7):
                        board = build(version.indicator_set_id, {**params, "page": number}, province.pk, per_page=4)
                        paged += [row.area.code for row in board.page.object_list]
                    assert paged == [row.area.code for row in everything.rows], (language, sort, order)
                    assert board.children_with_figures == everything.children_with_figures == 19
                    assert str(board.children_level) == str(everything.children_level) != ""


@pytest.fixture
def unesco(home_page, reform):
    """The framework's 2025 period for the city, and a dashboard page that links to its report."""
    framework = framework_version()
    dashboard = DashboardPageFactory(
        parent=home_page,
        indicator_set=framework.indicator_set,
        framework_set=framework.indicator_set,
        area=reform["city"],
    )
    return dashboard, period(framework, 2025, [reform["city"]], province=datetime.date(2025, 12, 15))


def test_the_report_to_unesco_shows_approved_values_narratives_and_public_evidence(client, unesco, reform):
    dashboard, year = unesco
    answers = {
        "2.2-TT": "Mỗi phường có một trung tâm học tập cộng đồng.",
        "2.2.1-a": 168,
        "3.1.1-a": True,
        "3.3.1-a": 38_500_000_000,
    }
    approved = report(year, reform["city"], answers)
    public = Evidence.objects.create(
        submission=approved,
        indicator_code="3.1.1-b",
        title="Kế hoạch 1927/KH-UBND",
        file=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 plan"),
    )
    private = Evidence.objects.create(
        submission=approved,
        title="Danh sách cá nhân",
        is_public=False,
        file=SimpleUploadedFile("ds.pdf", b"%PDF-1.4 people"),
    )
    html = client.get(f"{dashboard.url}unesco/2025/").content.decode()
    assert "Báo cáo gửi UNESCO năm 2025: Thành phố Hồ Chí Minh" in html
    assert "Khơi dậy học tập trong gia đình và cộng đồng" in html
    assert "Mỗi phường có một trung tâm học tập cộng đồng." in html
    assert "38.500.000.000 đồng" in html and ">Có<" in html.replace("<dd>", ">").replace("</dd>", "<")
    assert "Kế hoạch 1927/KH-UBND" in html and "Danh sách cá nhân" not in html
    assert "mẫu" in html  # the sample texts say so
    assert client.get(f"{dashboard.url}evidence/{public.pk}/").status_code == 200
    assert client.get(f"{dashboard.url}evidence/{private.pk}/").status_code == 404
    approved.status = Status.RETURNED  # reopened: its figures and evidence leave the public pages at once
    approved.save()
    assert client.get(f"{dashboard.url}evidence/{public.pk}/").status_code == 404
    assert "Mỗi phường có một trung tâm" not in client.get(f"{dashboard.url}unesco/2025/").content.decode()


def test_the_report_to_unesco_as_a_workbook(client, unesco, reform):
    from openpyxl import load_workbook

    dashboard, year = unesco
    report(year, reform["city"], {"2.2.1-a": 168, "1.1-TT": "Lớp xóa mù chữ duy trì ở mọi phường."})
    response = client.get(f"{dashboard.url}unesco/2025/xlsx/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    by_code = {r[0]: r for r in rows if r and r[0]}
    assert by_code["2.2"][1] == "Khơi dậy học tập trong gia đình và cộng đồng"
    assert by_code["2.2.1-a"][4] == "168" and "(mẫu)" in by_code["2.2.1-a"][1]
    assert by_code["1.1-TT"][4] == "Lớp xóa mù chữ duy trì ở mọi phường."
