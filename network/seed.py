"""Demo areas and community learning centres: Hồ Chí Minh City and Hải Phòng, across the 2025 reform.

Before 1 July 2025: city → district → ward or commune. From then on: city → ward, commune or
special zone, with Bình Dương and Bà Rịa – Vũng Tàu merged into Hồ Chí Minh City and Hải Dương
into Hải Phòng. The selection of areas, their codes and the succession links are a sample for
the demo, labelled as such in each area's source: load the official lists before real use.

Other apps' seeds name their organisations through ``organisation()`` so that one unit is one row.
"""

import datetime
import unicodedata

from home.seed import en, home_pages, upsert_page, upsert_page_translation

from .models import Area, AreaKind, LearningCentreIndexPage, Organisation, OrganisationKind

REFORM_DAY = datetime.date(2025, 7, 1)
LAST_OLD_DAY = REFORM_DAY - datetime.timedelta(days=1)
DEMO_SOURCE = "Dữ liệu mẫu để trình diễn (cần đối chiếu danh mục đơn vị hành chính chính thức)"

HCMC, HAIPHONG = "79", "31"
CITY, PROVINCE = AreaKind.CITY, AreaKind.PROVINCE
UD, RD, PC = AreaKind.URBAN_DISTRICT, AreaKind.RURAL_DISTRICT, AreaKind.PROVINCIAL_CITY
WARD, COMMUNE, ZONE = AreaKind.WARD, AreaKind.COMMUNE, AreaKind.SPECIAL_ZONE

# code, name, English name, kind, parent code: in force throughout.
LASTING = [
    (HCMC, "Thành phố Hồ Chí Minh", "Ho Chi Minh City", CITY, None),
    (HAIPHONG, "Thành phố Hải Phòng", "Hai Phong City", CITY, None),
    ("87", "Tỉnh Đồng Tháp", "Dong Thap Province", PROVINCE, None),
]

# code, name, kind, parent code: in force until 30/06/2025.
BEFORE_REFORM = [
    ("74", "Tỉnh Bình Dương", PROVINCE, None),
    ("77", "Tỉnh Bà Rịa - Vũng Tàu", PROVINCE, None),
    ("30", "Tỉnh Hải Dương", PROVINCE, None),
    ("760", "Quận 1", UD, HCMC),
    ("770", "Quận 3", UD, HCMC),
    ("776", "Quận 8", UD, HCMC),
    ("769", "Thành phố Thủ Đức", PC, HCMC),
    ("783", "Huyện Củ Chi", RD, HCMC),
    ("787", "Huyện Cần Giờ", RD, HCMC),
    ("718", "Thành phố Thủ Dầu Một", PC, "74"),
    ("724", "Thành phố Dĩ An", PC, "74"),
    ("747", "Thành phố Vũng Tàu", PC, "77"),
    ("755", "Huyện Côn Đảo", RD, "77"),
    ("303", "Quận Hồng Bàng", UD, HAIPHONG),
    ("304", "Quận Ngô Quyền", UD, HAIPHONG),
    ("305", "Quận Lê Chân", UD, HAIPHONG),
    ("307", "Quận Kiến An", UD, HAIPHONG),
    ("312", "Huyện An Dương", RD, HAIPHONG),
    ("315", "Huyện Tiên Lãng", RD, HAIPHONG),
    ("317", "Huyện Cát Hải", RD, HAIPHONG),
    ("288", "Thành phố Hải Dương", PC, "30"),
    ("290", "Thành phố Chí Linh", PC, "30"),
    ("87-TM", "Huyện Tháp Mười", RD, "87"),
    # Quận 1's wards, the one district shown down to its wards before the reform.
    ("26734", "Phường Tân Định", WARD, "760"),
    ("26737", "Phường Đa Kao", WARD, "760"),
    ("26740", "Phường Bến Nghé", WARD, "760"),
    ("26743", "Phường Bến Thành", WARD, "760"),
    ("26746", "Phường Nguyễn Thái Bình", WARD, "760"),
    ("26749", "Phường Phạm Ngũ Lão", WARD, "760"),
    ("26752", "Phường Cầu Ông Lãnh", WARD, "760"),
    ("26755", "Phường Cô Giang", WARD, "760"),
    ("26758", "Phường Nguyễn Cư Trinh", WARD, "760"),
    ("26761", "Phường Cầu Kho", WARD, "760"),
]

