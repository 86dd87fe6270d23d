"""Demo of the evaluation: a sample criteria set per title, this year's open round and last year's
decided one, citizens, families, a clan, a community and units in several wards at every status,
a reviewer per area, and a past recognition decision with its certificates.

The criteria are samples, labelled as such everywhere they show: the official texts (Decision
324/QĐ-KHVN, Circular 24/2023/TT-BGDĐT) are not in the project's sources. Runs after ``network``;
running it twice changes nothing. No e-mail is sent.
"""

import datetime
import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from home.seed import ADMIN_PASSWORD, en, home_pages, upsert_page, upsert_page_translation
from network.models import Area, LearningTitle, Organisation

from . import access, services
from .models import (
    AssessmentPeriod,
    AssessmentStatus,
    CriteriaSet,
    Criterion,
    CriterionKind,
    EvaluationPage,
    RecognitionDecision,
    ReviewerAssignment,
)

SAMPLE_NAME = "Bộ tiêu chí mẫu — thay bằng văn bản chính thức"
SAMPLE_VERSION = "Mẫu 2024"
SAMPLE_INTRO = (
    "Đây là bộ tiêu chí mẫu để trình diễn phần mềm, không phải văn bản chính thức. "
    "Ban biên tập Hội Khuyến học nạp bộ tiêu chí chính thức (nhập từ tệp Excel) trước khi sử dụng thật."
)
YES_NO, POINTS, NUMBER = CriterionKind.YES_NO, CriterionKind.POINTS, CriterionKind.NUMBER

