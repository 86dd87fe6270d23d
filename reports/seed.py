"""Demo figures for Hồ Chí Minh City and Hải Phòng: reported by district in 2023–2024, by commune and
ward from 2025, across the reform of 1 July 2025; demo reporters and reviewers in their groups; the
public dashboard; and the report to UNESCO for 2025.

Every number here is made up for the demonstration (drawn from a fixed seed so that it never
changes between runs) and every period, report and assignment is marked as demo data. The
structure of the indicator sets comes from the data files in ``reports/data``.
"""

import datetime
import hashlib
import io
import random
import zoneinfo

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from home.seed import ADMIN_PASSWORD, en, home_pages, upsert_page, upsert_page_translation
from network.models import OrganisationKind
from network.seed import HAIPHONG, HCMC, area, organisation

from . import figures, loader, services
from .models import (
    Assignment,
    DashboardPage,
    Deadline,
    Evidence,
    IndicatorSetVersion,
    Period,
    ReportingLevel,
    Role,
    Status,
    Submission,
)

ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
HCMC_DISTRICTS = ["760", "770", "776", "769", "783", "787"]
HAIPHONG_DISTRICTS = ["303", "304", "305", "307", "312", "315", "317"]
MERGED_DISTRICTS = {"74": ["718", "724"], "77": ["747", "755"], "30": ["288", "290"]}
HCMC_WARDS = [f"79-{n:03d}" for n in range(1, 28)]
HAIPHONG_WARDS = [f"31-{n:03d}" for n in range(1, 18)]
SCHOOLS = [
    ("Trường THPT Nguyễn Thị Minh Khai", "79-006"),
    ("Trường THPT Lê Quý Đôn", "79-006"),
    ("Trường THPT Trưng Vương", "79-001"),
    ("Trung tâm Giáo dục thường xuyên Thành phố Hồ Chí Minh", HCMC),
]
# 2026 is being reported as the demo is built: not every report is in.
STATUS_2026 = {
    "79-001": Status.DRAFT,
    "79-002": Status.SUBMITTED,
    "79-003": Status.RETURNED,
    "79-004": None,
    "31-011": Status.SUBMITTED,
    "31-013": None,
    "31-014": None,
    "31-015": Status.DRAFT,
    "31-016": None,
    "31-017": None,
    "Trường THPT Lê Quý Đôn": Status.SUBMITTED,
    "Trường THPT Trưng Vương": None,
}
RETURN_COMMENT = (
    "Số dòng họ thuộc diện đánh giá thấp hơn nhiều so với năm 2025; đề nghị phường kiểm tra lại và gửi lại báo cáo."
)
DEMO_USERS = [
    # username, full name, group, role, area code or school name
    ("quantri.solieu", "Trần Minh Quân", services.MANAGER_GROUP, None, None),
    ("duyet.hcm", "Lê Thị Hồng", services.REVIEWER_GROUP, Role.REVIEWER, HCMC),
    ("duyet.haiphong", "Phạm Văn Hải", services.REVIEWER_GROUP, Role.REVIEWER, HAIPHONG),
    ("baocao.hcm", "Võ Thanh Tâm", services.REPORTER_GROUP, Role.REPORTER, HCMC),
    ("baocao.phuongsaigon", "Nguyễn Thị Lan", services.REPORTER_GROUP, Role.REPORTER, "79-001"),
    ("baocao.phuongtandinh", "Đặng Văn Minh", services.REPORTER_GROUP, Role.REPORTER, "79-002"),
    ("baocao.quan1", "Hoàng Thị Mai", services.REPORTER_GROUP, Role.REPORTER, "760"),
    ("baocao.lechan", "Bùi Văn Nam", services.REPORTER_GROUP, Role.REPORTER, "31-005"),
    ("baocao.trungvuong", "Trịnh Thu Hà", services.REPORTER_GROUP, Role.REPORTER, "Trường THPT Trưng Vương"),
]
DEMO_MARK = "(dữ liệu mẫu)"

