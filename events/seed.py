"""Demo events: the 11/12/2024 training session of the DOET plan (finished, with its
registrations), an open seminar with quotas by kind of organisation and role, and a reading
day that is nearly full with a waiting list. Idempotent like every seed.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from campaigns.models import CampaignPage
from home.seed import en, generated_image, home_pages, upsert_child, upsert_translation, vi
from network.models import OrganisationKind
from network.seed import HCMC, area, organisation

from . import services
from .models import (
    DelegateRole,
    EventIndexPage,
    EventKind,
    EventPage,
    EventQuota,
    Registration,
    RegistrationMode,
)
from .services import DelegateData, RegistrationRequest

# name, kind, area code: city-level bodies belong to the city, schools to their ward since July 2025.
DOET = ("Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", OrganisationKind.GOVERNMENT, HCMC)
ASSOCIATION = ("Hội Khuyến học Thành phố Hồ Chí Minh", OrganisationKind.ASSOCIATION, HCMC)
AGENCIES = [
    ("Sở Tư pháp Thành phố Hồ Chí Minh", OrganisationKind.GOVERNMENT, HCMC),
    ("Sở Văn hóa và Thể thao Thành phố Hồ Chí Minh", OrganisationKind.GOVERNMENT, HCMC),
    ("Liên đoàn Lao động Thành phố Hồ Chí Minh", OrganisationKind.ASSOCIATION, HCMC),
    ("Hội Liên hiệp Phụ nữ Thành phố Hồ Chí Minh", OrganisationKind.ASSOCIATION, HCMC),
]
SCHOOLS = [
    ("Trường THPT Nguyễn Thị Minh Khai", OrganisationKind.SCHOOL, "79-006"),
    ("Trường THPT Lê Quý Đôn", OrganisationKind.SCHOOL, "79-006"),
    ("Trường THPT Trưng Vương", OrganisationKind.SCHOOL, "79-001"),
    ("Trung tâm Giáo dục thường xuyên Thành phố Hồ Chí Minh", OrganisationKind.SCHOOL, HCMC),
]
FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi"]
GIVEN_NAMES = ["Minh Anh", "Thu Hà", "Quốc Bảo", "Ngọc Lan", "Văn Hùng", "Thanh Tâm", "Hoài Nam", "Kim Chi"]


def _organisation(name, kind, area_code):
    return organisation(name, kind, area(area_code))


def _local(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _configure(event, organisers, quotas=(), agenda=()):
    """Organisers, quotas and the agenda are compared as data (a StreamField never equals a list),
    set in memory and published once, so that they belong to the page's revisions."""
    organisers = [_organisation(*spec) for spec in organisers]
    current_quotas = [(q.organisation_kind, q.role, q.max_per_organisation) for q in event.quotas.all()]
    current_organisers = set(event.organisers.values_list("pk", flat=True))
    current_agenda = [(block.block_type, dict(block.value)) for block in event.agenda]
    if (
        current_quotas == list(quotas)
        and current_organisers == {o.pk for o in organisers}
        and current_agenda == list(agenda)
    ):
        return event
    event.organisers.set(organisers)
    event.quotas = [EventQuota(organisation_kind=k, role=r, max_per_organisation=m) for k, r, m in quotas]
    event.agenda = list(agenda)
    event.save_revision().publish()
    return event


def _person(n):
    return f"{FAMILY_NAMES[n % len(FAMILY_NAMES)]} {GIVEN_NAMES[(n // len(FAMILY_NAMES)) % len(GIVEN_NAMES)]}"


def _register(event, key, organisation, roles, n, now):
    """One registration, made once: the seed's submission key finds it again on the next run."""
    earlier = Registration.objects.filter(event=event, idempotency_key=key).first()
    if earlier is not None:
        return earlier
    delegates = [
        DelegateData(_person(n + i), role, "Chuyên viên" if role == "delegate" else "", f"{key}-{i}@example.org")
        for i, role in enumerate(roles)
    ]
    request = RegistrationRequest(
        contact_name=_person(n + 7),
        email=f"{key}@example.org",
        phone=f"0903 {n:03d} {n * 7 % 1000:03d}",
        position="Cán bộ phụ trách",
        organisation=organisation,
        delegates=delegates,
        idempotency_key=key,
        consent=True,
    )
    return services.register(event, request, now=now, notify=False).registration