# group, code, text, guidance, kind, points, target, unit, mandatory, evidence
CRITERIA = {
    LearningTitle.LEARNING_CITIZEN: (
        "Quyết định số 324/QĐ-KHVN ngày 25/10/2023 (mẫu, chưa phải văn bản chính thức)",
        Decimal(70),
        0,
        [
            (
                "I. Học tập thường xuyên",
                "1.1",
                "Tham gia ít nhất một hình thức học tập trong năm (lớp học, tập huấn, chuyên đề, tự học có hướng dẫn).",
                "Đính kèm giấy chứng nhận, danh sách lớp hoặc ảnh buổi học.",
                YES_NO,
                15,
                None,
                "",
                True,
                True,
            ),
            (
                "I. Học tập thường xuyên",
                "1.2",
                "Số giờ học tập trong năm.",
                "Cộng cả học trực tuyến và tự học.",
                NUMBER,
                15,
                40,
                "giờ/năm",
                False,
                False,
            ),
            (
                "I. Học tập thường xuyên",
                "1.3",
                "Đọc sách, báo, tài liệu.",
                "Số cuốn sách đã đọc trong năm.",
                NUMBER,
                10,
                3,
                "cuốn/năm",
                False,
                False,
            ),
            (
                "II. Vận dụng kiến thức",
                "2.1",
                "Vận dụng kiến thức, kỹ năng đã học vào công việc và cuộc sống.",
                "Tự chấm từ 0 đến 20 điểm; ghi rõ ví dụ.",
                POINTS,
                20,
                10,
                "",
                False,
                False,
            ),
            (
                "II. Vận dụng kiến thức",
                "2.2",
                "Sử dụng được thiết bị số và dịch vụ công trực tuyến.",
                "",
                YES_NO,
                10,
                None,
                "",
                False,
                False,
            ),
            (
                "III. Trách nhiệm với cộng đồng",
                "3.1",
                "Tham gia hoạt động khuyến học, khuyến tài ở nơi cư trú hoặc nơi làm việc.",
                "",
                YES_NO,
                10,
                None,
                "",
                False,
                False,
            ),
            (
                "III. Trách nhiệm với cộng đồng",
                "3.2",
                "Chấp hành chủ trương, chính sách, pháp luật và quy định nơi cư trú.",
                "",
                YES_NO,
                20,
                None,
                "",
                True,
                False,
            ),
        ],
    ),
    LearningTitle.LEARNING_FAMILY: (
        "Hướng dẫn của Hội Khuyến học Việt Nam (mẫu, chưa phải văn bản chính thức)",
        Decimal(70),
        0,
        [
            (
                "I. Học tập trong gia đình",
                "1.1",
                "Trẻ em trong độ tuổi đi học của gia đình đều được đến trường.",
                "",
                YES_NO,
                25,
                None,
                "",
                True,
                False,
            ),
            (
                "I. Học tập trong gia đình",
                "1.2",
                "Người lớn trong gia đình học tập thường xuyên.",
                "Tự chấm từ 0 đến 20 điểm.",
                POINTS,
                20,
                10,
                "",
                False,
                False,
            ),
            (
                "I. Học tập trong gia đình",
                "1.3",
                "Gia đình có tủ sách hoặc góc học tập.",
                "Đính kèm ảnh tủ sách, góc học tập.",
                YES_NO,
                15,
                None,
                "",
                False,
                True,
            ),
            (
                "II. Gia đình văn hóa",
                "2.1",
                "Gia đình được công nhận “Gia đình văn hóa” năm trước.",
                "",
                YES_NO,
                20,
                None,
                "",
                False,
                False,
            ),
            (
                "II. Gia đình văn hóa",
                "2.2",
                "Số thành viên đạt danh hiệu “Công dân học tập”.",
                "",
                NUMBER,
                20,
                1,
                "người",
                False,
                False,
            ),
        ],
    ),
    LearningTitle.LEARNING_CLAN: (
        "Hướng dẫn của Hội Khuyến học Việt Nam (mẫu, chưa phải văn bản chính thức)",
        Decimal(70),
        0,
        [
            (
                "I. Khuyến học trong dòng họ",
                "1.1",
                "Dòng họ có quỹ hoặc hình thức khuyến học, khuyến tài.",
                "Đính kèm quy chế quỹ hoặc biên bản họp họ.",
                YES_NO,
                30,
                None,
                "",
                True,
                True,
            ),
            (
                "I. Khuyến học trong dòng họ",
                "1.2",
                "Tổ chức tuyên dương con cháu học giỏi hằng năm.",
                "",
                YES_NO,
                20,
                None,
                "",
                False,
                False,
            ),
            (
                "II. Kết quả",
                "2.1",
                "Tỷ lệ gia đình trong dòng họ đạt “Gia đình học tập”.",
                "",
                NUMBER,
                30,
                50,
                "%",
                False,
                False,
            ),
            (
                "II. Kết quả",
                "2.2",
                "Không có con cháu trong độ tuổi đi học bỏ học.",
                "",
                YES_NO,
                20,
                None,
                "",
                True,
                False,
            ),
        ],
    ),
    LearningTitle.LEARNING_COMMUNITY: (
        "Hướng dẫn của Hội Khuyến học Việt Nam (mẫu, chưa phải văn bản chính thức)",
        Decimal(70),
        0,
        [
            (
                "I. Tổ chức",
                "1.1",
                "Có chi hội khuyến học hoặc ban khuyến học hoạt động thường xuyên.",
                "Đính kèm quyết định thành lập hoặc báo cáo hoạt động.",
                YES_NO,
                20,
                None,
                "",
                False,
                True,
            ),
            (
                "I. Tổ chức",
                "1.2",
                "Số buổi sinh hoạt, chuyên đề học tập của cộng đồng trong năm.",
                "",
                NUMBER,
                20,
                4,
                "buổi/năm",
                False,
                False,
            ),
            ("II. Kết quả", "2.1", "Tỷ lệ gia đình đạt “Gia đình học tập”.", "", NUMBER, 30, 60, "%", True, False),
            (
                "II. Kết quả",
                "2.2",
                "Người dân đánh giá phong trào học tập của cộng đồng.",
                "Tự chấm từ 0 đến 30 điểm theo ý kiến của hội nghị cộng đồng.",
                POINTS,
                30,
                15,
                "",
                False,
                False,
            ),
        ],
    ),
    LearningTitle.LEARNING_UNIT: (
        "Thông tư số 24/2023/TT-BGDĐT ngày 11/12/2023 (mẫu, chưa phải văn bản chính thức)",
        Decimal(70),
        4,
        [
            (
                "I. Kế hoạch",
                "1.1",
                "Đơn vị có kế hoạch xây dựng “Đơn vị học tập” được thủ trưởng phê duyệt.",
                "Đính kèm kế hoạch đã ký.",
                YES_NO,
                20,
                None,
                "",
                True,
                True,
            ),
            (
                "II. Điều kiện",
                "2.1",
                "Bố trí kinh phí và thời gian cho cán bộ, người lao động học tập.",
                "Tự chấm từ 0 đến 20 điểm.",
                POINTS,
                20,
                10,
                "",
                False,
                False,
            ),
            (
                "II. Điều kiện",
                "2.2",
                "Có thư viện, tủ sách hoặc tài nguyên học tập số.",
                "",
                YES_NO,
                10,
                None,
                "",
                False,
                False,
            ),
            (
                "III. Kết quả",
                "3.1",
                "Tỷ lệ cán bộ, người lao động tham gia học tập, bồi dưỡng trong năm.",
                "",
                NUMBER,
                30,
                80,
                "%",
                False,
                False,
            ),
            (
                "III. Kết quả",
                "3.2",
                "Tỷ lệ cán bộ, người lao động đạt “Công dân học tập”.",
                "",
                NUMBER,
                20,
                50,
                "%",
                False,
                False,
            ),
        ],
    ),
}