# Sizes of what a district (before 2025) or a commune (since) counts, and the usual share recognised.
TITLES = [
    # recognised, eligible, (district range, commune range), usual share
    ("GD-CN", "GD-TS", ((30_000, 90_000), (5_000, 20_000)), 0.62),
    ("DH-CN", "DH-TS", ((40, 220), (8, 60)), 0.54),
    ("CD-CN", "CD-TS", ((60, 320), (15, 70)), 0.57),
    ("DV-CN", "DV-TS", ((300, 1_600), (40, 300)), 0.6),
    ("CDHT-CN", "CDHT-TS", ((50_000, 160_000), (9_000, 40_000)), 0.27),
]


def _rng(*parts):
    return random.Random(hashlib.sha256("|".join(map(str, parts)).encode()).digest())


def title_values(code, year, commune):
    """Made-up but plausible figures: steady sizes per area, shares rising a little each year."""
    values = {}
    for recognised, eligible, sizes, share in TITLES:
        low, high = sizes[1] if commune else sizes[0]
        total = _rng(code, eligible).randint(low, high)
        rate = share + 0.025 * (year - 2023) + _rng(code, year, recognised).uniform(-0.06, 0.06)
        values[eligible] = total
        values[recognised] = min(total, round(total * rate))
    return values


def unit_values(name, year):
    staff = _rng(name, "staff").randint(45, 160)
    return {"CB-TS": staff, "CB-CN": round(staff * (0.45 + 0.04 * (year - 2025) + _rng(name, year).uniform(0, 0.2)))}


UNESCO_2025 = {
    "1.1-TT": "Thành phố duy trì các lớp xóa mù chữ và sau xóa mù chữ tại trung tâm học tập cộng đồng; mở lớp kỹ năng "
    "số cho người lớn tuổi ở tất cả phường, xã sau sắp xếp. (Nội dung mẫu của trang trình diễn.)",
    "1.1.1-a": 99.2,
    "1.1.1-b": 1860,
    "1.2-TT": "Các thư viện, nhà văn hóa phối hợp với doanh nghiệp tổ chức bồi dưỡng nghề cho người lao động. "
    "(Nội dung mẫu của trang trình diễn.)",
    "1.2.1-a": 148_500,
    "1.2.1-b": 212,
    "1.3.1-a": True,
    "2.1.1-a": 99.6,
    "2.1.1-b": 86.4,
    "2.2-TT": "Mỗi phường, xã có một trung tâm học tập cộng đồng; phong trào “Gia đình học tập” được gắn với "
    "Tháng Khuyến học. (Nội dung mẫu của trang trình diễn.)",
    "2.2.1-a": 168,
    "2.2.1-b": 412_000,
    "2.3.1-a": 1_240,
    "2.4.1-a": 3_850,
    "2.4.1-b": 91.5,
    "2.5.1-a": 6_300,
    "2.6-TT": "Tuần lễ hưởng ứng học tập suốt đời được tổ chức đồng loạt tại các trường học, thư viện và trung tâm "
    "học tập cộng đồng. (Nội dung mẫu của trang trình diễn.)",
    "2.6.1-a": True,
    "3.1-TT": "Thành phố triển khai Kế hoạch số 1927/KH-UBND ngày 11/4/2024 về xây dựng “Thành phố học tập toàn "
    "cầu UNESCO giai đoạn 2024 – 2030”.",
    "3.1.1-a": True,
    "3.2.1-a": True,
    "3.2.1-b": 46,
    "3.3.1-a": 38_500_000_000,
    "3.3.1-b": 12_750_000_000,
}
EVIDENCE_2025 = [
    ("3.1.1-b", "Kế hoạch số 1927/KH-UBND ngày 11/4/2024 (bản mẫu)"),
    ("2.6.1-b", "Báo cáo Tuần lễ hưởng ứng học tập suốt đời năm 2025 (bản mẫu)"),
]


def _moment(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=ZONE)