# code, name, kind, parent code, predecessor codes: in force from 01/07/2025.
AFTER_REFORM = [
    ("79-001", "Phường Sài Gòn", WARD, HCMC, ["26740", "26737", "26746", "760"]),
    ("79-002", "Phường Tân Định", WARD, HCMC, ["26734", "26737", "760"]),
    ("79-003", "Phường Bến Thành", WARD, HCMC, ["26743", "26749", "26752", "26746", "760"]),
    ("79-004", "Phường Cầu Ông Lãnh", WARD, HCMC, ["26758", "26761", "26755", "26752", "760"]),
    ("79-005", "Phường Bàn Cờ", WARD, HCMC, ["770"]),
    ("79-006", "Phường Xuân Hòa", WARD, HCMC, ["770"]),
    ("79-007", "Phường Nhiêu Lộc", WARD, HCMC, ["770"]),
    ("79-008", "Phường Chánh Hưng", WARD, HCMC, ["776"]),
    ("79-009", "Phường Bình Đông", WARD, HCMC, ["776"]),
    ("79-010", "Phường Phú Định", WARD, HCMC, ["776"]),
    ("79-011", "Phường Thủ Đức", WARD, HCMC, ["769"]),
    ("79-012", "Phường Linh Xuân", WARD, HCMC, ["769"]),
    ("79-013", "Phường An Khánh", WARD, HCMC, ["769"]),
    ("79-014", "Phường Cát Lái", WARD, HCMC, ["769"]),
    ("79-015", "Xã Củ Chi", COMMUNE, HCMC, ["783"]),
    ("79-016", "Xã Tân An Hội", COMMUNE, HCMC, ["783"]),
    ("79-017", "Xã Phú Hòa Đông", COMMUNE, HCMC, ["783"]),
    ("79-018", "Xã Cần Giờ", COMMUNE, HCMC, ["787"]),
    ("79-019", "Xã Bình Khánh", COMMUNE, HCMC, ["787"]),
    ("79-020", "Xã Thạnh An", COMMUNE, HCMC, ["787"]),
    ("79-021", "Phường Thủ Dầu Một", WARD, HCMC, ["718"]),
    ("79-022", "Phường Phú Lợi", WARD, HCMC, ["718"]),
    ("79-023", "Phường Dĩ An", WARD, HCMC, ["724"]),
    ("79-024", "Phường Đông Hòa", WARD, HCMC, ["724"]),
    ("79-025", "Phường Vũng Tàu", WARD, HCMC, ["747"]),
    ("79-026", "Phường Tam Thắng", WARD, HCMC, ["747"]),
    ("79-027", "Đặc khu Côn Đảo", ZONE, HCMC, ["755"]),
    ("31-001", "Phường Hồng Bàng", WARD, HAIPHONG, ["303"]),
    ("31-002", "Phường Hồng An", WARD, HAIPHONG, ["303"]),
    ("31-003", "Phường Ngô Quyền", WARD, HAIPHONG, ["304"]),
    ("31-004", "Phường Gia Viên", WARD, HAIPHONG, ["304"]),
    ("31-005", "Phường Lê Chân", WARD, HAIPHONG, ["305"]),
    ("31-006", "Phường An Biên", WARD, HAIPHONG, ["305"]),
    ("31-007", "Phường Kiến An", WARD, HAIPHONG, ["307"]),
    ("31-008", "Phường Phù Liễn", WARD, HAIPHONG, ["307"]),
    ("31-009", "Phường An Dương", WARD, HAIPHONG, ["312"]),
    ("31-010", "Phường An Hải", WARD, HAIPHONG, ["312"]),
    ("31-011", "Xã Tiên Lãng", COMMUNE, HAIPHONG, ["315"]),
    ("31-012", "Xã Tân Minh", COMMUNE, HAIPHONG, ["315"]),
    ("31-013", "Đặc khu Cát Hải", ZONE, HAIPHONG, ["317"]),
    ("31-014", "Phường Hải Dương", WARD, HAIPHONG, ["288"]),
    ("31-015", "Phường Thành Đông", WARD, HAIPHONG, ["288"]),
    ("31-016", "Phường Chí Linh", WARD, HAIPHONG, ["290"]),
    ("31-017", "Phường Chu Văn An", WARD, HAIPHONG, ["290"]),
    ("87-001", "Xã Tháp Mười", COMMUNE, "87", ["87-TM"]),
    ("87-002", "Xã Mỹ Quí", COMMUNE, "87", ["87-TM"]),
]
MERGED_PROVINCES = {"74": HCMC, "77": HCMC, "30": HAIPHONG}