AGENDA_004 = [
    ("item", {"time": "08:00 – 08:15", "title": "Khai mạc, giới thiệu đại biểu", "speaker": "", "description": ""}),
    (
        "item",
        {
            "time": "08:15 – 09:30",
            "title": "Hướng dẫn đánh giá, công nhận “Đơn vị học tập” theo Thông tư số 24/2023/TT-BGDĐT",
            "speaker": "Phòng Giáo dục thường xuyên – Chuyên nghiệp và Đại học",
            "description": "",
        },
    ),
    (
        "item",
        {
            "time": "09:45 – 11:00",
            "title": "Bộ tiêu chí “Công dân học tập” (Quyết định số 324/QĐ-KHVN) và phần mềm đánh giá",
            "speaker": "Hội Khuyến học Thành phố",
            "description": "",
        },
    ),
    (
        "item",
        {
            "time": "11:00 – 11:30",
            "title": "Hướng dẫn hồ sơ: văn bản chỉ đạo, quyết định, kế hoạch, báo cáo, biểu mẫu",
            "speaker": "",
            "description": "",
        },
    ),
]
AGENDA_004_EN = [
    (
        "item",
        {"time": "08:00 – 08:15", "title": "Opening and introduction of delegates", "speaker": "", "description": ""},
    ),
    (
        "item",
        {
            "time": "08:15 – 09:30",
            "title": "Evaluating and recognising a “Learning unit” under Circular 24/2023/TT-BGDĐT",
            "speaker": "Division of Continuing, Vocational and Higher Education",
            "description": "",
        },
    ),
    (
        "item",
        {
            "time": "09:45 – 11:00",
            "title": "The “Learning citizen” criteria (Decision 324/QĐ-KHVN) and the evaluation software",
            "speaker": "Ho Chi Minh City Study Promotion Association",
            "description": "",
        },
    ),
    (
        "item",
        {
            "time": "11:00 – 11:30",
            "title": "Preparing the dossier: directives, decisions, plans, reports and forms",
            "speaker": "",
            "description": "",
        },
    ),
]
DOET_VENUE_EN = "Ho Chi Minh City Department of Education and Training"
DOET_ADDRESS_EN = "68 Le Thanh Ton Street, Ben Nghe Ward, District 1, Ho Chi Minh City"
DESCRIPTION_004 = (
    "<p>Tập huấn bồi dưỡng nghiệp vụ cho cán bộ quản lý: cập nhật các văn bản chỉ đạo về Đề án “Xây dựng xã hội "
    "học tập giai đoạn 2021 – 2030” và Phong trào thi đua “Cả nước xây dựng xã hội học tập, đẩy mạnh học tập suốt "
    "đời giai đoạn 2023 – 2030”.</p><ul>"
    "<li>Hướng dẫn thực hiện quy định đánh giá, công nhận “Đơn vị học tập” theo Thông tư số 24/2023/TT-BGDĐT;</li>"
    "<li>Hướng dẫn Bộ tiêu chí đánh giá, công nhận “Công dân học tập” giai đoạn 2021 – 2030 ban hành theo "
    "Quyết định số 324/QĐ-KHVN;</li>"
    "<li>Hướng dẫn hồ sơ (văn bản chỉ đạo, quyết định, kế hoạch, báo cáo, biểu mẫu…) trong công tác đánh giá, "
    "công nhận “Đơn vị học tập”.</li></ul>"
    "<p><b>Đối tượng:</b> đại diện các sở, ban, ngành, tổ chức chính trị – xã hội, xã hội – nghề nghiệp và tổ chức "
    "xã hội Thành phố (mỗi đơn vị 03 đại biểu); lãnh đạo các trường THPT, trung tâm giáo dục thường xuyên và các cơ "
    "sở giáo dục trực thuộc Sở (mỗi đơn vị 01 lãnh đạo và 01 giáo viên hoặc nhân viên phụ trách).</p>"
)
DESCRIPTION_004_EN = (
    "<p>Training for managers on the guidance for building a learning society 2021–2030 and the emulation "
    "movement 2023–2030: evaluating and recognising “Learning unit” (Circular 24/2023/TT-BGDĐT) and “Learning "
    "citizen” (Decision 324/QĐ-KHVN), and preparing the dossiers.</p>"
    "<p><b>Who:</b> city departments and associations send 3 delegates each; upper secondary schools and "
    "education centres send 1 leader and 1 teacher or staff member in charge.</p>"
)