FIELDS = ("group", "code", "text", "guidance", "kind", "max_points", "target", "unit", "mandatory", "requires_evidence")


def _sample_set(title):
    legal_basis, pass_points, min_met, rows = CRITERIA[title]
    wanted = [dict(zip(FIELDS, row, strict=True)) for row in rows]
    for spec in wanted:
        spec["max_points"] = Decimal(spec["max_points"])
        spec["target"] = None if spec["target"] is None else Decimal(spec["target"])
    fields = {
        "name": SAMPLE_NAME,
        "legal_basis": legal_basis,
        "is_sample": True,
        "introduction": SAMPLE_INTRO,
        "pass_points": pass_points,
        "min_criteria_met": min_met,
    }
    criteria_set, created = CriteriaSet.objects.get_or_create(title=title, version=SAMPLE_VERSION, defaults=fields)
    if not created and any(getattr(criteria_set, k) != v for k, v in fields.items()):
        for name, value in fields.items():
            setattr(criteria_set, name, value)
        criteria_set.save()
    stored = [{name: getattr(c, name) for name in FIELDS} for c in criteria_set.criteria.all()]
    if stored != wanted:
        criteria_set.criteria.all().delete()
        Criterion.objects.bulk_create(
            Criterion(criteria_set=criteria_set, sort_order=n, **spec) for n, spec in enumerate(wanted)
        )
        criteria_set.save()  # a new updated_at: drafts pick the change up
    return criteria_set


def _period(title, year, criteria_set, opens_on, closes_on):
    period, _created = AssessmentPeriod.objects.get_or_create(
        title=title,
        year=year,
        defaults={"criteria_set": criteria_set, "opens_on": opens_on, "closes_on": closes_on},
    )
    return period


# --- People ---------------------------------------------------------------------------------

REVIEWERS = [
    # username, full name, area code, note
    ("thamdinh.hcm", "Nguyễn Văn Thành", "79", "Hội Khuyến học Thành phố Hồ Chí Minh"),
    ("thamdinh.saigon", "Trần Thị Thu Hà", "79-001", "Hội Khuyến học phường Sài Gòn"),
    ("thamdinh.banco", "Lê Quốc Bảo", "79-005", "Hội Khuyến học phường Bàn Cờ"),
    ("thamdinh.chanhhung", "Phạm Thị Ngọc Anh", "79-008", "Hội Khuyến học phường Chánh Hưng"),
    ("thamdinh.haiphong", "Vũ Đức Minh", "31", "Hội Khuyến học Thành phố Hải Phòng"),
    ("thamdinh.lechan", "Đinh Thị Phương", "31-005", "Hội Khuyến học phường Lê Chân"),
]
EDITORS = [("bientap.tieuchi", "Hoàng Minh Châu")]