# Vietnamese prefix of an area's name → how English writes it: "Phường Bàn Cờ" → "Ban Co Ward".
ENGLISH_AREA_FORMS = [
    ("Thành phố ", "{} City"),
    ("Tỉnh ", "{} Province"),
    ("Thị xã ", "{} Town"),
    ("Thị trấn ", "{} Township"),
    ("Đặc khu ", "{} Special Zone"),
    ("Quận ", "{} District"),
    ("Huyện ", "{} District"),
    ("Phường ", "{} Ward"),
    ("Xã ", "{} Commune"),
]
NUMBERED_AREA_FORMS = {"Quận ": "District {}", "Phường ": "Ward {}"}


def english_area_name(name):
    """The usual English form of an area's name, without diacritics as official English texts write it."""
    for prefix, form in ENGLISH_AREA_FORMS:
        if name.startswith(prefix):
            proper = name.removeprefix(prefix)
            if proper.isdigit():
                return NUMBERED_AREA_FORMS.get(prefix, form).format(proper)
            plain = "".join(
                c
                for c in unicodedata.normalize("NFD", proper.replace("Đ", "D").replace("đ", "d"))
                if not unicodedata.combining(c)
            )
            return form.format(plain)
    return ""


def _upsert_area(code, name, kind, parent, valid_from=None, valid_until=None, name_en=""):
    wanted = {
        "name": name,
        "name_en": name_en or english_area_name(name),
        "kind": kind,
        "parent": parent,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "source": DEMO_SOURCE,
    }
    area = Area.objects.filter(code=code).first()
    if area is None:
        return Area.objects.create(code=code, **wanted)
    if any(getattr(area, field) != value for field, value in wanted.items()):
        for field, value in wanted.items():
            setattr(area, field, value)
        area.save()
    return area


def areas():
    """The demo's areas by code, created or brought up to date."""
    found = {}
    for code, name, name_en, kind, parent in LASTING:
        found[code] = _upsert_area(code, name, kind, found.get(parent), name_en=name_en)
    for code, name, kind, parent in BEFORE_REFORM:
        found[code] = _upsert_area(code, name, kind, found.get(parent), valid_until=LAST_OLD_DAY)
    for code, name, kind, parent, _predecessors in AFTER_REFORM:
        found[code] = _upsert_area(code, name, kind, found[parent], valid_from=REFORM_DAY)
    successors = {}
    for code, _name, _kind, _parent, predecessors in AFTER_REFORM:
        for predecessor in predecessors:
            successors.setdefault(predecessor, set()).add(found[code].pk)
    for old, new in MERGED_PROVINCES.items():
        successors.setdefault(old, set()).add(found[new].pk)
    for code, wanted in successors.items():
        area = found[code]
        if set(area.successors.values_list("pk", flat=True)) != wanted:
            area.successors.set(wanted)
    return found


def area(code):
    return Area.objects.get(code=code)