def _users():
    User = get_user_model()
    users = {}
    for username, full_name, group_name, role, place in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username, f"{username}@example.org", ADMIN_PASSWORD, first_name=full_name, last_name=DEMO_MARK
            )
        user.groups.add(Group.objects.get(name=group_name))
        if role is not None:
            if role == Role.REPORTER and not place[0].isdigit():
                unit = organisation(place, OrganisationKind.SCHOOL, area(dict(SCHOOLS)[place]))
                Assignment.objects.get_or_create(
                    user=user, role=role, area=None, organisation=unit, defaults={"is_demo": True}
                )
            else:
                Assignment.objects.get_or_create(
                    user=user, role=role, area=area(place), organisation=None, defaults={"is_demo": True}
                )
        users[username] = user
    return users


def _versions():
    titles, _created = loader.load(loader.DATA_DIR / "title_statistics.toml")
    framework, _created = loader.load(loader.DATA_DIR / "unesco_key_features.toml")
    after = titles.indicator_set.versions.filter(number=2).first()
    if after is None:
        after = services.copy_version(titles)
        after.label = "Từ năm 2025 (chính quyền hai cấp)"
        after.notes = "Bỏ cấp huyện: từ ngày 01/07/2025 xã, phường báo cáo trực tiếp lên thành phố."
        after.save()
        from .models import Indicator

        Indicator.objects.filter(section__version=after).update(for_districts=False)
    return titles, after, framework


def _period(version, year, deadlines, provinces):
    period = Period.objects.filter(indicator_set=version.indicator_set, year=year).first()
    if period is None:
        period = Period(version=version, year=year, is_demo=True)
        period.areas = [area(code) for code in provinces]
        period.deadlines = [Deadline(level=level, due=due) for level, due in deadlines.items()]
        period.save()
    return period


def _log(submission, action, user, moment, **data):
    entry = log(submission, action, user=user, data=data)
    ModelLogEntry.objects.filter(pk=entry.pk).update(timestamp=moment)


def _report(period, place, values, status, users, due, organisation_=None):
    """A demo report with its history, created once; an existing one is left as the demo made it."""
    lookup = (
        {"period": period, "organisation": organisation_}
        if organisation_
        else {
            "period": period,
            "area": place,
            "organisation": None,
        }
    )
    if Submission.objects.filter(**lookup).exists():
        return False
    reporter, reviewer = users["reporter"], users["reviewer"]
    submission = Submission.objects.create(
        period=period, area=place, organisation=organisation_, status=Status.DRAFT, values=values, is_demo=True
    )
    # Deadlines of the current year may lie ahead: nothing is dated after yesterday.
    latest = _moment(timezone.localdate() - datetime.timedelta(days=1), 17)
    started = min(_moment(due - datetime.timedelta(days=20)), latest)
    _log(submission, "reports.submission.create", reporter, started)
    _log(submission, "reports.submission.edit", reporter, started, changes={k: [None, v] for k, v in values.items()})
    if status in (Status.SUBMITTED, Status.APPROVED, Status.RETURNED):
        sent = min(_moment(due - datetime.timedelta(days=_rng(place.code, period.year).randint(0, 6)), 15), latest)
        submission.status, submission.submitted_at, submission.submitted_by = Status.SUBMITTED, sent, reporter
        _log(submission, "reports.submission.submit", reporter, sent, warnings=0)
    if status in (Status.APPROVED, Status.RETURNED):
        reviewed = min(_moment(due + datetime.timedelta(days=2), 10), latest)
        submission.status, submission.reviewed_at, submission.reviewed_by = status, reviewed, reviewer
        if status == Status.RETURNED:
            submission.review_comment = RETURN_COMMENT
            _log(submission, "reports.submission.return", reviewer, reviewed, comment=RETURN_COMMENT, reopened=False)
        else:
            _log(submission, "reports.submission.approve", reviewer, reviewed, comment="")
    submission.save()
    return True