def _user(username, full_name, group):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        last, _sep, first = full_name.rpartition(" ")
        user = User.objects.create_user(
            username, f"{username}@example.org", ADMIN_PASSWORD, first_name=first, last_name=last
        )
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
    return user


def _people():
    access.ensure_groups()
    reviewers_group = Group.objects.get(name=access.REVIEWERS_GROUP)
    editors_group = Group.objects.get(name=access.EDITORS_GROUP)
    reviewers = {}
    for username, full_name, code, note in REVIEWERS:
        user = _user(username, full_name, reviewers_group)
        ReviewerAssignment.objects.get_or_create(user=user, area=Area.objects.get(code=code), defaults={"note": note})
        reviewers[code] = user
    for username, full_name in EDITORS:
        _user(username, full_name, editors_group)
    return reviewers


# --- Assessments ----------------------------------------------------------------------------


def _evidence_image(text):
    image = Image.new("RGB", (320, 200), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle([8, 8, 311, 191], outline=(11, 79, 134), width=3)
    draw.text((20, 90), text, fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _answers(assessment, quality):
    """Answers that reach the thresholds ("good"), miss the mandatory criteria ("weak"), or half of them ("partial")."""
    answers = {}
    criteria = assessment.criteria["criteria"]
    for n, criterion in enumerate(criteria):
        if quality == "partial" and n >= len(criteria) // 2:
            break
        kind = criterion["kind"]
        if kind == YES_NO:
            value = "no" if quality == "weak" and criterion["mandatory"] else "yes"
        elif kind == POINTS:
            value = str(int(Decimal(criterion["max_points"]) * Decimal("0.8")))
        else:
            value = str(int(Decimal(criterion["target"]) + 1))
        answers[criterion["code"]] = {"value": value, "note": "Đã thực hiện trong năm." if n == 0 else ""}
    return answers


def _fill(assessment, quality, now):
    uploads = [
        (c["code"], SimpleUploadedFile(f"minh-chung-{c['code']}.png", _evidence_image(f"Minh chung {c['code']}")))
        for c in assessment.criteria["criteria"]
        if c["requires_evidence"] and quality != "partial"
    ]
    services.save_draft(assessment, _answers(assessment, quality), uploads=uploads, now=now)


def _walk(assessment, target, quality, reviewer, now):
    """Take a new demo assessment to its status through the same services people use."""
    if assessment.status != AssessmentStatus.DRAFT or assessment.answers:
        return assessment
    _fill(assessment, quality, now)
    if target == AssessmentStatus.DRAFT:
        return assessment
    assessment = services.submit(assessment, consent=True, now=now)
    later = now + datetime.timedelta(days=3)
    if target == AssessmentStatus.RETURNED:
        first = next(c for c in assessment.criteria["criteria"] if c["mandatory"])
        return services.return_for_changes(
            assessment,
            user=reviewer,
            comments={first["code"]: "Tiêu chí bắt buộc chưa đạt: bổ sung minh chứng hoặc giải trình."},
            note="Đề nghị bổ sung trước ngày 10/11.",
            now=later,
        )
    if target in (AssessmentStatus.APPROVED, AssessmentStatus.RECOGNISED):
        return services.approve(assessment, user=reviewer, note="Hồ sơ đầy đủ, đạt tiêu chí.", now=later)
    return assessment


# title, name, representative, e-mail, area code, organisation name, target status, quality
THIS_YEAR = [
    (
        LearningTitle.LEARNING_CITIZEN,
        "Nguyễn Thị Mai",
        "",
        "mai.nguyen@example.org",
        "79-001",
        None,
        "submitted",
        "good",
    ),
    (LearningTitle.LEARNING_CITIZEN, "Trần Văn Hùng", "", "hung.tran@example.org", "79-001", None, "approved", "good"),
    (LearningTitle.LEARNING_CITIZEN, "Lê Thị Hồng", "", "hong.le@example.org", "79-005", None, "returned", "weak"),
    (LearningTitle.LEARNING_CITIZEN, "Phạm Minh Tuấn", "", "tuan.pham@example.org", "79-008", None, "draft", "partial"),
    (LearningTitle.LEARNING_CITIZEN, "Đỗ Thị Lan", "", "lan.do@example.org", "31-005", None, "submitted", "good"),
    (
        LearningTitle.LEARNING_FAMILY,
        "Gia đình ông Võ Văn Nam",
        "Võ Văn Nam",
        "nam.vo@example.org",
        "79-005",
        None,
        "submitted",
        "good",
    ),
    (
        LearningTitle.LEARNING_FAMILY,
        "Gia đình bà Ngô Thị Thu",
        "Ngô Thị Thu",
        "thu.ngo@example.org",
        "31-005",
        None,
        "approved",
        "good",
    ),
    (
        LearningTitle.LEARNING_CLAN,
        "Dòng họ Phan phường Chánh Hưng",
        "Phan Văn Lộc",
        "loc.phan@example.org",
        "79-008",
        None,
        "draft",
        "partial",
    ),
    (
        LearningTitle.LEARNING_COMMUNITY,
        "Khu phố 3 phường Bàn Cờ",
        "Nguyễn Văn Sáu",
        "kp3.banco@example.org",
        "79-005",
        None,
        "approved",
        "good",
    ),
    (
        LearningTitle.LEARNING_UNIT,
        "",
        "Lý Thị Hoa",
        "tthtcd.saigon@example.org",
        "79-001",
        "Trung tâm học tập cộng đồng phường Sài Gòn",
        "submitted",
        "good",
    ),
    (
        LearningTitle.LEARNING_UNIT,
        "Trường Tiểu học Nguyễn Bỉnh Khiêm",
        "Trịnh Văn Đức",
        "thnbk@example.org",
        "79-001",
        None,
        "draft",
        "partial",
    ),
]
LAST_YEAR = [
    (LearningTitle.LEARNING_CITIZEN, "Hoàng Văn Bình", "", "binh.hoang@example.org", "79-001", None),
    (LearningTitle.LEARNING_CITIZEN, "Bùi Thị Ngọc", "", "ngoc.bui@example.org", "79-001", None),
    (
        LearningTitle.LEARNING_FAMILY,
        "Gia đình ông Đặng Văn Lực",
        "Đặng Văn Lực",
        "luc.dang@example.org",
        "79-001",
        None,
    ),
    (LearningTitle.LEARNING_CITIZEN, "Vũ Thị Hạnh", "", "hanh.vu@example.org", "31-005", None),
]
# number, issuing body, signer, position, area code, title
DECISIONS = [
    (
        "215/QĐ-UBND",
        "Ủy ban nhân dân phường Sài Gòn",
        "Nguyễn Hoàng Long",
        "Chủ tịch",
        "79-001",
        LearningTitle.LEARNING_CITIZEN,
    ),
    (
        "216/QĐ-UBND",
        "Ủy ban nhân dân phường Sài Gòn",
        "Nguyễn Hoàng Long",
        "Chủ tịch",
        "79-001",
        LearningTitle.LEARNING_FAMILY,
    ),
    (
        "98/QĐ-UBND",
        "Ủy ban nhân dân phường Lê Chân",
        "Trần Thị Kim Oanh",
        "Chủ tịch",
        "31-005",
        LearningTitle.LEARNING_CITIZEN,
    ),
]


def _start(period, title, name, representative, email, code, organisation, now):
    area = Area.objects.get(code=code)
    unit = Organisation.objects.filter(name=organisation).first() if organisation else None
    request = services.StartRequest(
        period=period,
        subject_name=name,
        contact_name=representative or name,
        email=email,
        area=area,
        organisation=unit,
        phone="0909 000 111",
    )
    return services.start(request, now=now).assessment


def _aware(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed(stdout):
    today = timezone.localdate()
    year, last_year = today.year, today.year - 1
    sets = {title: _sample_set(title) for title in LearningTitle.values}
    current = {
        title: _period(title, year, criteria_set, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        for title, criteria_set in sets.items()
    }
    past = {
        title: _period(title, last_year, sets[title], datetime.date(last_year, 3, 1), datetime.date(last_year, 11, 15))
        for title in (LearningTitle.LEARNING_CITIZEN, LearningTitle.LEARNING_FAMILY)
    }
    reviewers = _people()
    with services.muted_mail():
        started = _aware(max(datetime.date(year, 1, 1), today - datetime.timedelta(days=20)))
        for title, name, representative, email, code, organisation, status, quality in THIS_YEAR:
            assessment = _start(current[title], title, name, representative, email, code, organisation, started)
            _walk(assessment, status, quality, reviewers[code], started)
        approved = {}
        for title, name, representative, email, code, organisation in LAST_YEAR:
            day = _aware(datetime.date(last_year, 10, 1))
            assessment = _start(past[title], title, name, representative, email, code, organisation, day)
            assessment = _walk(assessment, AssessmentStatus.APPROVED, "good", reviewers[code], day)
            approved.setdefault((code, title), []).append(assessment)
        decided_on = datetime.date(last_year, 11, 20)
        for number, body, signer, position, code, title in DECISIONS:
            chosen = [a for a in approved.get((code, title), []) if a.status == AssessmentStatus.APPROVED]
            if not chosen or RecognitionDecision.objects.filter(issuing_body=body, number=number).exists():
                continue
            request = services.DecisionRequest(
                period=past[title],
                area=Area.objects.get(code=code),
                number=number,
                signed_on=decided_on,
                issuing_body=body,
                signer_name=signer,
                signer_position=position,
            )
            services.issue_decision(request, chosen, user=reviewers[code], now=_aware(decided_on))
    page = _page()
    stdout.write(
        f"evaluation: {len(sets)} sample criteria sets, {len(current) + len(past)} periods, "
        f"{len(reviewers)} reviewers, {RecognitionDecision.objects.count()} recognition decisions; page {page.url}"
    )
    stdout.write(
        "evaluation: reviewers "
        + ", ".join(username for username, *_rest in REVIEWERS)
        + f", criteria editor {EDITORS[0][0]} (password: {ADMIN_PASSWORD}, demo only)"
    )


INTRO = (
    "<p>Người dân tự đánh giá danh hiệu <b>Công dân học tập</b>; gia đình, dòng họ, cộng đồng và đơn vị tự đánh giá "
    "các danh hiệu <b>Gia đình học tập</b>, <b>Dòng họ học tập</b>, <b>Cộng đồng học tập</b>, <b>Đơn vị học tập</b> "
    "ngay trên cổng thông tin, không cần tài khoản.</p>"
    "<p><em>Bản trình diễn dùng bộ tiêu chí mẫu, không phải văn bản chính thức.</em></p>"
)
INTRO_EN = (
    "<p>Citizens assess themselves for the <b>Learning citizen</b> title; families, clans, communities and units "
    "assess themselves for the <b>Learning family</b>, <b>clan</b>, <b>community</b> and <b>unit</b> titles, right "
    "here on the portal, with no account.</p>"
    "<p><em>The demo uses sample criteria, not the official texts.</em></p>"
)
CONTACT = "<p>Hội Khuyến học phường, xã nơi bạn cư trú hoặc đơn vị đóng trụ sở; đường dây nóng 028 3829 1875.</p>"
CONTACT_EN = "<p>The Study Promotion Association of your commune or ward; hotline 028 3829 1875.</p>"


def _page():
    home = home_pages()[0]
    page = upsert_page(
        home,
        EvaluationPage,
        "danh-gia",
        {
            "title": "Đánh giá danh hiệu học tập",
            "intro": INTRO,
            "contact": CONTACT,
            "show_in_menus": True,
            "search_description": (
                "Tự đánh giá và công nhận Công dân học tập, Gia đình, Dòng họ, Cộng đồng, Đơn vị học tập."
            ),
        },
    )
    upsert_page_translation(
        page,
        en(),
        {
            "title": "Learning titles: self-assessment",
            "slug": "evaluation",
            "intro": INTRO_EN,
            "contact": CONTACT_EN,
            "search_description": (
                "Self-assessment and recognition of the learning citizen, family, clan, community and unit titles."
            ),
        },
    )
    return page