# The English names of the demo's units, whichever app's seed names them (shown on English pages).
ENGLISH_NAMES = {
    "Ban Quản lý Khu kinh tế Hải Phòng": "Hai Phong Economic Zone Authority",
    "Bộ Chỉ huy Bộ đội Biên phòng thành phố Hải Phòng": "Hai Phong City Border Guard Command",
    "Bộ Chỉ huy Quân sự thành phố Hải Phòng": "Hai Phong City Military Command",
    "Công an thành phố Hải Phòng": "Hai Phong City Police",
    "Hội Cựu giáo chức thành phố Hải Phòng": "Hai Phong City Association of Retired Teachers",
    "Hội Khoa học Tâm lý Giáo dục Hải Phòng": "Hai Phong Association of Educational Psychology",
    "Hội Khuyến học Quận 8": "District 8 Study Promotion Association",
    "Hội Khuyến học Thành phố Hồ Chí Minh": "Ho Chi Minh City Study Promotion Association",
    "Hội Khuyến học Việt Nam": "Vietnam Study Promotion Association",
    "Hội Khuyến học huyện Củ Chi": "Cu Chi District Study Promotion Association",
    "Hội Khuyến học thành phố Hải Phòng": "Hai Phong City Study Promotion Association",
    "Hội Liên hiệp Phụ nữ Thành phố Hồ Chí Minh": "Ho Chi Minh City Women's Union",
    "Liên đoàn Lao động Thành phố Hồ Chí Minh": "Ho Chi Minh City Federation of Labour",
    "Sở Giáo dục và Đào tạo Hải Phòng": "Hai Phong Department of Education and Training",
    "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh": "Ho Chi Minh City Department of Education and Training",
    "Sở Tư pháp Thành phố Hồ Chí Minh": "Ho Chi Minh City Department of Justice",
    "Sở Văn hóa và Thể thao Thành phố Hồ Chí Minh": "Ho Chi Minh City Department of Culture and Sports",
    "Thư viện Khoa học Tổng hợp Thành phố Hồ Chí Minh": "Ho Chi Minh City General Sciences Library",
    "Trung tâm Giáo dục thường xuyên Thành phố Hồ Chí Minh": "Ho Chi Minh City Continuing Education Centre",
    "Trung tâm học tập cộng đồng Phường 5": "Ward 5 Community Learning Centre",
    "Trung tâm học tập cộng đồng phường Bàn Cờ": "Ban Co Ward Community Learning Centre",
    "Trung tâm học tập cộng đồng phường Chánh Hưng": "Chanh Hung Ward Community Learning Centre",
    "Trung tâm học tập cộng đồng phường Dĩ An": "Di An Ward Community Learning Centre",
    "Trung tâm học tập cộng đồng phường Hải Dương": "Hai Duong Ward Community Learning Centre",
    "Trung tâm học tập cộng đồng phường Lê Chân": "Le Chan Ward Community Learning Centre",
    "Trung tâm học tập cộng đồng phường Sài Gòn": "Sai Gon Ward Community Learning Centre",
    "Trung tâm học tập cộng đồng xã Củ Chi": "Cu Chi Commune Community Learning Centre",
    "Trung tâm học tập cộng đồng xã Thạnh An": "Thanh An Commune Community Learning Centre",
    "Trung tâm học tập cộng đồng xã Tiên Lãng": "Tien Lang Commune Community Learning Centre",
    "Trường THPT Lê Quý Đôn": "Le Quy Don High School",
    "Trường THPT Nguyễn Thị Minh Khai": "Nguyen Thi Minh Khai High School",
    "Trường THPT Trưng Vương": "Trung Vuong High School",
    "Ủy ban nhân dân huyện Tháp Mười": "Thap Muoi District People's Committee",
    "Ủy ban nhân dân thành phố Hải Phòng": "Hai Phong City People's Committee",
    "Ủy ban nhân dân thành phố Thủ Đức": "Thu Duc City People's Committee",
}


def organisation(name, kind, area=None, parent=None, **details):
    """The unit of that name in that area, created or brought up to date.

    A unit created before areas existed (same name, no area) is adopted rather than duplicated.
    """
    if name in ENGLISH_NAMES:
        details.setdefault("name_en", ENGLISH_NAMES[name])
    unit = (
        Organisation.objects.filter(name=name, area=area).first()
        or Organisation.objects.filter(name=name, area=None).order_by("pk").first()
    )
    wanted = {"kind": kind, "area": area, "parent": parent, **details}
    if unit is None:
        return Organisation.objects.create(name=name, **wanted)
    if any(getattr(unit, field) != value for field, value in wanted.items()):
        for field, value in wanted.items():
            setattr(unit, field, value)
        unit.save()
    return unit


HOURS = "Thứ Hai – Thứ Sáu: 7:30 – 11:30, 13:30 – 17:00\nThứ Bảy: 7:30 – 11:30"
EVENING_HOURS = "Thứ Hai – Thứ Sáu: 17:30 – 21:00\nChủ nhật: 7:30 – 11:00"