def _seed_004(index):
    start = timezone.make_aware(datetime(2024, 12, 11, 8, 0))
    event = upsert_child(
        index,
        EventPage,
        "tap-huan-cong-dan-hoc-tap-don-vi-hoc-tap-2024",
        title="Tập huấn đánh giá, công nhận danh hiệu “Công dân học tập”, “Đơn vị học tập” năm 2024",
        kind=EventKind.TRAINING,
        start=start,
        end=start + timedelta(hours=3, minutes=30),
        summary="Hướng dẫn Thông tư số 24/2023/TT-BGDĐT và Quyết định số 324/QĐ-KHVN cho các sở, ngành, "
        "tổ chức và cơ sở giáo dục.",
        venue_name="Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
        venue_address="68 Lê Thánh Tôn, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
        district="Quận 1",
        description=DESCRIPTION_004,
        what_to_bring="<p>Máy tính xách tay và kết nối Internet (mạng di động hoặc Wi-Fi) để thực hành trên phần mềm "
        "đánh giá “Công dân học tập”.</p>",
        registration_mode=RegistrationMode.DELEGATES,
        registration_opens=timezone.make_aware(datetime(2024, 11, 25, 8, 0)),
        registration_closes=timezone.make_aware(datetime(2024, 12, 5, 0, 0)),
        capacity=200,
        waiting_list=True,
        social_image=generated_image("Tập huấn Công dân học tập 2024", "blue"),
    )
    _configure(
        event,
        [DOET, ASSOCIATION],
        [
            (OrganisationKind.GOVERNMENT, "", 3),
            (OrganisationKind.ASSOCIATION, "", 3),
            (OrganisationKind.SCHOOL, DelegateRole.LEADER, 1),
            (OrganisationKind.SCHOOL, DelegateRole.STAFF_IN_CHARGE, 1),
        ],
        AGENDA_004,
    )
    upsert_translation(
        event,
        en(),
        title="Training on evaluating and recognising “Learning citizen” and “Learning unit”, 2024",
        slug="learning-citizen-learning-unit-training-2024",
        summary="Guidance on Circular 24/2023/TT-BGDĐT and Decision 324/QĐ-KHVN for departments, "
        "organisations and schools.",
        description=DESCRIPTION_004_EN,
        what_to_bring="<p>A laptop and an Internet connection.</p>",
        venue_name=DOET_VENUE_EN,
        venue_address=DOET_ADDRESS_EN,
        district="District 1",
        agenda=AGENDA_004_EN,
    )
    registered_at = timezone.make_aware(datetime(2024, 11, 28, 9, 0))
    n = 0
    for i, spec in enumerate(AGENCIES):
        registration = _register(
            event, f"seed-004-agency-{i}", _organisation(*spec), ["delegate"] * 3, n, registered_at
        )
        n += 3
        _check_in_all(registration, start)
    for i, spec in enumerate(SCHOOLS):
        roles = [DelegateRole.LEADER, DelegateRole.STAFF_IN_CHARGE]
        registration = _register(event, f"seed-004-school-{i}", _organisation(*spec), roles, n, registered_at)
        n += 2
        if i != 1:
            _check_in_all(registration, start)
    return event


def _check_in_all(registration, when):
    for attendee in registration.attendees.filter(checked_in_at__isnull=True):
        services.check_in(attendee, now=when + timedelta(minutes=attendee.pk % 20 - 15))


def _campaign():
    return CampaignPage.objects.live().filter(locale=vi()).order_by("-start_date").first()


def _english(campaign):
    """The English page of the event's campaign, for the event's English page."""
    return campaign.get_translation_or_none(en()) if campaign else None


def _seed_open_seminar(index, today):
    start = _local(today + timedelta(days=24), 8, 0)
    event = upsert_child(
        index,
        EventPage,
        "hoi-thao-xay-dung-don-vi-hoc-tap-trong-truong-hoc",
        title="Hội thảo “Xây dựng Đơn vị học tập trong trường học”",
        kind=EventKind.SEMINAR,
        start=start,
        end=start + timedelta(hours=4),
        summary="Chia sẻ kinh nghiệm xây dựng “Đơn vị học tập” của các trường và cơ quan; mỗi đơn vị đăng ký đại "
        "biểu theo định mức.",
        venue_name="Hội trường Sở Giáo dục và Đào tạo",
        venue_address="68 Lê Thánh Tôn, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
        district="Quận 1",
        online_url="https://www.youtube.com/",
        description="<p>Các trường trình bày mô hình “Đơn vị học tập”, thảo luận cách tự đánh giá theo Thông tư "
        "số 24/2023/TT-BGDĐT và kế hoạch năm sau. Hội thảo được phát trực tuyến cho các đơn vị không cử đại biểu.</p>",
        what_to_bring="<p>Báo cáo tự đánh giá của đơn vị (nếu có).</p>",
        registration_mode=RegistrationMode.DELEGATES,
        registration_opens=_local(today - timedelta(days=7), 8, 0),
        registration_closes=_local(today + timedelta(days=17), 17, 0),
        capacity=120,
        waiting_list=True,
        campaign=_campaign(),
        social_image=generated_image("Hội thảo Đơn vị học tập", "green"),
    )
    _configure(
        event,
        [DOET],
        [
            (OrganisationKind.GOVERNMENT, "", 2),
            (OrganisationKind.ASSOCIATION, "", 2),
            (OrganisationKind.SCHOOL, DelegateRole.LEADER, 1),
            (OrganisationKind.SCHOOL, DelegateRole.STAFF_IN_CHARGE, 1),
        ],
    )
    upsert_translation(
        event,
        en(),
        title="Seminar “Building a learning unit in schools”",
        slug="seminar-learning-unit-in-schools",
        summary="Schools and agencies share how they build a “Learning unit”; each organisation registers its "
        "delegates within its quota.",
        description="<p>Schools present their learning-unit models and discuss self-evaluation under Circular "
        "24/2023/TT-BGDĐT. The seminar is also streamed online.</p>",
        what_to_bring="<p>Your organisation's self-evaluation report, if any.</p>",
        venue_name="Hall of the Department of Education and Training",
        venue_address=DOET_ADDRESS_EN,
        district="District 1",
        campaign=_english(event.campaign),
    )
    now = timezone.now()
    _register(event, "seed-seminar-agency-0", _organisation(*AGENCIES[0]), ["delegate"], 40, now)
    _register(event, "seed-seminar-school-0", _organisation(*SCHOOLS[0]), [DelegateRole.LEADER], 42, now)
    return event