def _pdf(title):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _title_reports(titles_v1, titles_v2, users):
    people = {
        HCMC: {"reporter": users["baocao.hcm"], "reviewer": users["duyet.hcm"]},
        HAIPHONG: {"reporter": users["baocao.hcm"], "reviewer": users["duyet.haiphong"]},
    }
    old_provinces = [HCMC, HAIPHONG, *MERGED_DISTRICTS]
    created = 0
    for year in (2023, 2024):
        due = datetime.date(year, 11, 20)
        period = _period(titles_v1, year, {ReportingLevel.DISTRICT: due}, old_provinces)
        districts = [(d, HCMC) for d in HCMC_DISTRICTS] + [(d, HAIPHONG) for d in HAIPHONG_DISTRICTS]
        districts += [(d, HCMC if p != "30" else HAIPHONG) for p, ds in MERGED_DISTRICTS.items() for d in ds]
        for code, city in districts:
            who = {**people[city], "reporter": users["baocao.quan1"]} if code == "760" else people[city]
            created += _report(period, area(code), title_values(code, year, False), Status.APPROVED, who, due)
        _bump(period, created)
    schools = {name: organisation(name, OrganisationKind.SCHOOL, area(code)) for name, code in SCHOOLS}
    for year in (2025, 2026):
        due = datetime.date(year, 11, 15)
        period = _period(
            titles_v2,
            year,
            {ReportingLevel.COMMUNE: due, ReportingLevel.UNIT: datetime.date(year, 12, 10)},
            [HCMC, HAIPHONG],
        )
        before = created
        for code in HCMC_WARDS + HAIPHONG_WARDS:
            status = STATUS_2026.get(code, Status.APPROVED) if year == 2026 else Status.APPROVED
            if status is None:
                continue
            who = dict(people[HCMC if code.startswith("79") else HAIPHONG])
            if code == "79-001":
                who["reporter"] = users["baocao.phuongsaigon"]
            elif code == "79-002":
                who["reporter"] = users["baocao.phuongtandinh"]
            elif code == "31-005":
                who["reporter"] = users["baocao.lechan"]
            values = title_values(code, year, True)
            if code == "79-003" and year == 2026:
                values["DH-TS"] = max(values["DH-CN"], values["DH-TS"] // 3)
            if status == Status.DRAFT:
                values = {k: v for k, v in values.items() if k.startswith(("GD", "DH"))}
            created += _report(period, area(code), values, status, who, due)
        for name, unit in schools.items():
            status = STATUS_2026.get(name, Status.APPROVED) if year == 2026 else Status.APPROVED
            if status is None:
                continue
            who = {**people[HCMC], "reporter": users["baocao.trungvuong"]}
            created += _report(
                period, unit.area, unit_values(name, year), status, who, datetime.date(year, 12, 10), organisation_=unit
            )
        _bump(period, created - before)
    return created


def _bump(period, created):
    if created:
        Period.objects.filter(pk=period.pk).update(figures_stamp=F("figures_stamp") + 1)


def _unesco_report(framework, users):
    due = datetime.date(2025, 12, 15)
    period = _period(framework, 2025, {ReportingLevel.PROVINCE: due}, [HCMC])
    who = {"reporter": users["baocao.hcm"], "reviewer": users["quantri.solieu"]}
    created = _report(period, area(HCMC), UNESCO_2025, Status.APPROVED, who, due)
    if created:
        submission = Submission.objects.get(period=period, area=area(HCMC), organisation=None)
        for code, title in EVIDENCE_2025:
            document = Evidence(submission=submission, indicator_code=code, title=title, uploaded_by=who["reporter"])
            document.file.save(f"{code}.pdf", ContentFile(_pdf(title)), save=False)
            document.save()
        _bump(period, 1)
    return period


ABOUT_DATA = (
    "<p>Xã, phường (trước ngày 01/07/2025: quận, huyện) và các đơn vị giáo dục nhập số liệu trên cổng; cấp trên "
    "duyệt hoặc trả lại kèm ý kiến. Chỉ số liệu đã duyệt được công bố.</p>"
    "<ul><li>Tỉ lệ được tính lại từ tổng số được công nhận và tổng số thuộc diện đánh giá, không lấy trung bình "
    "các tỉ lệ.</li><li>Số liệu năm 2023 – 2024 gắn với quận, huyện của thời điểm đó; từ năm 2025 theo xã, "
    "phường sau sắp xếp, không tính trùng.</li><li>Dữ liệu mở theo giấy phép CC BY 4.0.</li></ul>"
    "<p><em>Số liệu trên trang trình diễn là dữ liệu mẫu.</em></p>"
)
ABOUT_DATA_EN = (
    "<p>Communes and wards (before 1 July 2025: districts) and education units enter their figures on the "
    "portal; the level above approves them or returns them with comments. Only approved figures are published."
    "</p><ul><li>Rates are recomputed from the total recognised and the total eligible, never averaged.</li>"
    "<li>Figures of 2023–2024 stay with the districts of their time; from 2025 with the merged communes and "
    "wards, never counted twice.</li><li>Open data under the CC BY 4.0 licence.</li></ul>"
    "<p><em>The figures on the demo site are sample data.</em></p>"
)


def _dashboard(titles, framework):
    home = home_pages()[0]
    fields = {
        "title": "Số liệu",
        "intro": "<p>Kết quả xây dựng xã hội học tập theo từng năm và từng địa bàn: gia đình, dòng họ, cộng đồng, "
        "đơn vị và công dân học tập.</p>",
        "indicator_set": titles.indicator_set,
        "framework_set": framework.indicator_set,
        "area": area(HCMC),
        "about_data": ABOUT_DATA,
        "search_description": "Số liệu xây dựng xã hội học tập đã duyệt, theo năm và địa bàn: xem, so sánh, tải về.",
        "show_in_menus": True,
    }
    page = upsert_page(home, DashboardPage, "so-lieu", fields)
    upsert_page_translation(
        page,
        en(),
        {
            "title": "Figures",
            "slug": "data",
            "intro": "<p>The results of building a learning society, year by year and area by area: learning "
            "families, clans, communities, units and citizens.</p>",
            "about_data": ABOUT_DATA_EN,
            "search_description": "Approved learning-society figures by year and area: read, compare, download.",
        },
    )
    return page


# The Hồ Chí Minh City plan of 2023 (campaigns' demo) sets the title targets; their achieved values come
# from the approved figures of 2023.
PLAN_2023 = "ke-hoach-phoi-hop-khuyen-hoc-tphcm-2023"
PLAN_TARGET_CODES = ["GD-TL", "DH-TL", "CD-TL", "DV-TL", "CDHT-TL"]


def _link_targets(titles_v1):
    CampaignPage = apps.get_model("campaigns", "CampaignPage")
    plan = CampaignPage.objects.filter(slug=PLAN_2023).first()
    if plan is None:
        return 0
    indicators = {i.code: i for i in services.indicators_of(titles_v1)}
    linked = 0
    for page in [plan, *(p.specific for p in plan.get_translations())]:
        targets = list(page.targets.all())
        changed = False
        for target, code in zip(targets, PLAN_TARGET_CODES, strict=False):
            wanted = (indicators[code].pk, area(HCMC).pk, 2023)
            if (target.indicator_id, target.area_id, target.year) != wanted:
                target.indicator_id, target.area_id, target.year = wanted
                changed = True
        if changed:
            page.targets = targets
            page.save_revision().publish()
            linked += 1
    return linked


def seed(stdout):
    users = _users()
    titles_v1, titles_v2, framework = _versions()
    created = _title_reports(titles_v1, titles_v2, users)
    _unesco_report(framework, users)
    page = _dashboard(titles_v1, framework)
    _link_targets(titles_v1)
    figures.ensure_built(list(Period.objects.filter(is_demo=True)))
    stdout.write(
        f"reports: {IndicatorSetVersion.objects.count()} indicator set versions, {Period.objects.count()} periods, "
        f"{created} demo reports created; dashboard at {page.url}. Demo logins (password as the admin's): "
        + ", ".join(u[0] for u in DEMO_USERS)
    )