# name, area code, address, phone, hours, activities (HTML)
CENTRES = [
    (
        "Trung tâm học tập cộng đồng phường Sài Gòn",
        "79-001",
        "45 Đinh Tiên Hoàng, phường Sài Gòn, Thành phố Hồ Chí Minh",
        "028 3823 0001",
        HOURS,
        "<ul><li>Lớp tin học cơ bản và kỹ năng số cho người lớn tuổi</li><li>Câu lạc bộ đọc sách cuối tuần</li>"
        "<li>Tư vấn pháp luật hằng tháng</li></ul>",
    ),
    (
        "Trung tâm học tập cộng đồng phường Bàn Cờ",
        "79-005",
        "185 Cách Mạng Tháng Tám, phường Bàn Cờ, Thành phố Hồ Chí Minh",
        "028 3832 0002",
        EVENING_HOURS,
        "<ul><li>Lớp tiếng Anh giao tiếp buổi tối</li><li>Chuyên đề nuôi dạy con</li></ul>",
    ),
    (
        "Trung tâm học tập cộng đồng phường Chánh Hưng",
        "79-008",
        "12 Phạm Hùng, phường Chánh Hưng, Thành phố Hồ Chí Minh",
        "028 3850 0003",
        HOURS,
        "<ul><li>Lớp xóa mù chữ và sau xóa mù chữ</li><li>Dạy nghề may, cắm hoa</li>"
        "<li>Sinh hoạt “Gia đình học tập”</li></ul>",
    ),
    (
        "Trung tâm học tập cộng đồng xã Củ Chi",
        "79-015",
        "Tỉnh lộ 8, xã Củ Chi, Thành phố Hồ Chí Minh",
        "028 3792 0004",
        HOURS,
        "<ul><li>Chuyển giao kỹ thuật trồng rau an toàn, chăn nuôi bò sữa</li>"
        "<li>Lớp kỹ năng bán hàng trực tuyến</li></ul>",
    ),
    (
        "Trung tâm học tập cộng đồng xã Thạnh An",
        "79-020",
        "Ấp Thiềng Liềng, xã Thạnh An, Thành phố Hồ Chí Minh",
        "028 3874 0005",
        HOURS,
        "<ul><li>Kỹ năng phòng chống thiên tai cho ngư dân</li><li>Tủ sách cộng đồng</li></ul>",
    ),
    (
        "Trung tâm học tập cộng đồng phường Dĩ An",
        "79-023",
        "1 Trần Hưng Đạo, phường Dĩ An, Thành phố Hồ Chí Minh",
        "0274 373 0006",
        EVENING_HOURS,
        "<ul><li>Lớp kỹ năng số cho công nhân lao động</li><li>Câu lạc bộ tiếng Anh thiếu nhi</li></ul>",
    ),
    (
        "Trung tâm học tập cộng đồng phường Lê Chân",
        "31-005",
        "30 Hai Bà Trưng, phường Lê Chân, Thành phố Hải Phòng",
        "0225 385 0007",
        HOURS,
        "<ul><li>Câu lạc bộ “Công dân học tập”</li><li>Chuyên đề sức khỏe người cao tuổi</li></ul>",
    ),
    (
        "Trung tâm học tập cộng đồng xã Tiên Lãng",
        "31-011",
        "Thị tứ Tiên Lãng, xã Tiên Lãng, Thành phố Hải Phòng",
        "0225 388 0008",
        HOURS,
        "<ul><li>Chuyển giao kỹ thuật nuôi trồng thủy sản</li><li>Lớp tin học văn phòng</li></ul>",
    ),
    (
        "Trung tâm học tập cộng đồng phường Hải Dương",
        "31-014",
        "Đường Trần Hưng Đạo, phường Hải Dương, Thành phố Hải Phòng",
        "0220 385 0009",
        EVENING_HOURS,
        "<ul><li>Lớp thư pháp và văn hóa đọc</li><li>Bồi dưỡng kiến thức chuyển đổi số</li></ul>",
    ),
]


def learning_centres(found):
    return [
        organisation(
            name,
            OrganisationKind.LEARNING_CENTRE,
            found[code],
            address=address,
            phone=phone,
            opening_hours=hours,
            activities=activities,
        )
        for name, code, address, phone, hours, activities in CENTRES
    ]


DIRECTORY_INTRO = (
    "<p>Mỗi xã, phường có một trung tâm học tập cộng đồng: nơi người dân học chữ, học nghề, học kỹ năng số và "
    "sinh hoạt câu lạc bộ. Tìm trung tâm gần nhà theo tên, địa chỉ hoặc xã, phường.</p>"
    "<p><em>Danh sách trên trang trình diễn là dữ liệu mẫu.</em></p>"
)
DIRECTORY_INTRO_EN = (
    "<p>Every commune and ward has a community learning centre, where people learn to read and write, learn a "
    "trade and digital skills, and meet in clubs. Find the one near you by name, address or area.</p>"
    "<p><em>The list on the demo site is sample data.</em></p>"
)


def seed(stdout):

    found = areas()
    centres = learning_centres(found)
    home = home_pages()[0]
    directory = upsert_page(
        home,
        LearningCentreIndexPage,
        "trung-tam-hoc-tap-cong-dong",
        {
            "title": "Trung tâm học tập cộng đồng",
            "intro": DIRECTORY_INTRO,
            "search_description": "Trung tâm học tập cộng đồng theo xã, phường: địa chỉ, giờ mở cửa, hoạt động.",
        },
    )
    upsert_page_translation(
        directory,
        en(),
        {
            "title": "Community learning centres",
            "slug": "learning-centres",
            "intro": DIRECTORY_INTRO_EN,
            "search_description": "Directory of community learning centres by commune and ward.",
        },
    )
    stdout.write(f"network: {len(found)} areas, {len(centres)} community learning centres")