def _seed_reading_day(index, today):
    start = _local(today + timedelta(days=10), 7, 30)
    event = upsert_child(
        index,
        EventPage,
        "ngay-hoi-doc-sach-gia-dinh-hoc-tap",
        title="Ngày hội đọc sách “Gia đình học tập”",
        kind=EventKind.READING_DAY,
        start=start,
        end=start + timedelta(hours=4),
        summary="Đọc sách cùng con, đổi sách cũ lấy sách mới, giao lưu với tác giả thiếu nhi. Số chỗ có hạn.",
        venue_name="Thư viện Khoa học Tổng hợp Thành phố Hồ Chí Minh",
        venue_address="69 Lý Tự Trọng, Phường Bến Thành, Quận 1, Thành phố Hồ Chí Minh",
        district="Quận 1",
        description="<p>Ngày hội dành cho các gia đình: mỗi lượt đăng ký là một người lớn; trẻ em đi cùng không cần "
        "đăng ký. Khi hết chỗ, bạn có thể vào danh sách chờ và sẽ được xác nhận tự động khi có người hủy.</p>",
        what_to_bring="<p>Một cuốn sách cũ để trao đổi (không bắt buộc).</p>",
        registration_mode=RegistrationMode.INDIVIDUAL,
        registration_opens=_local(today - timedelta(days=14), 8, 0),
        registration_closes=_local(today + timedelta(days=9), 12, 0),
        capacity=40,
        waiting_list=True,
        campaign=_campaign(),
        social_image=generated_image("Ngày hội đọc sách gia đình", "orange"),
    )
    _configure(event, [ASSOCIATION])
    upsert_translation(
        event,
        en(),
        title="Family reading day",
        slug="family-reading-day",
        summary="Read with your children, swap old books for new ones, meet children's authors. Seats are limited.",
        description="<p>A day for families: each registration is one adult; children come along without "
        "registering. When the day is full you can join the waiting list.</p>",
        what_to_bring="<p>An old book to swap (optional).</p>",
        venue_name="Ho Chi Minh City General Sciences Library",
        venue_address="69 Ly Tu Trong Street, Ben Thanh Ward, District 1, Ho Chi Minh City",
        district="District 1",
        campaign=_english(event.campaign),
    )
    now = timezone.now()
    for n in range(38):
        _register(event, f"seed-reading-{n}", None, ["delegate"], 60 + n, now)
    return event


def seed(stdout):
    home, _english_home = home_pages()
    index = upsert_child(
        home,
        EventIndexPage,
        "su-kien",
        title="Sự kiện",
        intro="<p>Tập huấn, hội thảo, hội nghị, lễ tuyên dương và ngày hội đọc sách của phong trào khuyến học, "
        "xây dựng xã hội học tập. Đăng ký trực tuyến ngay trên trang sự kiện.</p>",
        search_description="Lịch tập huấn, hội thảo, lễ tuyên dương và ngày hội đọc sách; đăng ký tham dự trực tuyến.",
        show_in_menus=True,
    )
    upsert_translation(
        index,
        en(),
        title="Events",
        slug="events",
        intro="<p>Training sessions, seminars, conferences, ceremonies and reading days. Register online on "
        "each event's page.</p>",
        search_description="Training sessions, seminars, ceremonies and reading days; register online.",
    )
    today = timezone.localdate()
    events = [_seed_004(index), _seed_open_seminar(index, today), _seed_reading_day(index, today)]
    total = Registration.objects.filter(event__in=events).count()
    stdout.write(f"Events ready: {len(events)} events, {total} registrations.")
